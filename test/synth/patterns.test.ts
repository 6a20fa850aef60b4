// Every public pattern rewritten under examples/patterns/<pattern>/app.yaml (no resources:, no
// overrides:): synthesized by the real CLI, clean under cfn-lint, accepted by AWS's SAM translator.
import { cpSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { cfnLint, samTranslate } from '../support/cfn.js';
import { eda, repoRoot } from '../support/cli.js';

const patterns = readdirSync(path.join(repoRoot, 'examples', 'patterns')).sort();
const dirs = new Map<string, string>();

beforeAll(async () => {
  for (const name of patterns) {
    const dir = mkdtempSync(path.join(tmpdir(), `eda-pattern-${name}-`));
    cpSync(path.join(repoRoot, 'examples', 'patterns', name), dir, { recursive: true });
    const run = await eda(['synth', '--cwd', dir]);
    expect(run.exitCode, `${name}: ${run.stderr}`).toBe(0);
    dirs.set(name, dir);
  }
}, 300_000);

describe.each(patterns)('pattern %s', (name) => {
  it('is written with eda entries only (no resources:, no overrides:) and says what it reproduces', () => {
    const app = parse(readFileSync(path.join(repoRoot, 'examples', 'patterns', name, 'app.yaml'), 'utf8'));
    expect(app.resources).toBeUndefined();
    expect(app.overrides).toBeUndefined();
    expect(readFileSync(path.join(repoRoot, 'examples', 'patterns', name, 'README.md'), 'utf8')).toContain(name);
  });
});

describe('every pattern template', () => {
  const files = () => patterns.map((n) => path.join(dirs.get(n)!, 'template.yaml'));

  it('is clean under cfn-lint (no errors, no warnings)', async () => {
    const lint = await cfnLint(files());
    expect(lint.output).toBe('');
    expect(lint.exitCode).toBe(0);
  }, 600_000);

  it("is accepted by AWS's SAM translator", async () => {
    for (const r of await samTranslate(files())) expect(r.errors ?? [], r.file).toEqual([]);
  }, 600_000);
});
