// The app.yaml snippets in README.md and docs/*.md are exercised: a snippet that is a whole
// manifest (it has a top-level name:) must validate clean, with no warnings; any other YAML
// snippet must be valid YAML, and one made of top-level sections must fit the schema (it may
// refer to things declared elsewhere, so only its shape is checked).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { validateText } from '../../src/pipeline/validate.js';
import { schema } from '../../src/manifest/schema.js';
import { repoRoot } from '../support/cli.js';

interface Snippet {
  where: string;
  text: string;
}

function snippets(): Snippet[] {
  const files = ['README.md', ...readdirSync(path.join(repoRoot, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
  const out: Snippet[] = [];
  for (const file of files) {
    const lines = readFileSync(path.join(repoRoot, file), 'utf8').split('\n');
    for (let i = 0; i < lines.length; i++) {
      if (!/^\s*```ya?ml\s*$/.test(lines[i]!)) continue;
      const indent = lines[i]!.length - lines[i]!.trimStart().length;
      const body: string[] = [];
      let j = i + 1;
      for (; j < lines.length && !/^\s*```\s*$/.test(lines[j]!); j++) body.push(lines[j]!.slice(indent));
      out.push({ where: `${file}:${i + 2}`, text: `${body.join('\n')}\n` });
      i = j;
    }
  }
  return out;
}

const all = snippets();
const whole = all.filter((s) => /^name:/m.test(s.text));
const fragments = all.filter((s) => !whole.includes(s));

describe('docs examples', () => {
  it('finds the snippets', () => {
    expect(whole.length).toBeGreaterThan(0);
    expect(fragments.length).toBeGreaterThan(0);
  });

  it.each(whole.map((s) => [s.where, s.text]))('%s is a whole manifest that validates clean', (_where, text) => {
    const { diagnostics } = validateText(text, { cwd: repoRoot });
    expect(diagnostics.map((d) => `${d.line}:${d.col} ${d.severity} ${d.message}`)).toEqual([]);
  });

  it.each(fragments.map((s) => [s.where, s.text]))('%s is valid YAML of the right shape', (_where, text) => {
    const doc = parseDocument(text);
    expect(doc.errors.map((e) => e.message)).toEqual([]);
    const value = doc.toJS() as Record<string, unknown> | null;
    const sections = Object.keys(schema.properties);
    if (!value || typeof value !== 'object' || !Object.keys(value).every((k) => sections.includes(k))) return;
    const { diagnostics } = validateText(`name: docs\n${text}`, { cwd: repoRoot });
    const shape = diagnostics.filter((d) => /^(schema|yaml)-/.test(d.code));
    expect(shape.map((d) => `${d.line - 1}:${d.col} ${d.message}`)).toEqual([]);
  });
});
