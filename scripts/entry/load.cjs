// Copied to dist/load.cjs by the build. Compiles the CLI bundle (dist/compile.cjs) as Node compiles a
// CommonJS module, but with V8's code cache of it (dist/compile.cjs.cache, made by the build after
// one synth): a cold start then skips compiling what synth and validate run. A cache that does
// not fit this Node (another V8 version or other V8 flags) is rejected by V8, and the bundle
// compiles as it would without one. CommonJS, like the entry that requires it: an ES module
// entry costs Node its module loader's start-up (~0.15× of `node -e 0`).
'use strict';
const { readFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const path = require('node:path');
const vm = require('node:vm');

// A synth is over in a few hundred milliseconds, too soon for most of what TurboFan optimizes
// to pay back its compile time (~45 ms of CPU on the 5× reference app, a third of eda's own
// share of the process): a 4× budget before a function tiers up leaves TurboFan the truly hot
// loops (a 32k-entry app.yaml still gets them). Set before compiling, here and when the build
// makes the code cache, so the cache is made and read under the same V8 flags. Node's own
// modules carry code caches made under its default flags, which V8 rejects once a flag changes
// (each would be parsed and compiled again, ~6 ms in all): the ones synth and validate load
// (commander's child_process, chalk's tty, fs/promises, os, crypto) are loaded first.
for (const name of ['node:child_process', 'node:fs/promises', 'node:os', 'node:tty', 'node:crypto']) require(name);
require('node:v8').setFlagsFromString('--interrupt-budget=270336');

const bundle = path.join(__dirname, 'compile.cjs');
const cacheFile = `${bundle}.cache`;

/** The cache the build made, if there is one. */
function readCache() {
  try {
    return readFileSync(cacheFile);
  } catch {
    return undefined;
  }
}

/** compile.cjs compiled (not yet run), in the wrapper Node gives a CommonJS module. */
function compileBundle(cachedData) {
  const source = readFileSync(bundle, 'utf8');
  return new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: bundle, cachedData });
}

/** Runs the compiled bundle as the module dist/compile.cjs. */
function runBundle(script) {
  const module = { exports: {}, filename: bundle };
  script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, path.dirname(bundle));
}

module.exports = { bundle, cacheFile, readCache, compileBundle, runBundle };
