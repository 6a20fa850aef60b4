// docs/app-yaml.md is the complete reference users read: every property the schema accepts is
// named there (as `name` or `name:`), so a new setting cannot land undocumented.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/cli.js';

function propertyNames(schema: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(schema)) for (const s of schema) propertyNames(s, out);
  else if (schema && typeof schema === 'object') {
    const o = schema as Record<string, unknown>;
    if (o.properties && typeof o.properties === 'object') for (const k of Object.keys(o.properties)) out.add(k);
    for (const v of Object.values(o)) propertyNames(v, out);
  }
  return out;
}

describe('docs/app-yaml.md', () => {
  const schema = JSON.parse(readFileSync(path.join(repoRoot, 'schema/app.schema.json'), 'utf8'));
  const doc = readFileSync(path.join(repoRoot, 'docs/app-yaml.md'), 'utf8');
  const names = [...propertyNames(schema)].filter((n) => n !== '$schema');
  const documented = (name: string) => doc.includes(`\`${name}`) || new RegExp(`(^|[\\s{,])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:`, 'm').test(doc);

  it('names every property of app.yaml', () => {
    expect(names.length).toBeGreaterThan(150);
    expect(names.filter((n) => !documented(n))).toEqual([]);
  });

  it('tells a documented name from an undocumented one', () => {
    expect(documented('exposeHeaders')).toBe(true);
    expect(documented('visibilityTimeout')).toBe(true);
    expect(documented('zzUndocumented')).toBe(false);
  });
});
