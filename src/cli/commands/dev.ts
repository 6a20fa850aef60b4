import { randomBytes } from 'node:crypto';
// eda dev: runs the whole app on this machine — every route, queue, topic, rule, schedule,
// workflow and table — and prints each hop as it happens. Ctrl-C stops it cleanly.
import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import type { LocalRuntime } from '../../local/runtime.js';
import type { Traced } from '../../local/trace.js';
import type { App } from '../../model/types.js';
import type { Project } from '../../pipeline/index.js';
import { EdaError, InvalidAppError, UsageError } from '../../core/errors.js';
import { createUi, type Ui } from '../kit/output.js';

export interface DevOptions {
  cwd?: string;
  port?: string | number;
  servicesPort?: string | number;
  stage?: string;
  json?: boolean;
}

export interface DevIo {
  ui?: Ui;
  /** Stops the runtime when aborted (tests); SIGINT and SIGTERM always do. */
  signal?: AbortSignal;
  /** Called once the runtime is ready (tests). */
  onReady?: (runtime: LocalRuntime) => void;
}

export function parsePort(value: string | number | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new UsageError(`${flag} must be a port number (0-65535), got '${value}'`);
  return n;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : word.endsWith('s') ? 'es' : 's'}`;
}

function summary(app: App): string {
  return (
    [
      [app.functions.length, 'function'],
      [app.apis.length + app.websocketApis.length, 'api'],
      [app.tables.length, 'table'],
      [app.queues.filter((q) => !q.implicit).length, 'queue'],
      [app.topics.length, 'topic'],
      [app.buses.length, 'bus'],
      [app.rules.length, 'rule'],
      [app.workflows.length, 'workflow'],
      [app.pipes.length, 'pipe'],
      [app.buckets.length, 'bucket'],
      [app.schedules.length, 'schedule'],
    ] as [number, string][]
  )
    .filter(([n]) => n > 0)
    .map(([n, w]) => plural(n, w))
    .join(' · ');
}

function readyLines(runtime: LocalRuntime, ms: number, ui: Ui): string[] {
  const c = ui.color;
  const { app, endpoints, buses } = runtime;
  const lines = [`${c.bold('eda dev')}  ${app.name} ${c.dim(`· stage ${app.stage}`)}`];
  for (const api of app.apis) {
    const routes = api.routes.map((r) => `${r.method} ${r.path}`);
    const shown = routes.slice(0, 4).join(', ') + (routes.length > 4 ? `, +${routes.length - 4} more` : '');
    lines.push(`  ${c.cyan(`api ${api.name}`.padEnd(14))}${c.bold(endpoints.apis[api.name] ?? '')}  ${c.dim(shown)}`);
  }
  if (runtime.auth?.apiKey) lines.push(`  ${c.cyan('api key'.padEnd(14))}${c.bold(runtime.auth.apiKey)}  ${c.dim('(send it as x-api-key; set EDA_DEV_API_KEY to choose it)')}`);
  if (runtime.auth?.jwtKeys) lines.push(`  ${c.cyan('JWTs'.padEnd(14))}${c.dim(`verified with ${runtime.auth.jwtKeys} (EDA_DEV_JWKS: a JWKS file or URL)`)}`);
  for (const api of app.websocketApis) {
    const keys = api.routes.map((r) => r.key);
    lines.push(`  ${c.cyan(`ws ${api.name}`.padEnd(14))}${c.bold(endpoints.apis[api.name] ?? '')}  ${c.dim(`${keys.join(', ')} (routes by ${api.routeSelection})`)}`);
  }
  for (const fn of app.functions.filter((f) => f.url)) {
    lines.push(`  ${c.cyan(`url ${fn.name}`.padEnd(14))}${c.bold(endpoints.functionUrls?.[fn.name] ?? '')}  ${c.dim(`function URL (${fn.url!.auth === 'iam' ? 'IAM auth, not checked locally' : 'no auth'})`)}`);
  }
  const management = app.websocketApis.length ? ', API Gateway @connections' : '';
  lines.push(`  ${c.cyan('AWS APIs'.padEnd(14))}${endpoints.services}  ${c.dim(`(handlers' SDK calls: DynamoDB, SQS, SNS, EventBridge, Step Functions, Lambda, S3${management})`)}`);
  lines.push(`  ${c.cyan('console'.padEnd(14))}${c.bold(`${endpoints.services}/_eda/`)}  ${c.dim('(the live flow, trace, queues, workflows, tables; send requests and events)')}`);
  lines.push(`  ${c.dim(summary(app))}`);
  for (const [rule, at] of Object.entries(buses.nextFirings())) {
    const schedule = app.rules.find((r) => r.name === rule)?.schedule;
    lines.push(`  ${c.yellow(`schedule ${rule}`)} ${c.dim(`${schedule} → next ${at === undefined ? 'never' : new Date(at).toISOString().replace('.000Z', 'Z')}`)}`);
  }
  for (const [name, at] of Object.entries(runtime.schedules.nextFirings())) {
    const s = app.schedules.find((x) => x.name === name)!;
    const when = !s.enabled ? 'disabled' : `next ${at === undefined ? 'never' : new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z')}`;
    lines.push(`  ${c.yellow(`schedule ${name}`)} ${c.dim(`${s.expression}${s.timezone === 'UTC' ? '' : ` ${s.timezone}`} → ${when}`)}`);
  }
  if (runtime.build.error) lines.push(`${c.red('✖ handlers failed to build:')}\n${runtime.build.error}`);
  lines.push(`${c.green('ready')} in ${Math.round(ms)} ms — edits to handlers apply on the next event; Ctrl-C to stop`);
  return lines;
}

/**
 * An app.yaml that cannot run: its diagnostics and one status line — as text on stderr, or
 * with --json as JSON lines on stdout (one per diagnostic, then `{"kind":"invalid"}`).
 */
async function reportProblem(ui: Ui, error: unknown, still?: string): Promise<void> {
  const time = new Date().toISOString();
  const diagnostics = error instanceof InvalidAppError ? error.diagnostics : [];
  const message = error instanceof InvalidAppError ? `app.yaml has problems${still ? ` — ${still}` : ''}` : `${(error as Error).message}${still ? ` — ${still}` : ''}`;
  const hint = error instanceof EdaError && !(error instanceof InvalidAppError) ? error.hint : undefined;
  if (ui.json) {
    for (const d of diagnostics) {
      ui.out(JSON.stringify({ kind: 'diagnostic', time, file: d.file, line: d.line, col: d.col, severity: d.severity, code: d.code, message: d.message, hint: d.hint, path: d.path }));
    }
    const count = (severity: string) => diagnostics.filter((d) => d.severity === severity).length;
    ui.out(JSON.stringify({ kind: diagnostics.length ? 'invalid' : 'error', time, message, hint, errors: count('error'), warnings: count('warning'), running: Boolean(still) }));
    return;
  }
  if (diagnostics.length) {
    const { formatDiagnostics } = await import('../kit/diagnostics.js');
    ui.err(formatDiagnostics(diagnostics, ui.color));
    ui.err(ui.color.yellow(message));
  } else ui.err(`${ui.color.red('error')} ${message}${hint ? ` — ${hint}` : ''}`);
}

/**
 * The terminal, with the trace lines of one turn of the event loop going out in one write
 * (under load that is hundreds of lines, and each write to a pipe is a system call on the
 * main thread); anything else printed first flushes them, so the order stays.
 */
function batchedUi(base: Ui): { ui: Ui; trace(line: string): void; flush(): void } {
  let pending: string[] = [];
  const flush = () => {
    if (pending.length) base.out(pending.join('\n'));
    pending = [];
  };
  const ui: Ui = {
    ...base,
    out: (text) => (flush(), base.out(text)),
    err: (text) => (flush(), base.err(text)),
    say: (text) => (flush(), base.say(text)),
    write: (text) => (flush(), base.write(text)),
  };
  const trace = (line: string) => {
    if (!pending.length) setImmediate(flush);
    pending.push(line);
  };
  return { ui, trace, flush };
}

interface Ports {
  api: number;
  services: number;
}

/** A port taken by something else, as the user can fix it. */
function portInUse(error: unknown, ports: Ports): unknown {
  if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') return error;
  const p = (error as { port?: number }).port ?? ports.api;
  return new EdaError(`port ${p} is already in use`, 'pass another with --port <n> (or --port 0 for any free port)');
}

/** The ports a running runtime listens on, for its restart to take again. */
function portsOf(runtime: LocalRuntime, fallbackApi: number): Ports {
  const firstApi = Object.values(runtime.endpoints.apis)[0];
  return { api: firstApi ? Number(new URL(firstApi).port) : fallbackApi, services: Number(new URL(runtime.endpoints.services).port) };
}

/** The --json line that says the app is running: its endpoints and every resource's local name. */
function readyJson(app: App, runtime: LocalRuntime, ms: number): string {
  const { addresses } = runtime;
  return JSON.stringify({
    kind: 'ready',
    time: new Date().toISOString(),
    app: app.name,
    stage: app.stage,
    apis: runtime.endpoints.apis,
    ...(runtime.auth?.apiKey ? { apiKey: runtime.auth.apiKey } : {}),
    functionUrls: runtime.endpoints.functionUrls ?? {},
    services: runtime.endpoints.services,
    console: `${runtime.endpoints.services}/_eda/`,
    queues: Object.fromEntries(addresses.localQueueNames().map((q) => [q, addresses.queueUrl(q)])),
    topics: Object.fromEntries(app.topics.map((t) => [t.name, addresses.topicArn(t.name)])),
    workflows: Object.fromEntries(app.workflows.map((w) => [w.name, addresses.workflowArn(w.name)])),
    tables: Object.fromEntries(app.tables.map((t) => [t.name, addresses.tableName(t.name)])),
    buses: Object.fromEntries(app.buses.map((b) => [b.name, addresses.busName(b.name)])),
    ms: Math.round(ms),
  });
}

/** What a restart needs: how to load the project, how to start a runtime, and the one running. */
interface Session {
  ui: Ui;
  io: DevIo;
  port: number;
  load(): Promise<Project>;
  start(app: App, cwd: string, ports: Ports): Promise<LocalRuntime>;
  runtime: LocalRuntime;
}

/**
 * Restarts the runtime on the same ports when app.yaml (or a workflow definition) changes;
 * local data starts over. An app.yaml that does not load keeps the previous version running.
 */
function restarter(s: Session): { restart(): void; settled(): Promise<void> } {
  let restarting: Promise<void> = Promise.resolve();
  let lastProblem: string | undefined;
  const { ui } = s;
  const once = async () => {
    let next;
    try {
      next = await s.load();
    } catch (error) {
      // an editor saving twice (or the same broken save again) reports the problems once
      const key = error instanceof InvalidAppError ? JSON.stringify(error.diagnostics) : String((error as Error).message);
      if (key !== lastProblem) await reportProblem(ui, error, 'still running the previous version');
      lastProblem = key;
      return;
    }
    lastProblem = undefined;
    const ports = portsOf(s.runtime, s.port);
    await s.runtime.stop();
    try {
      s.runtime = await s.start(next.app, next.cwd, ports);
    } catch (error) {
      await reportProblem(ui, new EdaError(`could not restart: ${(error as Error).message}`, 'fix app.yaml or restart eda dev'));
      return;
    }
    const info = 'app.yaml changed — restarted (tables, queues and executions start empty)';
    ui.out(ui.json ? JSON.stringify({ kind: 'restart', time: new Date().toISOString(), apis: s.runtime.endpoints.apis, services: s.runtime.endpoints.services }) : ui.color.cyan(info));
    s.io.onReady?.(s.runtime);
  };
  return {
    restart: () => {
      restarting = restarting.then(once);
    },
    settled: () => restarting.catch(() => undefined),
  };
}

/** app.yaml and workflow definition files (definition: path/to/file.asl.yaml), by folder. */
function watchedFiles(project: Project): Map<string, Set<string>> {
  const watched = new Map<string, Set<string>>([[project.cwd, new Set(['app.yaml'])]]);
  for (const wf of Object.values(project.manifest.workflows ?? {})) {
    if (typeof wf.definition !== 'string') continue;
    const file = resolve(project.cwd, wf.definition);
    const names = watched.get(dirname(file)) ?? new Set<string>();
    names.add(basename(file));
    watched.set(dirname(file), names);
  }
  return watched;
}

/** Calls onChange 100 ms after the last edit to a watched file; close() stops watching. */
function watchFiles(watched: Map<string, Set<string>>, onChange: () => void): { close(): void } {
  let timer: NodeJS.Timeout | undefined;
  const watchers: FSWatcher[] = [];
  for (const [folder, names] of watched) {
    try {
      const w = watch(folder, { persistent: false }, (_e, file) => {
        if (!file || !names.has(file.toString())) return;
        clearTimeout(timer);
        timer = setTimeout(onChange, 100);
      });
      w.on('error', () => undefined);
      watchers.push(w);
    } catch {
      // a folder that cannot be watched: edits there need a restart by hand
    }
  }
  return {
    close: () => {
      for (const w of watchers) w.close();
      clearTimeout(timer);
    },
  };
}

/** Resolves on SIGINT, SIGTERM or the signal's abort. */
async function untilStopped(signal?: AbortSignal): Promise<void> {
  let stop!: () => void;
  await new Promise<void>((resolve) => {
    stop = () => resolve();
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    signal?.addEventListener('abort', stop, { once: true });
    if (signal?.aborted) stop();
  });
  process.off('SIGINT', stop);
  process.off('SIGTERM', stop);
}

export async function devCommand(opts: DevOptions, io: DevIo = {}): Promise<number> {
  const { ui, trace: traceLine, flush } = batchedUi(io.ui ?? createUi({ json: opts.json }));
  const started = performance.now();
  const port = parsePort(opts.port, '--port', 3000);
  const servicesPort = parsePort(opts.servicesPort, '--services-port', 0);
  const cwd = opts.cwd ?? '.';
  const [{ loadProject }, { startLocal }, { Trace, formatEvent, formatEventJson }] = await Promise.all([
    import('../../pipeline/index.js'),
    import('../../local/runtime.js'),
    import('../../local/trace.js'),
  ]);
  const render = (e: Traced) => traceLine(ui.json ? formatEventJson(e) : formatEvent(e, ui.color));
  const load = () => loadProject({ cwd, stage: opts.stage });
  // one API key for the whole session, so a restart after an edit keeps it
  const apiKey = process.env.EDA_DEV_API_KEY || randomBytes(20).toString('base64url');
  const start = async (app: App, projectCwd: string, ports: Ports): Promise<LocalRuntime> => {
    const trace = new Trace();
    trace.on(render);
    try {
      return await startLocal({ app, cwd: projectCwd, port: ports.api, servicesPort: ports.services, trace, prewarm: true, apiKey });
    } catch (error) {
      throw portInUse(error, ports);
    }
  };

  let project: Project;
  try {
    project = await load();
  } catch (error) {
    // with --json the problems are JSON lines on stdout, like everything else
    if (!ui.json || !(error instanceof InvalidAppError)) throw error;
    await reportProblem(ui, error);
    return 1;
  }
  const session: Session = { ui, io, port, load, start, runtime: await start(project.app, project.cwd, { api: port, services: servicesPort }) };
  const ms = performance.now() - started;
  if (ui.json) ui.out(readyJson(project.app, session.runtime, ms));
  else for (const line of readyLines(session.runtime, ms, ui)) ui.out(line);
  io.onReady?.(session.runtime);

  const restarts = restarter(session);
  const watching = watchFiles(watchedFiles(project), restarts.restart);
  await untilStopped(io.signal);
  watching.close();
  await restarts.settled();
  await session.runtime.stop();
  flush();
  ui.out(ui.json ? JSON.stringify({ kind: 'stopped', time: new Date().toISOString() }) : ui.color.dim('stopped'));
  return 0;
}
