// A project synthesized inside the repo (so tsc finds the SDK clients and @types in its
// node_modules), and a strict type check of one handler written into it.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { expect } from 'vitest';
import { eda, repoRoot } from './cli.js';

/** Writes app.yaml and the given files into a new folder of the repo, runs eda synth there, returns the folder. */
export async function synthesizedProject(prefix: string, app: string, files: Record<string, string> = {}): Promise<string> {
  const dir = mkdtempSync(path.join(repoRoot, prefix));
  writeFileSync(path.join(dir, 'app.yaml'), app);
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), content);
  }
  const run = await eda(['synth', '--cwd', dir]);
  expect(run.exitCode, run.stderr).toBe(0);
  return dir;
}

/** tsc --strict on src/handlers/probe.ts holding `handler`: its output ('' when it type-checks). */
export async function typecheckHandler(dir: string, handler: string): Promise<string> {
  const file = path.join(dir, 'src', 'handlers', 'probe.ts');
  writeFileSync(file, handler);
  const tsc = path.join(repoRoot, 'node_modules', '.bin', 'tsc');
  const r = await execa(tsc, ['--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--types', 'node', '--skipLibCheck', file], { reject: false, cwd: dir });
  return (r.stdout + r.stderr).replace(/\r/g, '');
}
