// Every public pattern under examples/patterns/: written with no resources: or overrides:,
// synthesized by the real CLI, clean under cfn-lint and accepted by AWS's SAM translator.
import { cpSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { cfnLint, samTranslate } from '../support/cfn.js';
import { eda, repoRoot, tempDir } from '../support/cli.js';

const patterns = readdirSync(path.join(repoRoot, 'examples', 'patterns'), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();
const templates = new Map<string, string>();

beforeAll(async () => {
  for (const name of patterns) {
    const dir = tempDir(`eda-pattern-${name}-`);
    cpSync(path.join(repoRoot, 'examples', 'patterns', name), dir, { recursive: true });
    const run = await eda(['synth', '--cwd', dir]);
    expect(run.exitCode, `${name}: ${run.stderr}`).toBe(0);
    templates.set(name, path.join(dir, 'template.yaml'));
  }
}, 300_000);

describe.each(patterns)('pattern %s', (name) => {
  it('is written first-class: no resources: or overrides:, and a README naming the pattern', () => {
    const app = parse(readFileSync(path.join(repoRoot, 'examples', 'patterns', name, 'app.yaml'), 'utf8'));
    expect(app.resources).toBeUndefined();
    expect(app.overrides).toBeUndefined();
    expect(readFileSync(path.join(repoRoot, 'examples', 'patterns', name, 'README.md'), 'utf8')).toContain(name);
  });
});

describe('every pattern template', () => {
  it('is clean under cfn-lint', async () => {
    const lint = await cfnLint([...templates.values()]);
    expect(lint.output).toBe('');
    expect(lint.exitCode).toBe(0);
  }, 600_000);

  it("is accepted by AWS's SAM translator", async () => {
    const results = await samTranslate([...templates.values()]);
    expect(results).toHaveLength(patterns.length);
    for (const r of results) expect(r.errors ?? [], r.file).toEqual([]);
  }, 600_000);
});
