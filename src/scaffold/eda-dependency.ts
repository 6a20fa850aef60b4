// How a new project's package.json names eda itself. A registry install of eda asks for its
// published range; a clone or a local build (no node_modules above eda's folder) asks for
// this very copy (file:<folder>), since its version may not exist in the registry.
import path from 'node:path';
import { packageRoot } from '../core/package-root.js';
import { ownPackage } from './paths.js';

export interface EdaDependency {
  /** What package.json says: ^0.1.0, file:/home/me/eda, or EDA_PACKAGE_SPEC. */
  spec: string;
  /** Where it came from: EDA_PACKAGE_SPEC, the registry range, or the running copy. */
  source: 'env' | 'registry' | 'local';
}

/** Whether eda's folder sits inside a node_modules folder (a package manager installed it). */
export function isInstalledPackage(root: string): boolean {
  return path.resolve(root).split(path.sep).includes('node_modules');
}

export function edaDependency(env: NodeJS.ProcessEnv = process.env, root: string = packageRoot()): EdaDependency {
  if (env.EDA_PACKAGE_SPEC) return { spec: env.EDA_PACKAGE_SPEC, source: 'env' };
  if (isInstalledPackage(root)) return { spec: `^${ownPackage().version}`, source: 'registry' };
  return { spec: `file:${path.resolve(root)}`, source: 'local' };
}

/** What to do when the project's install failed, given the install's output. */
export function installHint(dep: EdaDependency, log: string, run: string): string {
  const edaMissing = /\b(E404|ETARGET|404 Not Found)\b[\s\S]{0,200}\beda\b|No matching version found for eda@/i.test(log);
  if (dep.spec.startsWith('file:') && /ENOENT|Could not install from|ENOTDIR/i.test(log)) {
    return `package.json asks for eda at ${dep.spec}, which cannot be installed from there: point it at a copy of eda that exists (npm pkg set devDependencies.eda=file:<folder of eda>), then run ${run}`;
  }
  if (edaMissing) {
    return `the registry has no eda ${dep.spec}: point package.json at a copy of eda (npm pkg set devDependencies.eda=file:<folder of eda>, or create the project with EDA_PACKAGE_SPEC=file:<folder of eda>), then run ${run}`;
  }
  return `the project is created; fix what the log above shows, then run ${run}`;
}
