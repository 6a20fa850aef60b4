// eda new in a real terminal (a pseudo-terminal driven by test/support/pty.py): the prompts
// ask for what flags did not give, and Ctrl-C at a prompt leaves nothing behind.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bin, tempDir } from '../support/cli.js';
import { keys, runInPty } from '../support/pty.js';
import { ensureBuilt } from '../scaffold/support/built.js';

beforeAll(async () => {
  await ensureBuilt();
}, 180_000);

describe('eda new in a terminal', () => {
  it('asks for the folder, name, starter and package manager', async () => {
    const dir = tempDir('eda-pty-');
    const run = await runInPty(
      ['node', bin, 'new', '--no-install', '--no-git'],
      [
        { expect: 'Project folder', send: `demo${keys.enter}` },
        { expect: 'App name', send: `${'\u007f'.repeat(4)}my-demo${keys.enter}` },
        { expect: 'Starter', send: `${keys.down}${keys.enter}` },
        { expect: 'Package manager', send: keys.enter },
      ],
      { cwd: dir },
    );
    expect(run.exitCode, run.output + run.stderr).toBe(0);
    expect(run.output).toContain('Created my-demo in demo/ from the api starter');
    const appYaml = readFileSync(path.join(dir, 'demo', 'app.yaml'), 'utf8');
    expect(appYaml).toMatch(/^name: my-demo$/m);
    expect(appYaml).toContain('items:');
  });

  it('only asks what the flags left open', async () => {
    const dir = tempDir('eda-pty-');
    const run = await runInPty(
      ['node', bin, 'new', 'svc', '--name', 'svc', '--package-manager', 'npm', '--no-install', '--no-git'],
      [{ expect: 'Starter', send: `${keys.down}${keys.down}${keys.down}${keys.enter}` }],
      { cwd: dir },
    );
    expect(run.exitCode, run.output).toBe(0);
    expect(run.output).not.toContain('Project folder');
    expect(run.output).toContain('from the fan-out starter');
  });

  it('Ctrl-C at a prompt exits 130 and writes nothing', async () => {
    const dir = tempDir('eda-pty-');
    const run = await runInPty(['node', bin, 'new', 'x', '--no-install', '--no-git'], [
        { expect: 'App name', send: keys.enter },
        { expect: 'Starter', send: keys.ctrlC },
      ], { cwd: dir });
    expect(run.exitCode).toBe(130);
    expect(run.output).toContain('Cancelled');
    expect(readdirSync(dir)).toEqual([]);
    expect(existsSync(path.join(dir, 'x'))).toBe(false);
  });
});
