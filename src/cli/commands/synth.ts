import path from 'node:path';
import { InvalidAppError } from '../errors.js';
import { createUi } from '../ui.js';

export interface SynthOptions {
  cwd: string;
  out?: string;
  stage?: string;
  check?: boolean;
  json?: boolean;
}

export async function synthCommand(opts: SynthOptions): Promise<number> {
  const ui = createUi({ json: opts.json });
  const c = ui.color;
  const { compile } = await import('../../synth/index.js');
  const { alertsSummary } = await import('../../synth/monitoring.js');
  const { planFiles, applyFiles } = await import('../../scaffold/apply.js');
  const { formatDiagnostics } = await import('../../manifest/diagnostics.js');
  const cwd = path.resolve(opts.cwd);
  let compiled;
  try {
    compiled = await compile({ cwd, stage: opts.stage, out: opts.out });
  } catch (error) {
    if (opts.json && error instanceof InvalidAppError) {
      ui.out(JSON.stringify({ ok: false, diagnostics: error.diagnostics }, null, 2));
      return 1;
    }
    throw error;
  }
  const { template, project } = compiled;
  const actions = await planFiles(cwd, compiled.files);
  const changed = actions.filter((a) => a.action !== 'SKIP');
  const resources = Object.keys(template.Resources).length;
  if (!opts.json && project.warnings.length) ui.err(formatDiagnostics(project.warnings, c));

  if (opts.check) {
    if (opts.json) ui.out(JSON.stringify({ ok: changed.length === 0, stale: changed.map((a) => ({ path: a.path, action: a.action })) }, null, 2));
    else if (changed.length) {
      for (const a of changed) ui.err(`${c.red('stale')} ${a.path} ${c.dim(a.action === 'CREATE' ? '(missing)' : '(out of date)')}`);
      ui.err(`run ${c.bold('eda synth')} to update ${changed.length === 1 ? 'it' : 'them'}`);
    } else ui.out(`${c.green('✓')} generated files are up to date`);
    return changed.length ? 1 : 0;
  }

  await applyFiles(cwd, actions);
  const alerts = alertsSummary(compiled.app);
  if (opts.json) {
    const files = actions.map((a) => ({ path: a.path, action: a.action, reason: a.reason }));
    ui.out(JSON.stringify({ ok: true, app: compiled.app.name, stage: compiled.app.stage, resources, files, alerts }, null, 2));
    return 0;
  }
  for (const a of actions) {
    if (a.action === 'CREATE') ui.out(`${c.green('create')}  ${a.path}`);
    else if (a.action === 'UPDATE') ui.out(`${c.yellow('update')}  ${a.path}`);
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
