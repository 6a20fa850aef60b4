// A generated project's node_modules for tests: every package of this checkout linked in, and
// eda → this checkout (as a project made from a checkout depends on it).
import { mkdirSync, readdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './cli.js';

export function linkModules(project: string): void {
  const target = path.join(project, 'node_modules');
  mkdirSync(target, { recursive: true });
  const own = path.join(repoRoot, 'node_modules');
  for (const name of readdirSync(own)) {
    if (name === '.bin' || name.startsWith('.')) continue;
    symlinkSync(path.join(own, name), path.join(target, name));
  }
  symlinkSync(repoRoot.replace(/\/$/, ''), path.join(target, 'eda'));
}
