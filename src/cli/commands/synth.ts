import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { InvalidAppError } from '../../core/errors.js';
import { createUi, type Ui } from '../kit/output.js';
import type { FileAction } from '../../core/files.js';
import { mark } from '../../pipeline/timing.js';

export interface SynthOptions {
  cwd: string;
  out?: string;
  stage?: string;
  check?: boolean;
  json?: boolean;
}

interface Planned {
  /** app.yaml as it was compiled (undefined: there is none, and compile said so). */
  text?: string;
  compiled: Awaited<ReturnType<typeof import('../../pipeline/index.js').compile>>;
  actions: FileAction[];
  changed: FileAction[];
  /** Temp files left by a command that was killed while writing. */
  leftovers: string[];
}

export async function synthCommand(opts: SynthOptions): Promise<number> {
  mark('command loaded');
  const ui = createUi({ json: opts.json });
  const cwd = path.resolve(opts.cwd);
  let planned = await plan(opts, cwd, ui);
  mark('files compared');
  if (typeof planned === 'number') return planned;
  if (opts.check) return reportCheck(planned, opts, ui);
  if (planned.changed.length || planned.leftovers.length) {
    // Writing takes the project lock (nothing to write, no lock: a no-op synth stays cheap).
    // Under it app.yaml is read again; if another command changed it, it is compiled again.
    const first = planned;
    const { withProjectLock } = await import('../../core/lock.js');
    const { applyFiles } = await import('../../core/files.js');
    const written = await withProjectLock(
      cwd,
      async () => {
        const current = (await readManifest(cwd)) === first.text ? first : await plan(opts, cwd, ui);
        if (typeof current !== 'number') await applyFiles(cwd, current.actions);
        return current;
      },
      { onWait: () => ui.err(ui.color.dim('Waiting for another eda command in this project to finish…')) },
    );
    if (typeof written === 'number') return written;
    planned = written;
  }
  const code = await reportWritten(planned, opts, ui);
  mark('reported');
  return code;
}

async function readManifest(cwd: string): Promise<string | undefined> {
  return readFile(path.join(cwd, 'app.yaml'), 'utf8').catch(() => undefined);
}

async function plan(opts: SynthOptions, cwd: string, ui: Ui): Promise<Planned | number> {
  const { compile } = await import('../../pipeline/index.js');
  const { planFiles, leftoverTemps } = await import('../../core/files.js');
  const { formatDiagnostics } = await import('../kit/diagnostics.js');
  const text = await readManifest(cwd);
  let compiled;
  try {
    compiled = await compile({ cwd, stage: opts.stage, out: opts.out, text });
  } catch (error) {
    if (opts.json && error instanceof InvalidAppError) {
      ui.out(JSON.stringify({ ok: false, diagnostics: error.diagnostics }, null, 2));
      return 1;
    }
    throw error;
  }
  const actions = await planFiles(cwd, compiled.files);
  if (!opts.json && compiled.project.warnings.length) ui.err(formatDiagnostics(compiled.project.warnings, ui.color));
  const leftovers = await leftoverTemps(cwd, actions.map((a) => a.path));
  return { text, compiled, actions, changed: actions.filter((a) => a.action !== 'SKIP'), leftovers };
}

function reportCheck({ changed, leftovers }: Planned, opts: SynthOptions, ui: Ui): number {
  const c = ui.color;
  const stale = changed.length + leftovers.length;
  if (opts.json) ui.out(JSON.stringify({ ok: stale === 0, stale: changed.map((a) => ({ path: a.path, action: a.action })), leftovers }, null, 2));
  else if (stale) {
    const why = { CREATE: '(missing)', UPDATE: '(out of date)', DELETE: '(no longer generated)', SKIP: '' };
    for (const a of changed) ui.err(`${c.red('stale')} ${a.path} ${c.dim(why[a.action])}`);
    for (const l of leftovers) ui.err(`${c.red('stale')} ${l} ${c.dim('(left by an interrupted eda command)')}`);
    ui.err(`run ${c.bold('eda synth')} to ${changed.length ? 'update' : 'remove'} ${stale === 1 ? 'it' : 'them'}`);
  } else ui.out(`${c.green('✓')} generated files are up to date`);
  return stale ? 1 : 0;
}

async function reportWritten({ compiled, actions }: Planned, opts: SynthOptions, ui: Ui): Promise<number> {
  const c = ui.color;
  const { alertsSummary } = await import('../../synth/monitoring.js');
  const resources = Object.keys(compiled.template.Resources).length;
  const alerts = alertsSummary(compiled.app);
  if (opts.json) {
    const files = actions.map((a) => ({ path: a.path, action: a.action, reason: a.reason }));
    ui.out(JSON.stringify({ ok: true, app: compiled.app.name, stage: compiled.app.stage, resources, files, alerts }, null, 2));
    return 0;
  }
  for (const a of actions) {
    if (a.action === 'CREATE') ui.out(`${c.green('create')}  ${a.path}`);
    else if (a.action === 'UPDATE') ui.out(`${c.yellow('update')}  ${a.path}`);
    else if (a.action === 'DELETE') ui.out(`${c.red('delete')}  ${a.path} ${c.dim('(no Python function uses this code root now)')}`);
    else if (a.reason === 'exists' && !a.path.endsWith('.yaml')) ui.out(`${c.dim('keep')}    ${c.dim(`${a.path} (exists; never overwritten)`)}`);
    else ui.out(`${c.dim('same')}    ${c.dim(a.path)}`);
  }
  ui.out(`${c.green('✓')} ${opts.out ?? 'template.yaml'}: ${resources} resources for ${compiled.app.name}-${compiled.app.stage}`);
  if (alerts?.hint) {
    const n = alerts.alarms === 1 ? '1 alarm notifies' : `${alerts.alarms} alarms notify`;
    ui.out(`${c.yellow('!')} ${n} the alerts topic, but nothing is subscribed to it`);
    ui.out(`  ${c.dim('hint:')} ${alerts.hint}`);
  }
  return 0;
}
