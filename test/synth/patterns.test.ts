// Every public pattern written as an app (examples/patterns/*/app.yaml, no resources: or
// overrides:): synthesized by the real CLI, clean under cfn-lint, accepted by the SAM translator.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { cfnLint, samTranslate } from '../support/cfn.js';
import { eda, repoRoot, tempDir } from '../support/cli.js';
import { cpSync } from 'node:fs';

const root = path.join(repoRoot, 'examples', 'patterns');
const patterns = existsSync(root) ? readdirSync(root).filter((n) => existsSync(path.join(root, n, 'app.yaml'))).sort() : [];
const dirs = new Map<string, string>();

beforeAll(async () => {
  for (const name of patterns) {
    const dir = tempDir(`eda-pattern-${name}-`);
    cpSync(path.join(root, name), dir, { recursive: true });
    const run = await eda(['synth', '--cwd', dir]);
    expect(run.exitCode, run.stderr).toBe(0);
    dirs.set(name, dir);
  }
}, 300_000);

describe.each(patterns)('pattern %s', (name) => {
  it('uses no resources: or overrides:, and says which public pattern it reproduces', () => {
    const app = parse(readFileSync(path.join(root, name, 'app.yaml'), 'utf8'));
    expect(app.resources).toBeUndefined();
    expect(app.overrides).toBeUndefined();
    expect(readFileSync(path.join(root, name, 'README.md'), 'utf8')).toContain(name);
  });
});

describe('every pattern template', () => {
  it('is clean under cfn-lint', async () => {
    const lint = await cfnLint(patterns.map((n) => path.join(dirs.get(n)!, 'template.yaml')));
    expect(lint.output).toBe('');
    expect(lint.exitCode).toBe(0);
  }, 300_000);

  it("is accepted by AWS's SAM translator", async () => {
    const results = await samTranslate(patterns.map((n) => path.join(dirs.get(n)!, 'template.yaml')));
    expect(results).toHaveLength(patterns.length);
    for (const r of results) expect(r.errors ?? [], r.file).toEqual([]);
  }, 300_000);
});
