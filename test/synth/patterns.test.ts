// Every AWS serverless pattern reproduced under examples/patterns/: it validates, synthesizes
// with the real CLI, and its template is clean under cfn-lint and accepted by AWS's SAM translator.
import { cpSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cfnLint, samTranslate } from '../support/cfn.js';
import { eda, repoRoot, tempDir } from '../support/cli.js';

const patterns = readdirSync(path.join(repoRoot, 'examples', 'patterns')).sort();
const dirs = new Map<string, string>();

beforeAll(async () => {
  for (const name of patterns) {
    const dir = tempDir(`eda-${name}-`);
    cpSync(path.join(repoRoot, 'examples', 'patterns', name), dir, { recursive: true });
    dirs.set(name, dir);
  }
}, 60_000);

describe.each(patterns)('pattern %s', (name) => {
  it('validates and synthesizes', async () => {
    const validate = await eda(['validate', '--cwd', dirs.get(name)!]);
    expect(validate.exitCode, validate.stderr).toBe(0);
    const synth = await eda(['synth', '--cwd', dirs.get(name)!]);
    expect(synth.exitCode, synth.stderr).toBe(0);
  }, 120_000);
});

describe('every pattern template', () => {
  const templates = () => patterns.map((n) => path.join(dirs.get(n)!, 'template.yaml'));

  it('is clean under cfn-lint', async () => {
    const lint = await cfnLint(templates());
    expect(lint.output).toBe('');
    expect(lint.exitCode).toBe(0);
  }, 600_000);

  it("is accepted by AWS's SAM translator", async () => {
    for (const r of await samTranslate(templates())) expect(r.errors ?? [], r.file).toEqual([]);
  }, 600_000);
});
