// Copied to dist/main.js by the build: eda's entry (bin/eda.js imports it). `synth` and `validate`
// run the CommonJS bundle from V8's code cache (see load.js); every other command runs the
// code-split ESM build (cli.js), whose modules load only when a command needs them. Both are
// the same program. With --debug (or EDA_DEBUG=1) the ESM build runs, with source maps.
const command = process.argv.slice(2).find((arg) => !arg.startsWith('-'));
const debug = process.argv.includes('--debug') || process.env.EDA_DEBUG === '1';

if ((command === 'synth' || command === 'validate') && !debug) {
  const { compileBundle, readCache, runBundle } = await import('./load.js');
  runBundle(compileBundle(readCache()));
} else await import('./cli.js');
