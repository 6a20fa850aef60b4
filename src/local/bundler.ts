// Handler bundles for the local runtime: esbuild compiles each function's TypeScript into
// one ESM file under .eda/dev/ (packages stay external, so node_modules resolve from the
// project). A rebuild happens when a source file changes — noticed by a file watcher and,
// so the next event never sees stale code, by an mtime check before each invocation.
import { mkdirSync, renameSync, statSync, watch, writeFileSync, type FSWatcher } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import type * as Esbuild from 'esbuild';
import type { BuildContext, BuildResult, Metafile } from 'esbuild';
import { languageOf } from '../kinds/function/handler.js';
import type { FunctionModel } from '../model/types.js';
import { sha256 } from './ids.js';
import { PythonSources } from './python/sources.js';

export interface BundleState {
  /** Absolute path of the built file. */
  file: string;
  /** Bumped each time the built output changes. */
  version: number;
  hash: string;
}

export interface RebuildReport {
  changed: string[];
  ms: number;
  error?: string;
}

export class HandlerBundles {
  private context?: BuildContext<{ write: false; metafile: true }>;
  private states = new Map<string, BundleState>();
  private inputs = new Map<string, { mtimeMs: number; size: number }>();
  private building?: Promise<RebuildReport>;
  private dirty = false;
  private watchers: FSWatcher[] = [];
  private watchTimer?: NodeJS.Timeout;
  /** The last build's error, when the last build failed (Node.js handlers only: Python is not built). */
  error?: string;
  /** The functions esbuild bundles (Node.js runtimes). */
  private readonly node: FunctionModel[];
  /** Python functions' sources: a "build" is a rescan of their code roots. */
  private readonly python: PythonSources;
  private pythonWatchers: FSWatcher[] = [];

  constructor(
    readonly cwd: string,
    readonly functions: FunctionModel[],
    readonly outDir: string,
    private readonly onRebuild?: (report: RebuildReport) => void,
  ) {
    this.node = functions.filter((f) => languageOf(f.runtime) === 'nodejs');
    this.python = new PythonSources(cwd, functions.filter((f) => languageOf(f.runtime) === 'python'));
  }

  state(name: string): BundleState | undefined {
    return this.states.get(name) ?? this.python.state(name);
  }

  /** Builds (or rebuilds) every handler; resolves with the functions whose output changed. */
  build(): Promise<RebuildReport> {
    if (this.building) return this.building;
    this.dirty = false;
    this.building = this.run().finally(() => {
      this.building = undefined;
    });
    return this.building;
  }

  /** Rebuilds first when a source changed since the last build. Cheap when nothing did. */
  async fresh(): Promise<void> {
    if (this.building) await this.building;
    if (this.dirty || this.changedOnDisk()) {
      const report = await this.build();
      this.onRebuild?.(report);
    }
  }

  private changedOnDisk(): boolean {
    if (this.python.changed()) return true;
    if (this.node.length === 0) return false;
    if (this.inputs.size === 0) return true;
    for (const [file, seen] of this.inputs) {
      try {
        const s = statSync(file);
        if (s.mtimeMs !== seen.mtimeMs || s.size !== seen.size) return true;
      } catch {
        return true;
      }
    }
    return false;
  }

  private async run(): Promise<RebuildReport> {
    const started = performance.now();
    const python = this.python.scan();
    if (this.node.length === 0) return { changed: python.sort(), ms: performance.now() - started };
    const snapshot = this.snapshotInputs();
    let result: BuildResult<{ write: false; metafile: true }>;
    try {
      const ctx = await this.getContext();
      result = await ctx.rebuild();
    } catch (error) {
      const message = formatBuildError(error);
      this.error = message;
      // keep watching what we watched, so fixing the file triggers a rebuild
      this.inputs = snapshot.size ? snapshot : this.inputs;
      return { changed: python.sort(), ms: performance.now() - started, error: message };
    }
    this.error = undefined;
    mkdirSync(this.outDir, { recursive: true });
    const changed: string[] = [...python];
    for (const output of result.outputFiles) {
      const name = this.nameOf(output.path);
      if (!name) continue;
      const hash = sha256(Buffer.from(output.contents));
      const previous = this.states.get(name);
      if (previous?.hash === hash) continue;
      const tmp = `${output.path}.${process.pid}.tmp`;
      writeFileSync(tmp, output.contents);
      renameSync(tmp, output.path);
      this.states.set(name, { file: output.path, version: (previous?.version ?? 0) + 1, hash });
      changed.push(name);
    }
    this.recordInputs(result.metafile);
    this.rewatch();
    return { changed: changed.sort(), ms: performance.now() - started };
  }

  private nameOf(outputPath: string): string | undefined {
    const base = outputPath.slice(outputPath.lastIndexOf('/') + 1);
    if (!base.endsWith('.mjs')) return undefined;
    return this.functions.find((f) => `${f.name}.mjs` === base)?.name;
  }

  private async getContext() {
    if (this.context) return this.context;
    // required, not imported: importing esbuild's CommonJS entry from ESM costs ~150 ms of export scanning
    const esbuild = createRequire(import.meta.url)('esbuild') as typeof Esbuild;
    const entryPoints = Object.fromEntries(this.node.map((f) => [f.name, resolve(this.cwd, f.handlerFile)]));
    this.context = await esbuild.context({
      absWorkingDir: this.cwd,
      entryPoints,
      outdir: this.outDir,
      outExtension: { '.js': '.mjs' },
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      sourcemap: 'inline',
      write: false,
      metafile: true,
      logLevel: 'silent',
      banner: { js: "import { createRequire as __edaCreateRequire } from 'node:module'; const require = __edaCreateRequire(import.meta.url);" },
    });
    return this.context;
  }

  private snapshotInputs(): Map<string, { mtimeMs: number; size: number }> {
    const snapshot = new Map<string, { mtimeMs: number; size: number }>();
    for (const f of this.node) {
      const file = resolve(this.cwd, f.handlerFile);
      snapshot.set(file, statOrZero(file));
    }
    for (const file of this.inputs.keys()) snapshot.set(file, statOrZero(file));
    return snapshot;
  }

  private recordInputs(metafile: Metafile): void {
    const inputs = new Map<string, { mtimeMs: number; size: number }>();
    for (const input of Object.keys(metafile.inputs)) {
      if (input.includes('node_modules') || input.includes(':')) continue;
      const file = resolve(this.cwd, input);
      inputs.set(file, statOrZero(file));
    }
    this.inputs = inputs;
  }

  /** Starts watching the folders that hold handler sources. */
  watch(): void {
    this.watching = true;
    this.rewatch();
    for (const root of this.python.roots()) {
      try {
        const watcher = watch(root, { persistent: false, recursive: true }, (_event, file) => {
          if (file && file.toString().endsWith('.py')) this.changedSoon();
        });
        watcher.on('error', () => undefined);
        this.pythonWatchers.push(watcher);
      } catch {
        // a missing code root: the mtime check before each invocation still notices changes
      }
    }
  }

  private changedSoon(): void {
    this.dirty = true;
    clearTimeout(this.watchTimer);
    this.watchTimer = setTimeout(() => void this.fresh().catch(() => undefined), 15);
    this.watchTimer.unref();
  }

  private watching = false;
  private watchedDirs = new Set<string>();

  private rewatch(): void {
    if (!this.watching) return;
    const dirs = new Set([...this.inputs.keys()].map((f) => dirname(f)));
    for (const f of this.node) dirs.add(dirname(resolve(this.cwd, f.handlerFile)));
    const same = dirs.size === this.watchedDirs.size && [...dirs].every((d) => this.watchedDirs.has(d));
    if (same) return;
    this.unwatch();
    for (const dir of dirs) {
      try {
        const watcher = watch(dir, { persistent: false }, (_event, file) => {
          if (!file) return;
          const full = join(dir, file.toString());
          if (!this.inputs.has(full) && !/\.[cm]?[jt]sx?$/.test(full)) return;
          this.changedSoon();
        });
        watcher.on('error', () => undefined);
        this.watchers.push(watcher);
        this.watchedDirs.add(dir);
      } catch {
        // a folder that vanished is checked again at the next build
      }
    }
  }

  private unwatch(): void {
    for (const w of this.watchers) w.close();
    this.watchers = [];
    this.watchedDirs.clear();
  }

  async close(): Promise<void> {
    this.watching = false;
    clearTimeout(this.watchTimer);
    this.unwatch();
    for (const w of this.pythonWatchers) w.close();
    this.pythonWatchers = [];
    if (this.building) await this.building.catch(() => undefined);
    await this.context?.dispose();
    this.context = undefined;
  }
}

function statOrZero(file: string): { mtimeMs: number; size: number } {
  try {
    const s = statSync(file);
    return { mtimeMs: s.mtimeMs, size: s.size };
  } catch {
    return { mtimeMs: 0, size: -1 };
  }
}

function formatBuildError(error: unknown): string {
  const errors = (error as { errors?: { text: string; location?: { file: string; line: number; column: number } | null }[] }).errors;
  if (Array.isArray(errors) && errors.length) {
    return errors
      .map((e) => (e.location ? `${e.location.file}:${e.location.line}:${e.location.column}: ${e.text}` : e.text))
      .join('\n');
  }
  return error instanceof Error ? error.message : String(error);
}
