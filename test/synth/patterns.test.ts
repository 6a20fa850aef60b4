// Every public serverless pattern reproduced under examples/patterns/: synthesized by the real
// CLI with no errors, clean under cfn-lint, and accepted by AWS's SAM translator.
import { cpSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cfnLint, samTranslate } from '../support/cfn.js';
import { eda, repoRoot, tempDir } from '../support/cli.js';

const patterns = readdirSync(path.join(repoRoot, 'examples', 'patterns')).sort();
const dirs = new Map<string, string>();

beforeAll(async () => {
  for (const name of patterns) {
    const dir = tempDir(`eda-pattern-${name}-`);
    cpSync(path.join(repoRoot, 'examples', 'patterns', name), dir, { recursive: true });
    const run = await eda(['synth', '--cwd', dir]);
    expect(run.stderr, name).toBe('');
    expect(run.exitCode, name).toBe(0);
    dirs.set(name, dir);
  }
}, 300_000);

describe('every pattern template', () => {
  it('is clean under cfn-lint (no errors, no warnings)', async () => {
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
