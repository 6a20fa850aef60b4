// Which eda a new project depends on: this copy (file:) when eda runs from a clone or a local
// build, the published range when a package manager installed it, EDA_PACKAGE_SPEC when set;
// and what a failed install says to do.
import { execa } from 'execa';
import { chmodSync, cpSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { edaDependency, installHint, isInstalledPackage } from '../../src/scaffold/eda-dependency.js';
import { eda, repoRoot, tempDir } from '../support/cli.js';
import { ensureBuilt } from '../scaffold/support/built.js';

const repo = repoRoot.replace(/\/$/, '');
const version = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')).version as string;
const devDependency = (dir: string) => JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).devDependencies.eda as string;

beforeAll(async () => {
  await ensureBuilt();
}, 180_000);

/** eda as a package manager lays it out: <tmp>/node_modules/eda, its dependencies beside it. */
function installedCopy(): string {
  const root = path.join(tempDir('eda-installed-'), 'node_modules', 'eda');
  for (const part of ['bin', 'dist', 'templates', 'schema', 'package.json']) cpSync(path.join(repo, part), path.join(root, part), { recursive: true });
  symlinkSync(path.join(repo, 'node_modules'), path.join(root, 'node_modules'));
  return root;
}

/** A folder holding a fake `npm` whose install fails the way the registry answers a missing package. */
function failingNpm(): string {
  const dir = tempDir('eda-fake-npm-');
  writeFileSync(
    path.join(dir, 'npm'),
    [
      '#!/bin/sh',
      'echo "npm error code E404" >&2',
      `echo "npm error 404 Not Found - GET https://registry.npmjs.org/eda - Not found" >&2`,
      `echo "npm error 404  'eda@^${version}' is not in this registry." >&2`,
      'exit 1',
      '',
    ].join('\n'),
  );
  chmodSync(path.join(dir, 'npm'), 0o755);
  return dir;
}

describe('the eda a new project depends on', { timeout: 120_000 }, () => {
  it('from a clone: this copy, as file:<absolute path>, and the output says so', async () => {
    const dir = tempDir('eda-new-');
    const run = await eda(['new', 'app', '--template', 'blank', '--no-install', '--no-git'], { cwd: dir });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(devDependency(path.join(dir, 'app'))).toBe(`file:${repo}`);
    expect(run.stdout).toContain(`This eda is not installed from the registry, so package.json depends on this copy of it: file:${repo}`);
  });

  it('installed by a package manager: the published range, and nothing said about it', async () => {
    const dir = tempDir('eda-new-');
    const run = await execa('node', [path.join(installedCopy(), 'bin', 'eda.js'), 'new', 'app', '--template', 'blank', '--no-install', '--no-git'], { cwd: dir, reject: false, env: { NO_COLOR: '1' } });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(devDependency(path.join(dir, 'app'))).toBe(`^${version}`);
    expect(run.stdout).not.toContain('not installed from the registry');
  });

  it('EDA_PACKAGE_SPEC still wins', async () => {
    const dir = tempDir('eda-new-');
    const run = await eda(['new', 'app', '--template', 'blank', '--no-install', '--no-git'], { cwd: dir, env: { EDA_PACKAGE_SPEC: 'file:/elsewhere/eda' } });
    expect(run.exitCode).toBe(0);
    expect(devDependency(path.join(dir, 'app'))).toBe('file:/elsewhere/eda');
    expect(run.stdout).not.toContain('not installed from the registry');
  });

  it('an install that fails because the registry has no such eda says what to do, not "run it again"', async () => {
    const copy = installedCopy();
    const dir = tempDir('eda-new-');
    const run = await execa('node', [path.join(copy, 'bin', 'eda.js'), 'new', 'app', '--template', 'blank', '--no-git'], {
      cwd: dir,
      reject: false,
      env: { NO_COLOR: '1', PATH: `${failingNpm()}:${process.env.PATH}` },
    });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('npm install failed (exit code 1)');
    expect(run.stderr).toContain(`hint: the registry has no eda ^${version}: point package.json at a copy of eda (npm pkg set devDependencies.eda=file:<folder of eda>`);
    expect(run.stderr).not.toContain('run it again');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('edaDependency and installHint', () => {
  it('tells an installed package from a clone by a node_modules folder above it', () => {
    expect(isInstalledPackage('/home/me/.npm/_npx/1a2b/node_modules/eda')).toBe(true);
    expect(isInstalledPackage('/usr/lib/node_modules/eda')).toBe(true);
    expect(isInstalledPackage('/home/me/src/eda')).toBe(false);
    expect(edaDependency({}, '/home/me/src/eda')).toEqual({ spec: 'file:/home/me/src/eda', source: 'local' });
    expect(edaDependency({}, '/usr/lib/node_modules/eda')).toEqual({ spec: `^${version}`, source: 'registry' });
    expect(edaDependency({ EDA_PACKAGE_SPEC: 'file:../eda' }, '/usr/lib/node_modules/eda')).toEqual({ spec: 'file:../eda', source: 'env' });
  });

  it('names the cause of a failed install when it can', () => {
    const local = { spec: 'file:/gone/eda', source: 'local' as const };
    expect(installHint(local, "npm error enoent Could not read package.json: Error: ENOENT: no such file or directory, open '/gone/eda/package.json'", 'npm install')).toContain(
      'package.json asks for eda at file:/gone/eda, which cannot be installed from there',
    );
    expect(installHint({ spec: '^0.1.0', source: 'registry' }, 'npm error notarget No matching version found for eda@^0.1.0.', 'npm install')).toContain('the registry has no eda ^0.1.0');
    expect(installHint({ spec: '^0.1.0', source: 'registry' }, 'npm error network ETIMEDOUT', 'npm install')).toBe('the project is created; fix what the log above shows, then run npm install');
  });
});
