// eda test in a project made by eda new: each starter's own tests (its flow tests through
// eda/testing included) pass. The project's node_modules links this checkout's packages and eda
// itself (as a file: dependency would), so no registry install is needed.
import { execa } from 'execa';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { linkModules } from '../support/link-modules.js';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eda, repoRoot, tempDir } from '../support/cli.js';
import { ensureBuilt } from '../scaffold/support/built.js';

const root = tempDir('eda-test-cmd-');

beforeAll(async () => {
  await ensureBuilt();
}, 180_000);

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('eda test', () => {
  it.each(['order-pipeline', 'blank', 'api', 'fan-out', 'scheduled'])('%s: its flow tests pass through eda test (npm test)', async (starter) => {
    const made = await eda(['new', starter, '--template', starter, '--no-install', '--no-git'], { cwd: root });
    expect(made.exitCode, made.stderr).toBe(0);
    const dir = path.join(root, starter);
    expect(JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).scripts.test).toBe('eda test');
    expect(readdirSync(path.join(dir, 'test'))).toContain('flow.test.ts');
    linkModules(dir);
    const run = await eda(['test', '--cwd', dir, 'test/flow.test.ts', '--reporter', 'verbose'], { cwd: root, env: { CI: '1' } });
    const out = run.stdout + run.stderr;
    expect(run.exitCode, out).toBe(0);
    expect(out).toMatch(/flow\.test\.ts/);
    expect(out).not.toMatch(/\b[1-9]\d* failed/);
    // the tests typecheck against the declarations eda/testing ships
    const tsc = await execa(process.execPath, [path.join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '-p', dir], { reject: false });
    expect(tsc.exitCode, tsc.stdout + tsc.stderr).toBe(0);
  }, 240_000);

  it('fails with a hint when the project has no vitest, and when there is no app.yaml', async () => {
    const made = await eda(['new', 'bare', '--template', 'blank', '--no-install', '--no-git'], { cwd: root });
    expect(made.exitCode).toBe(0);
    const noVitest = await eda(['test', '--cwd', path.join(root, 'bare')], { cwd: root });
    expect(noVitest.exitCode).toBe(1);
    expect(noVitest.stderr).toMatch(/vitest is not installed/);
    expect(noVitest.stderr).toMatch(/npm install/);
    expect(noVitest.stderr).not.toMatch(/\n\s+at /);
    const noApp = await eda(['test', '--cwd', root], { cwd: root });
    expect(noApp.exitCode).toBe(1);
    expect(noApp.stderr).toMatch(/no app\.yaml/);
  }, 120_000);
});
