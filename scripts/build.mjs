// Builds dist/: the CLI twice from src/cli/main.ts, and an entry (main.cjs) that picks one.
// - cli.js + chunks/: ESM with code splitting (each command's modules load only when it runs, so
//   `eda --help` stays near node startup), for every command but the two below.
// - compile.cjs + compile.cjs.cache: one CommonJS bundle with V8's code cache of it, made by
//   running one synth of an example, for `synth` and `validate`: a cold start then skips compiling
//   most of what they run (Node 20 has no module compile cache). Each process loads one of them.
// Plus precompiled JSON-schema validators for app.yaml and for Amazon States Language
// (compiling them at run time costs ~300 ms a process).
import { build, transformSync } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const { default: Ajv, _ } = require('ajv');
const { default: standaloneCode } = require('ajv/dist/standalone');

// Built beside dist/ and swapped in at the end, so a running eda never sees a half-built dist.
const out = `${root}/dist.building-${process.pid}`;
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const minify = (code) => transformSync(code, { minify: true, format: 'cjs', platform: 'node', target: 'node20' }).code;

// app.yaml's schema: allErrors + verbose so every problem is reported with its context.
{
  const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true, code: { source: true } });
  const validate = ajv.compile(JSON.parse(readFileSync(`${root}/schema/app.schema.json`, 'utf8')));
  writeFileSync(`${out}/app-schema.cjs`, minify(standaloneCode(ajv, validate)));
}

// asl-validator's schemas, compiled once here instead of on every call.
{
  const dir = `${root}/node_modules/asl-validator/dist/src/schemas`;
  const schemas = readdirSync(dir).map((f) => JSON.parse(readFileSync(`${dir}/${f}`, 'utf8')));
  // AWS accepts a fractional ToleratedFailurePercentage (0-100); asl-validator's schema says integer
  const map = schemas.find((sc) => sc.definitions?.ToleratedFailurePercentage);
  if (map) map.definitions.ToleratedFailurePercentage.type = 'number';
  copyFileSync(`${root}/src/manifest/asl-formats.cjs`, `${out}/asl-formats.cjs`);
  const formats = require(`${root}/src/manifest/asl-formats.cjs`);
  const ajv = new Ajv({ schemas, allowUnionTypes: true, strict: false, code: { source: true, formats: _`require("./asl-formats.cjs")` } });
  for (const [name, fn] of Object.entries(formats)) ajv.addFormat(name, fn);
  writeFileSync(`${out}/asl-schema.cjs`, minify(standaloneCode(ajv, { stateMachine: 'http://asl-validator.cloud/state-machine.json#' })));
}

// Small dependencies on the startup path are bundled (resolving them file by file costs more
// than running them); large, native or rarely needed ones stay external and load on demand.
const external = ['esbuild', 'dynalite', '@aws-sdk/*', '@smithy/*', 'yaml', 'handlebars', 'ajv', 'ajv/*', 'ajv-formats', 'ajv-formats/*', 'jsonata', 'asl-path-validator', 'asl-validator', 'fast-check', 'vitest', 'json-schema-to-typescript'];
const define = { VERSION: JSON.stringify(JSON.parse(readFileSync(`${root}/package.json`, 'utf8')).version) };
const common = { absWorkingDir: root, entryPoints: ['src/cli/main.ts'], bundle: true, platform: 'node', target: 'node20', sourcemap: true, minify: true, logLevel: 'warning' };

await build({
  ...common,
  outdir: out,
  entryNames: 'cli',
  splitting: true,
  format: 'esm',
  external,
  // Bundled CommonJS dependencies call require() for Node's built-in modules.
  banner: { js: "import { createRequire as __edaRequire } from 'node:module'; const require = __edaRequire(import.meta.url);" },
  chunkNames: 'chunks/[name]-[hash]',
  define,
});

// In compile.cjs, src/manifest/precompiled.ts requires the validators built above statically.
const bundledValidators = {
  name: 'bundled-validators',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]manifest[\\/]precompiled\.ts$/ }, () => ({
      loader: 'js',
      resolveDir: out,
      contents: "export function loadPrecompiled(name) { return name === 'app-schema' ? require('./app-schema.cjs') : require('./asl-schema.cjs'); }",
    }));
  },
};
await build({
  ...common,
  outfile: `${out}/compile.cjs`,
  sourcemap: false,
  format: 'cjs',
  // What synth and validate never load stays out of the bundle (it is read on every start):
  // prompts, processes, the graph layout (elkjs, 60% of the bundle otherwise), the local
  // emulators' WebSocket server, JWT checks and CSV reader, and deploy's zip writer.
  // The precompiled validators, the ajv runtime helpers and formats they require, and jsonata
  // (read by validate's workflow checks) are bundled, so the code cache covers them too.
  external: [...external.filter((e) => !['jsonata', 'ajv', 'ajv/*', 'ajv-formats', 'ajv-formats/*'].includes(e)), '@inquirer/prompts', 'execa', 'elkjs', 'elkjs/*', 'ws', 'jose', 'csv-parse', 'csv-parse/*', 'yazl'],
  plugins: [bundledValidators],
  // import() becomes require(): the bundle runs as a vm.Script (scripts/entry/load.cjs), which has
  // no dynamic import; a module imported by a command still initializes only when it runs.
  supported: { 'dynamic-import': false },
  banner: { js: "var __edaUrl = require('node:url').pathToFileURL(__filename).href;" },
  define: { ...define, 'import.meta.url': '__edaUrl' },
});
// eda/testing: the testing library (an ESM module of its own) and its declarations, emitted from
// src/testing/types.ts (the public types) with startApp's signature beside them.
await build({
  ...common,
  entryPoints: ['src/testing/index.ts'],
  outfile: `${out}/testing.js`,
  format: 'esm',
  external,
  banner: { js: "import { createRequire as __edaRequire } from 'node:module'; const require = __edaRequire(import.meta.url);" },
  define,
});
{
  const ts = require('typescript');
  const options = { declaration: true, emitDeclarationOnly: true, outDir: `${out}/types`, rootDir: `${root}/src`, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, strict: true, skipLibCheck: true, types: ['node'] };
  const emitted = ts.createProgram([`${root}/src/testing/types.ts`], options).emit();
  if (emitted.emitSkipped) throw new Error(`eda/testing declarations: ${ts.formatDiagnostics(emitted.diagnostics, ts.createCompilerHost(options))}`);
  writeFileSync(
    `${out}/testing.d.ts`,
    [
      '// eda/testing (see docs/testing.md)',
      "import type { StartOptions, TestApp } from './types/testing/types.js';",
      "export type * from './types/testing/types.js';",
      '/** Starts the app of a project (its app.yaml and handlers) in this process, for a test. */',
      'export declare function startApp(options?: StartOptions): Promise<TestApp>;',
      "/** Milliseconds in a duration: 250, '250ms', '30s', '5m', '25h', '2d', '1h30m'. */",
      'export declare function toMs(duration: number | string): number;',
      '',
    ].join('\n'),
  );
}
for (const file of ['load.cjs', 'main.cjs', 'main.js']) copyFileSync(`${root}/scripts/entry/${file}`, `${out}/${file}`);
rmSync(`${root}/dist`, { recursive: true, force: true });
renameSync(out, `${root}/dist`);

// V8's code cache of compile.cjs, made after one synth of an example app (in a temporary copy).
{
  const project = mkdtempSync(path.join(tmpdir(), 'eda-code-cache-'));
  try {
    cpSync(`${root}/examples/order-pipeline`, project, { recursive: true });
    const made = spawnSync(process.execPath, [`${root}/scripts/code-cache.mjs`, project], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
    if (made.status !== 0) throw new Error(`making dist/compile.cjs.cache failed: ${made.stderr}`);
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
}
