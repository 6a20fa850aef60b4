// Runs the built CLI (bin/eda.js → dist/) as a user would, in temp folders.
import { execa } from 'execa';
import { cpSync, mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
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
