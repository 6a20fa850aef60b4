// The README of a new project promises that its "Growing the app" commands work in order:
// taken from the README each starter writes, run as written by a shell in that project, every
// one must succeed, and the app must stay valid, in sync and cfn-lint clean.
import { execa } from 'execa';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cfnLint } from '../support/cfn.js';
import { eda, npxShim, tempDir } from '../support/cli.js';
import { ensureBuilt } from '../scaffold/support/built.js';

const starters = ['blank', 'api', 'order-pipeline', 'fan-out', 'scheduled'];

beforeAll(async () => {
  await ensureBuilt();
}, 180_000);

/** The commands of the ```sh block under "## Growing the app". */
function growingCommands(readme: string): string[] {
  const section = readme.slice(readme.indexOf('## Growing the app'));
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  return block
    .split('\n')
    .map((l) => l.replace(/\s+#.*$/, '').trim())
    .filter(Boolean);
}

describe("a new project's README: 'Growing the app' runs in order", { timeout: 300_000 }, () => {
  const root = tempDir('eda-grow-');
  // `npx eda` runs the built CLI of this repository (the project has no node_modules here).
  const PATH = `${npxShim()}:${process.env.PATH}`;

  it.each(starters)('%s', async (s) => {
    const created = await eda(['new', s, '--template', s, '--no-install', '--no-git'], { cwd: root });
    expect(created.exitCode, created.stderr).toBe(0);
    const dir = path.join(root, s);
    const commands = growingCommands(readFileSync(path.join(dir, 'README.md'), 'utf8'));
    expect(commands.length).toBeGreaterThanOrEqual(4);
    for (const command of commands) {
      expect(command.startsWith('npx eda ')).toBe(true);
      const run = await execa('sh', ['-c', command], { cwd: dir, reject: false, env: { NO_COLOR: '1', PATH } });
      expect(run.exitCode, `${command}\n${run.stdout}\n${run.stderr}`).toBe(0);
    }
    const validate = await eda(['validate'], { cwd: dir });
    expect(validate.exitCode, validate.stdout + validate.stderr).toBe(0);
    expect(validate.stderr).toBe('');
    const check = await eda(['synth', '--check'], { cwd: dir });
    expect(check.exitCode, check.stderr).toBe(0);
    const lint = await cfnLint([path.join(dir, 'template.yaml')]);
    expect(lint.output).toBe('');
  });
});
