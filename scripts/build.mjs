// Builds dist/: the CLI bundled with code splitting (each command's modules load only when it
// runs, so `eda --help` stays near node startup), plus precompiled JSON-schema validators for
// app.yaml and for Amazon States Language (compiling them at run time costs ~300 ms a process).
import { build, transformSync } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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
  copyFileSync(`${root}/src/manifest/asl-formats.cjs`, `${out}/asl-formats.cjs`);
  const formats = require(`${root}/src/manifest/asl-formats.cjs`);
  const ajv = new Ajv({ schemas, allowUnionTypes: true, strict: false, code: { source: true, formats: _`require("./asl-formats.cjs")` } });
  for (const [name, fn] of Object.entries(formats)) ajv.addFormat(name, fn);
  writeFileSync(`${out}/asl-schema.cjs`, minify(standaloneCode(ajv, { stateMachine: 'http://asl-validator.cloud/state-machine.json#' })));
}

await build({
  absWorkingDir: root,
  entryPoints: ['src/cli/main.ts'],
  outdir: out,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Small dependencies on the startup path are bundled (resolving them file by file costs more
  // than running them); large, native or rarely needed ones stay external and load on demand.
  external: ['esbuild', 'dynalite', '@aws-sdk/*', '@smithy/*', 'yaml', 'handlebars', 'ajv', 'ajv/*', 'ajv-formats', 'ajv-formats/*', 'jsonata', 'asl-path-validator', 'asl-validator', 'fast-check', 'vitest'],
  sourcemap: true,
  minify: true,
  // Bundled CommonJS dependencies call require() for Node's built-in modules.
  banner: { js: "import { createRequire as __edaRequire } from 'node:module'; const require = __edaRequire(import.meta.url);" },
  chunkNames: 'chunks/[name]-[hash]',
  logLevel: 'warning',
  define: { VERSION: JSON.stringify(JSON.parse(readFileSync(`${root}/package.json`, 'utf8')).version) },
});
rmSync(`${root}/dist`, { recursive: true, force: true });
renameSync(out, `${root}/dist`);
