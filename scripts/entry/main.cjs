// Copied to dist/main.cjs by the build: eda's entry (bin/eda.js requires it). `synth` and `validate`
// run the CommonJS bundle from V8's code cache (see load.cjs); every other command runs the
// code-split ESM build (cli.js), whose modules load only when a command needs them. Both are
// the same program. With --debug (or EDA_DEBUG=1) the ESM build runs, with source maps.
'use strict';
const command = process.argv.slice(2).find((arg) => !arg.startsWith('-'));
const debug = process.argv.includes('--debug') || process.env.EDA_DEBUG === '1';

if ((command === 'synth' || command === 'validate') && !debug) {
  const { compileBundle, readCache, runBundle } = require('./load.cjs');
  runBundle(compileBundle(readCache()));
} else import('./cli.js');
