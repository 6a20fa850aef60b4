// The e2e tests run the built CLI (bin/eda.js → dist/). This builds it once when dist/ is
// missing or older than src/, with a lock so parallel test files don't build at once.
import { execa } from 'execa';
import { mkdirSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

function newest(dir: string): number {
  let max = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    max = Math.max(max, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return max;
}

function fresh(): boolean {
  try {
    return statSync(path.join(repoRoot, 'dist', 'main.js')).mtimeMs >= newest(path.join(repoRoot, 'src'));
  } catch {
    return false;
  }
}

export async function ensureBuilt(): Promise<void> {
  if (fresh()) return;
  const lock = path.join(tmpdir(), `eda-build-${Buffer.from(repoRoot).toString('hex').slice(-24)}.lock`);
  const started = Date.now();
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() - statSafe(lock) > 120_000) rmdirSafe(lock);
      if (Date.now() - started > 180_000) throw new Error('waited 3 minutes for another build');
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    if (!fresh()) await execa('npm', ['run', 'build'], { cwd: repoRoot });
  } finally {
    rmdirSafe(lock);
  }
}

function statSafe(p: string): number {
  try {
    return statSync(p).mtimeMs;
  } catch {
    return Date.now();
  }
}

function rmdirSafe(p: string): void {
  try {
    rmdirSync(p);
  } catch {
    /* gone already */
  }
}
