// Every public pattern under examples/patterns/: validated and synthesized by the real CLI,
// clean under cfn-lint and accepted by AWS's SAM translator, written with no raw `resources:`
// or `overrides:`.
import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { cfnLint, samTranslate } from '../support/cfn.js';
import { eda, repoRoot, tempDir } from '../support/cli.js';

const root = path.join(repoRoot, 'examples', 'patterns');
const patterns = readdirSync(root).filter((name) => existsSync(path.join(root, name, 'app.yaml')));
const dirs = new Map<string, string>();

beforeAll(async () => {
  for (const name of patterns) {
    const dir = path.join(tempDir('eda-pattern-'), name);
    cpSync(path.join(root, name), dir, { recursive: true });
    const validate = await eda(['validate', '--cwd', dir]);
    expect(validate.exitCode, validate.stderr).toBe(0);
    const run = await eda(['synth', '--cwd', dir]);
    expect(run.exitCode, run.stderr).toBe(0);
    dirs.set(name, dir);
  }
}, 300_000);

describe('examples/patterns', () => {
  it('has patterns', () => expect(patterns.length).toBeGreaterThan(0));

  it.each(patterns)('%s uses no resources: or overrides:, and has a README', (name) => {
    const app = parse(readFileSync(path.join(root, name, 'app.yaml'), 'utf8'));
    expect(app.resources).toBeUndefined();
    expect(app.overrides).toBeUndefined();
    expect(existsSync(path.join(root, name, 'README.md'))).toBe(true);
  });

  it('are clean under cfn-lint', async () => {
    const lint = await cfnLint(patterns.map((n) => path.join(dirs.get(n)!, 'template.yaml')));
    expect(lint.output).toBe('');
    expect(lint.exitCode).toBe(0);
  }, 300_000);

  it("are accepted by AWS's SAM translator", async () => {
    const results = await samTranslate(patterns.map((n) => path.join(dirs.get(n)!, 'template.yaml')));
    for (const r of results) expect(r.errors ?? [], r.file).toEqual([]);
  }, 300_000);
});
