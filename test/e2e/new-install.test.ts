// The promise of `eda new`: a fresh project passes its own npm install, typecheck and tests.
// Slow (a real npm install from the registry), so one install serves all five starters: the
// order-pipeline project's node_modules holds every package the other starters import.
import { execa } from 'execa';
import { readFileSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eda, repoRoot, tempDir } from '../support/cli.js';
import { ensureBuilt } from '../scaffold/support/built.js';

const root = tempDir('eda-install-');
// No EDA_PACKAGE_SPEC: run from this clone, eda new points the project at this copy by itself.
const thisCopy = `file:${repoRoot.replace(/\/$/, '')}`;
const env: Record<string, string> = {};

beforeAll(async () => {
  await ensureBuilt();
}, 180_000);

// A real node_modules is big: don't leave it in the temp folder.
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('a new project installs, typechecks and passes its own tests', () => {
  let shop: string;

  beforeAll(async () => {
    const run = await eda(['new', 'shop', '--template', 'order-pipeline', '--no-git'], { cwd: root, env });
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('Installed dependencies');
    shop = path.join(root, 'shop');
  }, 600_000);

  it('order-pipeline: npm run typecheck && npm test, then eda synth through its own script', async () => {
    expect(JSON.parse(readFileSync(path.join(shop, 'package.json'), 'utf8')).devDependencies.eda).toBe(thisCopy);
    const typecheck = await execa('npm', ['run', 'typecheck'], { cwd: shop, reject: false });
    expect(typecheck.stdout + typecheck.stderr).not.toContain('error TS');
    expect(typecheck.exitCode).toBe(0);
    const test = await execa('npm', ['test'], { cwd: shop, reject: false, env: { CI: '1' } });
    expect(test.exitCode, test.stdout + test.stderr).toBe(0);
    const synth = await execa('npm', ['run', 'synth'], { cwd: shop, reject: false });
    expect(synth.exitCode, synth.stdout + synth.stderr).toBe(0);
  }, 300_000);

  it.each(['blank', 'api', 'fan-out', 'scheduled'])('%s: typecheck and tests pass', async (s) => {
    const run = await eda(['new', s, '--template', s, '--no-install', '--no-git'], { cwd: root, env });
    expect(run.exitCode).toBe(0);
    const dir = path.join(root, s);
    symlinkSync(path.join(shop, 'node_modules'), path.join(dir, 'node_modules'));
    const typecheck = await execa('npx', ['tsc', '--noEmit'], { cwd: dir, reject: false });
    expect(typecheck.exitCode, typecheck.stdout + typecheck.stderr).toBe(0);
    const test = await execa('npx', ['vitest', 'run'], { cwd: dir, reject: false, env: { CI: '1' } });
    expect(test.exitCode, test.stdout + test.stderr).toBe(0);
  }, 300_000);
});
