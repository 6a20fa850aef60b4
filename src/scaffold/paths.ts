// eda's own files: templates/ and the versions in its package.json.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../core/package-root.js';

interface OwnPackage {
  version: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

let cached: OwnPackage | undefined;

export function ownPackage(): OwnPackage {
  cached ??= JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as OwnPackage;
  return cached;
}

export function templatesDir(): string {
  return path.join(packageRoot(), 'templates');
}

/** The version range eda itself declares for a package, or a fallback. */
export function rangeOf(name: string, fallback: string): string {
  const pkg = ownPackage();
  return pkg.devDependencies?.[name] ?? pkg.dependencies?.[name] ?? fallback;
}
