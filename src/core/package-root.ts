import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/** The folder of eda's own package.json (works from src/ in tests and from dist/ when bundled). */
export function packageRoot(): string {
  if (root) return root;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg) && JSON.parse(readFileSync(pkg, 'utf8')).name === 'eda') return (root = dir);
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('cannot find the eda package folder');
    dir = parent;
  }
}
