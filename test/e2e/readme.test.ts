// The repository README's own commands, taken from README.md and run as written by a shell
// (in a stand-in for a fresh clone whose `npm ci` has run), so the README cannot drift from
// what works.
import { execa } from 'execa';
import { cpSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { eda, npxShim, repoRoot, tempDir } from '../support/cli.js';
import { ensureBuilt } from '../scaffold/support/built.js';

const repo = repoRoot.replace(/\/$/, '');
const readme = readFileSync(path.join(repo, 'README.md'), 'utf8');

beforeAll(async () => {
  await ensureBuilt();
}, 180_000);

/** The commands of the first ```sh block after `marker`, comments dropped, split at &&. */
function commandsAfter(marker: string): string[] {
  const at = readme.indexOf(marker);
  expect(at, marker).toBeGreaterThanOrEqual(0);
  const block = /```sh\n([\s\S]*?)```/.exec(readme.slice(at))![1]!;
  return block
    .split('\n')
    .map((l) => l.replace(/\s+#.*$/, '').trim())
    .filter(Boolean)
    .flatMap((l) => l.split('&&').map((c) => c.trim()));
}

/** A stand-in for a fresh clone after `npm ci`: examples/ copied, so what the commands write stays there. */
function clone(): string {
  const dir = tempDir('eda-clone-');
  cpSync(path.join(repo, 'examples'), path.join(dir, 'examples'), { recursive: true });
  return dir;
}

// `npx eda` runs this repository's built CLI (npx itself, which links the clone into its cache, is npm's business).
const shim = npxShim();
const shell = (command: string, cwd: string, env: Record<string, string> = {}) =>
  execa('sh', ['-c', command], { cwd, reject: false, env: { NO_COLOR: '1', ...env, PATH: `${shim}:${process.env.PATH}` } });

describe('README.md', { timeout: 180_000 }, () => {
  it('quick start: the commands run as written (npm ci has run; npm test is this suite)', async () => {
    const commands = commandsAfter('## Quick start');
    expect(commands).toEqual(['npm ci', 'npx eda synth --cwd examples/order-pipeline', 'npm ci', 'npm test']);
    const dir = clone();
    for (const command of commands.filter((c) => c !== 'npm ci' && c !== 'npm test')) {
      const run = await shell(command, dir);
      expect(run.exitCode, `${command}\n${run.stdout}\n${run.stderr}`).toBe(0);
    }
    const check = await eda(['synth', '--check', '--cwd', 'examples/order-pipeline'], { cwd: dir });
    expect(check.exitCode, check.stderr).toBe(0);
    expect(readFileSync(path.join(dir, 'examples/order-pipeline/template.yaml'), 'utf8')).toBe(readFileSync(path.join(repo, 'examples/order-pipeline/template.yaml'), 'utf8'));
  });

  it('start your own project: eda new from the clone makes a project that depends on the clone', async () => {
    const [command, ...rest] = commandsAfter('Start your own project');
    expect(rest).toEqual([]);
    expect(command).toMatch(/^npx eda new ~\/shop --template order-pipeline$/);
    const dir = clone();
    const home = tempDir('eda-home-');
    // The install itself is proven by new-install.test.ts; here the command is run offline.
    const run = await shell(`${command} --no-install --no-git`, dir, { HOME: home });
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain(`package.json depends on this copy of it: file:${repo}`);
    const shop = path.join(home, 'shop');
    expect(JSON.parse(readFileSync(path.join(shop, 'package.json'), 'utf8')).devDependencies.eda).toBe(`file:${repo}`);
    const check = await eda(['synth', '--check'], { cwd: shop });
    expect(check.exitCode, check.stderr).toBe(0);
  });
});
