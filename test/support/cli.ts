// Runs the built CLI (bin/eda.js → dist/) as a user would, in temp folders.
import { execa } from 'execa';
import { chmodSync, cpSync, mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const bin = path.join(repoRoot, 'bin', 'eda.js');

export interface Run {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export async function eda(args: string[], opts: { cwd?: string; env?: Record<string, string>; input?: string } = {}): Promise<Run> {
  const r = await execa('node', [bin, ...args], {
    cwd: opts.cwd ?? repoRoot,
    env: { NO_COLOR: '1', ...opts.env },
    input: opts.input,
    reject: false,
    timeout: 120_000,
  });
  return { exitCode: r.exitCode ?? 1, stdout: r.stdout, stderr: r.stderr };
}

export function tempDir(prefix = 'eda-test-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/** A temp project holding the given files (path → content). */
export function tempProject(files: Record<string, string>): string {
  const dir = tempDir();
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  }
  return dir;
}

/** A temp copy of examples/<name>. */
export function copyExample(name: string): string {
  const dir = tempDir(`eda-${name}-`);
  cpSync(path.join(repoRoot, 'examples', name), dir, { recursive: true });
  return dir;
}

/**
 * A folder holding an `npx` that runs this repository's built CLI for `npx eda ...` (and
 * refuses anything else), to put first on PATH: documented commands run as written by a
 * shell, without installing eda from anywhere.
 */
export function npxShim(): string {
  const dir = tempDir('eda-npx-');
  const script = ['#!/bin/sh', 'if [ "$1" != eda ]; then echo "this test runs only npx eda" >&2; exit 127; fi', 'shift', `exec node ${JSON.stringify(bin)} "$@"`, ''];
  writeFileSync(path.join(dir, 'npx'), script.join('\n'));
  chmodSync(path.join(dir, 'npx'), 0o755);
  return dir;
}

/** Runs eda in dir and returns its stdout; a non-zero exit fails with the command and its output. */
export async function edaOk(dir: string, args: string[]): Promise<string> {
  const run = await eda(args, { cwd: dir });
  if (run.exitCode !== 0) throw new Error(`eda ${args.join(' ')} exited ${run.exitCode}\n${run.stdout}\n${run.stderr}`);
  return run.stdout;
}
