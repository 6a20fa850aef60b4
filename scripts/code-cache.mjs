// Run by the build: makes dist/compile.cjs.cache, V8's code cache of the CLI bundle, after running one
// `eda synth --cwd <folder>` in this process, so the cache holds every function synth compiled
// (not only the bundle's top level). Usage: node scripts/code-cache.mjs <project folder>
import { renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const { bundle, cacheFile, compileBundle, runBundle } = createRequire(import.meta.url)('../dist/load.cjs');

const cwd = process.argv[2];
process.argv = [process.argv[0], bundle, 'synth', '--cwd', cwd];
const script = compileBundle(undefined);
process.on('exit', () => {
  if (process.exitCode) return;
  const temp = `${cacheFile}.${process.pid}`;
  writeFileSync(temp, script.createCachedData());
  renameSync(temp, cacheFile);
});
runBundle(script);
