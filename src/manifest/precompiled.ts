// The JSON-schema validators the build precompiles (dist/app-schema.cjs, dist/asl-schema.cjs),
// loaded on first use. The synth/validate bundle (dist/compile.cjs) replaces this module with one
// that requires them statically, so they are part of the bundle and of its V8 code cache.
import { createRequire } from 'node:module';
import path from 'node:path';
import { packageRoot } from '../core/package-root.js';

export type PrecompiledName = 'app-schema' | 'asl-schema';

/** dist/<name>.cjs's exports; throws when the build has not made it. */
export function loadPrecompiled(name: PrecompiledName): unknown {
  return createRequire(import.meta.url)(path.join(packageRoot(), 'dist', `${name}.cjs`));
}
