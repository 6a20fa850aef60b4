import { existsSync } from 'node:fs';
import path from 'node:path';
import { InvalidAppError } from '../errors.js';
import { createUi, type Ui } from '../ui.js';

export interface SynthOptions {
  cwd: string;
  out?: string;
  stage?: string;
  check?: boolean;
  json?: boolean;
}

export async function synthCommand(opts: SynthOptions): Promise<number> {
  const ui = createUi({ json: opts.json });
  const cwd = path.resolve(opts.cwd);
  // --check only reads; writing takes the project lock (no lock where there is no app.yaml to guard).
  if (opts.check || !existsSync(path.join(cwd, 'app.yaml'))) return synthesize(opts, cwd, ui);
  const { withProjectLock } = await import('../../scaffold/lock.js');
  return withProjectLock(cwd, () => synthesize(opts, cwd, ui), {
    onWait: () => ui.err(ui.color.dim('Waiting for another eda command in this project to finish…')),
  });
}

async function synthesize(opts: SynthOptions, cwd: string, ui: Ui): Promise<number> {
  const c = ui.color;
  const { compile } = await import('../../synth/index.js');
  const { planFiles, applyFiles, leftoverTemps } = await import('../../scaffold/apply.js');
  const { formatDiagnostics } = await import('../../manifest/diagnostics.js');
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
    // Temp files left by a command that was killed while writing: eda synth removes them.
    const leftovers = await leftoverTemps(cwd, actions.map((a) => a.path));
    const stale = changed.length + leftovers.length;
    if (opts.json) ui.out(JSON.stringify({ ok: stale === 0, stale: changed.map((a) => ({ path: a.path, action: a.action })), leftovers }, null, 2));
    else if (stale) {
      for (const a of changed) ui.err(`${c.red('stale')} ${a.path} ${c.dim(a.action === 'CREATE' ? '(missing)' : '(out of date)')}`);
      for (const l of leftovers) ui.err(`${c.red('stale')} ${l} ${c.dim('(left by an interrupted eda command)')}`);
      ui.err(`run ${c.bold('eda synth')} to ${changed.length ? 'update' : 'remove'} ${stale === 1 ? 'it' : 'them'}`);
    } else ui.out(`${c.green('✓')} generated files are up to date`);
    return stale ? 1 : 0;
  }

  await applyFiles(cwd, actions);
  if (opts.json) {
    ui.out(JSON.stringify({ ok: true, app: compiled.app.name, stage: compiled.app.stage, resources, files: actions.map((a) => ({ path: a.path, action: a.action, reason: a.reason })) }, null, 2));
    return 0;
  }
  for (const a of actions) {
    if (a.action === 'CREATE') ui.out(`${c.green('create')}  ${a.path}`);
    else if (a.action === 'UPDATE') ui.out(`${c.yellow('update')}  ${a.path}`);
    else if (a.reason === 'exists' && !a.path.endsWith('.yaml')) ui.out(`${c.dim('keep')}    ${c.dim(`${a.path} (exists; never overwritten)`)}`);
    else ui.out(`${c.dim('same')}    ${c.dim(a.path)}`);
  }
  ui.out(`${c.green('✓')} ${opts.out ?? 'template.yaml'}: ${resources} resources for ${compiled.app.name}-${compiled.app.stage}`);
  return 0;
}
