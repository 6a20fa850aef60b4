// Builds the code assets a template refers to by local path: bundles every esbuild
// function (all at once, in parallel), zips each deterministically, and keys each
// asset by its content hash. Build facts come only from the template (SAM's
// Metadata.BuildMethod / BuildProperties, Handler, Runtime, Globals.Function).
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { BuildOptions, BuildFailure, Message } from 'esbuild';
import { EdaError } from '../core/errors.js';
import type { Template } from '../core/template.js';
import { cloneTemplate, resources } from './template.js';
import { pythonPackage } from './python.js';
import { deterministicZip, directoryEntries, sha256, type ZipEntry } from './zip.js';

export interface Asset {
  /** S3 key, content-addressed: assets/<sha256>.<ext> */
  key: string;
  body: Uint8Array;
  sha256: string;
  contentType: string;
  /** Logical IDs of the resources that use it. */
  usedBy: string[];
}

export interface AssetRef {
  logicalId: string;
  property: 'CodeUri' | 'ContentUri' | 'DefinitionUri';
  key: string;
}

export interface BuildResult {
  assets: Asset[];
  refs: AssetRef[];
  /** Functions bundled with esbuild. */
  bundled: number;
  /** Of those, how many bundles came from the cache (inputs unchanged). */
  cached: number;
  ms: number;
}

interface Job {
  key: string; // dedupe key
  logicalId: string;
  property: AssetRef['property'];
  run: () => Promise<Built>;
}

interface Built {
  body: Uint8Array;
  ext: string;
  contentType: string;
  cached?: boolean;
}

const RUNTIME_TARGET = /^nodejs(\d+)\.x$/;

/** The esbuild target for a Lambda runtime (nodejs22.x -> node22), plus the template's own Target. */
export function esbuildTargets(runtime: string | undefined, target: unknown): string[] {
  const out: string[] = [];
  if (typeof target === 'string' && target) out.push(...target.split(',').map((t) => t.trim().toLowerCase()));
  const m = runtime ? RUNTIME_TARGET.exec(runtime) : null;
  if (m && !out.some((t) => t.startsWith('node'))) out.push(`node${m[1]}`);
  if (out.length === 0) out.push('node20');
  return [...new Set(out)];
}

function asList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string' && value) return value.split(',').map((s) => s.trim()).filter(Boolean);
  return [];
}

function truthy(value: unknown): boolean {
  return value === true || value === 'true' || value === 'True';
}

function isLocalPath(value: unknown): value is string {
  return typeof value === 'string' && value !== '' && !/^s3:\/\//.test(value);
}

function formatMessages(messages: Message[]): string {
  return messages
    .slice(0, 3)
    .map((m) => (m.location ? `${m.location.file}:${m.location.line}:${m.location.column}: ${m.text}` : m.text))
    .join('; ');
}

/** esbuild options for one function, from its template entry. */
export function esbuildOptionsFor(
  logicalId: string,
  fn: { Handler?: string; Runtime?: string; Metadata?: any },
  codeDir: string,
): BuildOptions {
  const props = (fn.Metadata?.BuildProperties ?? {}) as Record<string, unknown>;
  const entryPoints = asList(props.EntryPoints);
  if (entryPoints.length === 0) {
    throw new EdaError(`Function ${logicalId} has BuildMethod esbuild but no BuildProperties.EntryPoints.`);
  }
  const format = props.Format === 'esm' ? 'esm' : 'cjs';
  const outExtension: Record<string, string> = {};
  for (const pair of asList(props.OutExtension)) {
    const [from, to] = pair.split('=');
    if (from && to) outExtension[from] = to;
  }
  const ext = outExtension['.js'] ?? '.js';
  const handler = fn.Handler ?? '';
  const handlerModule = handler.includes('.') ? handler.slice(0, handler.lastIndexOf('.')) : handler;
  const loader: Record<string, any> = {};
  for (const pair of asList(props.Loader)) {
    const [from, to] = pair.split('=');
    if (from && to) loader[from] = to;
  }
  const options: BuildOptions = {
    absWorkingDir: codeDir,
    entryPoints,
    bundle: true,
    write: false,
    platform: 'node',
    format,
    target: esbuildTargets(fn.Runtime, props.Target),
    minify: truthy(props.Minify),
    sourcemap: truthy(props.Sourcemap),
    external: asList(props.External),
    mainFields: props.MainFields ? asList(props.MainFields) : format === 'esm' ? ['module', 'main'] : ['main', 'module'],
    outExtension: Object.keys(outExtension).length ? outExtension : undefined,
    loader: Object.keys(loader).length ? loader : undefined,
    logLevel: 'silent',
    // CommonJS dependencies bundled into an ES module still call require().
    banner:
      format === 'esm'
        ? { js: "import { createRequire as __edaCreateRequire } from 'node:module'; const require = __edaCreateRequire(import.meta.url);" }
        : undefined,
  };
  if (entryPoints.length === 1 && handlerModule) {
    options.outfile = path.join(codeDir, `${handlerModule}${ext}`);
  } else {
    options.outdir = codeDir;
    options.entryNames = '[name]';
  }
  return options;
}

/** What the template does not say about a Python function: its requirements (app.yaml's), by logical ID. */
export type PythonFunctions = Record<string, { requirements?: string }>;

function functionJobs(template: Template, cwd: string, esbuild: () => Promise<typeof import('esbuild')>, cache: string | undefined, python?: PythonFunctions): Job[] {
  const jobs: Job[] = [];
  const globals = (template.Globals?.Function ?? {}) as Record<string, any>;
  for (const [logicalId, res] of Object.entries(resources(template))) {
    if (!res || typeof res !== 'object') continue;
    const props = (res.Properties ?? {}) as Record<string, any>;
    if (res.Type === 'AWS::Serverless::Function') {
      if (props.InlineCode !== undefined || props.ImageUri !== undefined || props.PackageType === 'Image') continue;
      const codeUri = props.CodeUri ?? globals.CodeUri;
      if (!isLocalPath(codeUri)) continue;
      const codeDir = path.resolve(cwd, codeUri);
      const method = res.Metadata?.BuildMethod;
      const runtime = props.Runtime ?? globals.Runtime;
      const handler = props.Handler ?? globals.Handler;
      if (method === 'esbuild') {
        const options = esbuildOptionsFor(logicalId, { Handler: handler, Runtime: runtime, Metadata: res.Metadata }, codeDir);
        jobs.push({
          key: JSON.stringify(['esbuild', options]),
          logicalId,
          property: 'CodeUri',
          run: async () => {
            const cached = cache ? await readCache(cache, options, codeDir) : undefined;
            if (cached) return { body: cached, ext: 'zip', contentType: 'application/zip', cached: true };
            const { build } = await esbuild();
            let result;
            try {
              result = await build({ ...options, metafile: Boolean(cache) });
            } catch (error) {
              const failure = error as BuildFailure;
              const detail = failure.errors?.length ? formatMessages(failure.errors) : String((error as Error).message);
              throw new EdaError(`Bundling ${logicalId} (${(options.entryPoints as string[]).join(', ')}) failed: ${detail}`);
            }
            const entries: ZipEntry[] = (result.outputFiles ?? []).map((f) => ({
              name: path.relative(codeDir, f.path).split(path.sep).join('/'),
              data: f.contents,
            }));
            if (options.format === 'esm' && !entries.some((e) => e.name.endsWith('.mjs'))) {
              entries.push({ name: 'package.json', data: Buffer.from('{"type":"module"}\n') });
            }
            const body = await deterministicZip(entries);
            if (cache && result.metafile) await writeCache(cache, options, codeDir, Object.keys(result.metafile.inputs), body);
            return { body, ext: 'zip', contentType: 'application/zip' };
          },
        });
      } else if (method === undefined && typeof runtime === 'string' && runtime.startsWith('python')) {
        const architecture = ((props.Architectures ?? globals.Architectures) as string[] | undefined)?.[0] === 'arm64' ? 'arm64' : 'x86_64';
        const requirements = python?.[logicalId]?.requirements;
        jobs.push({
          key: JSON.stringify(['python', codeDir, runtime, architecture, requirements]),
          logicalId,
          property: 'CodeUri',
          run: async () => ({ body: await pythonPackage({ logicalId, codeDir, cwd, runtime, architecture, requirements, cacheDir: cache }), ext: 'zip', contentType: 'application/zip' }),
        });
      } else if (method === undefined) {
        jobs.push(pathJob(logicalId, 'CodeUri', codeDir));
      } else {
        throw new EdaError(`Function ${logicalId} uses BuildMethod "${method}"; eda deploy builds esbuild functions and plain folders only.`);
      }
    } else if (res.Type === 'AWS::Serverless::LayerVersion' && isLocalPath(props.ContentUri)) {
      jobs.push(pathJob(logicalId, 'ContentUri', path.resolve(cwd, props.ContentUri)));
    } else if (
      (res.Type === 'AWS::Serverless::StateMachine' || res.Type === 'AWS::Serverless::Api' || res.Type === 'AWS::Serverless::HttpApi') &&
      isLocalPath(props.DefinitionUri)
    ) {
      const file = path.resolve(cwd, props.DefinitionUri);
      jobs.push({
        key: JSON.stringify(['file', file]),
        logicalId,
        property: 'DefinitionUri',
        run: async () => {
          const body = await readLocal(logicalId, file);
          const ext = /\.ya?ml$/i.test(file) ? 'yaml' : 'json';
          return { body, ext, contentType: ext === 'yaml' ? 'application/yaml' : 'application/json' };
        },
      });
    }
  }
  return jobs;
}

async function readLocal(logicalId: string, file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch {
    throw new EdaError(`${logicalId} refers to ${file}, which cannot be read.`);
  }
}

// The bundle cache: a bundle is reused when the esbuild version, the options and the
// content of every input file esbuild read for it are unchanged. Output bytes are the
// same as a fresh build (bundles and zips are deterministic), so hashes do not move.
const CACHE_FORMAT = 1;
let esbuildVersion: string | undefined;

function cacheKey(options: BuildOptions): string {
  if (esbuildVersion === undefined) {
    try {
      const require = createRequire(import.meta.url);
      esbuildVersion = String(require('esbuild/package.json').version);
    } catch {
      esbuildVersion = 'unknown';
    }
  }
  return sha256(JSON.stringify([CACHE_FORMAT, esbuildVersion, options]));
}

async function hashInputs(codeDir: string, inputs: string[]): Promise<Record<string, string> | undefined> {
  const out: Record<string, string> = {};
  for (const input of inputs) {
    try {
      out[input] = sha256(await readFile(path.resolve(codeDir, input)));
    } catch {
      return undefined; // an input is gone: rebuild
    }
  }
  return out;
}

async function readCache(dir: string, options: BuildOptions, codeDir: string): Promise<Buffer | undefined> {
  const key = cacheKey(options);
  try {
    const meta = JSON.parse(await readFile(path.join(dir, `${key}.json`), 'utf8')) as { inputs: Record<string, string>; zip: string };
    const now = await hashInputs(codeDir, Object.keys(meta.inputs));
    if (!now || Object.entries(meta.inputs).some(([file, hash]) => now[file] !== hash)) return undefined;
    const body = await readFile(path.join(dir, `${key}.zip`));
    return sha256(body) === meta.zip ? body : undefined;
  } catch {
    return undefined;
  }
}

async function writeCache(dir: string, options: BuildOptions, codeDir: string, inputs: string[], body: Buffer): Promise<void> {
  try {
    const key = cacheKey(options);
    const hashes = await hashInputs(codeDir, inputs);
    if (!hashes) return;
    await mkdir(dir, { recursive: true });
    const tmp = `${key}.${process.pid}.tmp`;
    await writeFile(path.join(dir, `${tmp}.zip`), body);
    await rename(path.join(dir, `${tmp}.zip`), path.join(dir, `${key}.zip`));
    await writeFile(path.join(dir, `${tmp}.json`), JSON.stringify({ inputs: hashes, zip: sha256(body) }));
    await rename(path.join(dir, `${tmp}.json`), path.join(dir, `${key}.json`));
  } catch {
    // A cache that cannot be written only costs time.
  }
}

/** A folder (zipped) or an existing .zip file. */
function pathJob(logicalId: string, property: AssetRef['property'], target: string): Job {
  return {
    key: JSON.stringify(['path', target]),
    logicalId,
    property,
    run: async () => {
      let info;
      try {
        info = await stat(target);
      } catch {
        throw new EdaError(`${logicalId} refers to ${target}, which does not exist.`);
      }
      if (info.isFile()) {
        if (!/\.(zip|jar)$/i.test(target)) throw new EdaError(`${logicalId} refers to ${target}: expected a folder or a .zip file.`);
        return { body: await readFile(target), ext: 'zip', contentType: 'application/zip' };
      }
      return { body: await deterministicZip(await directoryEntries(target, { skip: ['.git', '.eda', '.aws-sam', 'node_modules'] })), ext: 'zip', contentType: 'application/zip' };
    },
  };
}

/** Builds every local asset of the template in parallel. */
export async function buildAssets(template: Template, options: { cwd: string; cache?: boolean; python?: PythonFunctions }): Promise<BuildResult> {
  const started = performance.now();
  let esbuildModule: Promise<typeof import('esbuild')> | undefined;
  const esbuild = () => (esbuildModule ??= import('esbuild'));
  const cache = options.cache === false ? undefined : path.join(options.cwd, '.eda', 'build');
  const jobs = functionJobs(template, options.cwd, esbuild, cache, options.python);
  const byKey = new Map<string, Promise<Built>>();
  for (const job of jobs) if (!byKey.has(job.key)) byKey.set(job.key, job.run());
  const built = new Map<string, Built>();
  const results = await Promise.allSettled([...byKey.entries()].map(async ([k, p]) => built.set(k, await p)));
  const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult | undefined;
  if (failed) throw failed.reason;

  const assets = new Map<string, Asset>();
  const refs: AssetRef[] = [];
  for (const job of jobs) {
    const out = built.get(job.key)!;
    const hash = sha256(out.body);
    const key = `assets/${hash}.${out.ext}`;
    const asset = assets.get(key) ?? { key, body: out.body, sha256: hash, contentType: out.contentType, usedBy: [] };
    asset.usedBy.push(job.logicalId);
    assets.set(key, asset);
    refs.push({ logicalId: job.logicalId, property: job.property, key });
  }
  if (esbuildModule) (await esbuildModule).stop?.();
  return {
    assets: [...assets.values()],
    refs,
    bundled: jobs.filter((j) => j.key.startsWith('["esbuild"')).length,
    cached: jobs.filter((j) => j.key.startsWith('["esbuild"') && built.get(j.key)?.cached).length,
    ms: performance.now() - started,
  };
}

/** A copy of the template whose local code paths point at the uploaded assets. */
export function withAssetLocations(template: Template, refs: AssetRef[], bucket: string): Template {
  const out = cloneTemplate(template);
  const res = resources(out);
  for (const ref of refs) {
    const r = res[ref.logicalId];
    r.Properties ??= {};
    r.Properties[ref.property] = { Bucket: bucket, Key: ref.key };
  }
  return out;
}
