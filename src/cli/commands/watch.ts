// eda watch: deploys once, then watches the project. A saved handler is rebuilt (esbuild,
// cached per input, as eda deploy builds) and hot-swapped; a change to app.yaml that a hot
// swap cannot carry (anything but code and workflow definitions) deploys through a change
// set without asking, as `sam sync --watch` does. After each hot swap it follows the logs of
// the functions it changed. Ctrl-C stops it. Refused for production stages.
import path from 'node:path';
import { realClock } from '../../deploy/api.js';
import { connect } from '../../deploy/connect.js';
import { chooseSources, followLogs, logSources, type SourcedEvent } from '../../deploy/logs.js';
import { loadApp, type AppFlags, type LoadedApp } from '../load-app.js';
import { interruptible } from '../kit/interrupt.js';
import { createUi, type Ui } from '../kit/output.js';
import { reportError } from '../report.js';
import { deployCommand } from './deploy.js';
import { cloudApi, refuseProduction, type HotswapReport } from './deploy-hotswap.js';
import { eventObject, renderEvent } from './logs.js';

export interface WatchOptions extends AppFlags {
  profile?: string;
  region?: string;
  endpointUrl?: string;
}

export interface WatchDeps {
  ui?: Ui;
  signal?: AbortSignal;
  /** Quiet time after the last change before a cycle starts. */
  debounceMs?: number;
}

/** Folders a save in which never needs a deploy. */
const IGNORED = /(^|[/\\])(node_modules|\.eda|\.git|\.aws-sam|dist|coverage|src[/\\]generated)([/\\]|$)/;

export async function watchCommand(opts: WatchOptions, deps: WatchDeps = {}): Promise<number> {
  const ui = deps.ui ?? createUi({});
  const app = await loadApp(opts);
  refuseProduction(app, 'watch');
  // No region, no credentials or an unreachable endpoint: say so and stop, before watching for saves no save can fix.
  await (await connect(opts, app.region)).cfn.describeStack(app.stackName);
  const interrupt = deps.signal ? undefined : interruptible();
  const signal = deps.signal ?? interrupt!.signal;
  const logs = logFollower(opts, ui, signal);
  const cycle = async (files: string[]) => {
    const names = files.map((f) => path.relative(app.cwd, f) || f);
    ui.say(ui.paint.bold(`\n${new Date().toTimeString().slice(0, 8)} ${names.length ? `changed: ${names.join(', ')}` : 'deploying to start watching'}`));
    try {
      await deployCommand({ ...opts, hotswap: true, yes: true, json: false }, { ui, onHotswap: (report, loaded) => logs.follow(report, loaded) });
    } catch (error) {
      await reportError(error, false);
      ui.say(ui.paint.dim('  Waiting for the next change.'));
    }
  };
  const { watch } = await import('chokidar');
  const watcher = watch(app.cwd, { ignoreInitial: true, ignored: (p: string) => IGNORED.test(path.relative(app.cwd, p)) });
  try {
    await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
    await cycle([]);
    await loop(watcher, cycle, signal, deps.debounceMs ?? 200);
    if (!signal.aborted) return 0;
    ui.say(ui.paint.dim('\nStopped watching.'));
    return 130;
  } finally {
    await watcher.close();
    logs.stop();
    interrupt?.dispose();
  }
}

/** Runs a cycle per burst of changes (one at a time; changes during a cycle start the next) until the signal aborts. */
function loop(watcher: import('chokidar').FSWatcher, cycle: (files: string[]) => Promise<void>, signal: AbortSignal, debounceMs: number): Promise<void> {
  return new Promise<void>((resolve) => {
    if (signal.aborted) return resolve(); // Ctrl-C during the first deploy
    const pending = new Set<string>();
    let timer: NodeJS.Timeout | undefined;
    let running: Promise<void> | undefined;
    const run = async () => {
      if (running || signal.aborted || !pending.size) return;
      const files = [...pending];
      pending.clear();
      running = cycle(files);
      await running;
      running = undefined;
      if (signal.aborted) resolve();
      else if (pending.size) schedule();
    };
    const schedule = () => {
      clearTimeout(timer);
      timer = setTimeout(() => void run(), debounceMs);
    };
    watcher.on('all', (_event: string, file: string) => {
      pending.add(file);
      schedule();
    });
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        if (running) void running.then(resolve);
        else resolve();
      },
      { once: true },
    );
  });
}

/** Follows the logs of every function hot-swapped so far, from the time of its swap. */
function logFollower(opts: WatchOptions, ui: Ui, signal: AbortSignal) {
  let current: AbortController | undefined;
  const names = new Set<string>();
  return {
    async follow(report: HotswapReport, app: LoadedApp) {
      for (const f of report.functions) names.add(f.name);
      if (!names.size) return;
      current?.abort();
      const controller = new AbortController();
      current = controller;
      signal.addEventListener('abort', () => controller.abort(), { once: true });
      const aws = await connect(opts, app.region);
      const all = logSources(app.model);
      const known = [...names].filter((n) => all.some((s) => s.name === n));
      const sources = chooseSources(all, known, await aws.cfn.listStackResources(app.stackName), app.stackName);
      const width = Math.max(...sources.map((s) => s.name.length));
      ui.say(ui.paint.dim(`  following the logs of ${sources.map((s) => s.name).join(', ')}`));
      const emit = (events: SourcedEvent[]) => {
        for (const e of events) ui.out(opts.json ? JSON.stringify(eventObject(e)) : renderEvent(e, ui.color, width, () => 'cyan'));
      };
      const cloud = await cloudApi(aws, opts);
      void followLogs({ logs: cloud.logs, clock: realClock, sources, startTime: Date.now() - 1000, signal: controller.signal, emit }).catch((error) =>
        ui.err(ui.paint.yellow(`  stopped following logs: ${(error as Error).message}`)),
      );
    },
    stop: () => current?.abort(),
  };
}
