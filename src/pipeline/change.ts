// The write half of `eda add` / `eda remove`: the edited app.yaml is compiled first (nothing is
// written when it would be invalid), then app.yaml, template.yaml, the generated module and any
// new handler stub and its first test are written together — all of them or none.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { InvalidAppError } from '../core/errors.js';
import type { Ui } from '../cli/ui.js';
import { lineChanges } from '../manifest/edit.js';
import { applyFiles, planFiles, type FileAction, type PlannedFile } from '../core/files.js';
import { handlerTest } from '../scaffold/handler-tests.js';

export const MANIFEST = 'app.yaml';

export interface Change {
  cwd: string;
  before: string;
  after: string;
  /** Functions added by this change: their handler stubs are created when missing. */
  newFunctions: string[];
  dryRun: boolean;
  ui: Ui;
}

export interface ChangeResult {
  actions: FileAction[];
  /** Handler files of the new functions, relative to the project. */
  handlers: Map<string, string>;
}

export async function writeChange(change: Change): Promise<ChangeResult> {
  const { ui, cwd } = change;
  const c = ui.color;
  const { compile } = await import('./index.js');
  let compiled: Awaited<ReturnType<typeof compile>>;
  try {
    compiled = await compile({ cwd, text: change.after });
  } catch (error) {
    if (error instanceof InvalidAppError) {
      const { validateText } = await import('../manifest/load.js');
      const current = validateText(change.before, { cwd }).diagnostics;
      if (current.some((d) => d.severity === 'error')) {
        ui.err(c.red('Nothing was changed: app.yaml already has problems. Fix them first (eda validate lists them):'));
        throw new InvalidAppError(current);
      } else {
        ui.err(c.red('Nothing was changed: with this change app.yaml would not be valid.'));
        ui.err(c.dim(preview(change.before, change.after)));
      }
    }
    throw error;
  }
  const handlers = new Map<string, string>();
  for (const fn of compiled.app.functions) if (change.newFunctions.includes(fn.name)) handlers.set(fn.name, fn.handlerFile);
  const wanted = new Set(handlers.values());
  const files: PlannedFile[] = [
    { path: MANIFEST, content: change.after, mode: 'overwrite' },
    // Generated files are refreshed; stubs are created only for the functions this change adds.
    ...compiled.files.filter((f) => f.mode === 'overwrite' || wanted.has(f.path)),
  ];
  // A first test beside each new stub (none for a handler file that exists already).
  for (const fn of compiled.app.functions) {
    if (!handlers.has(fn.name) || existsSync(path.resolve(cwd, fn.handlerFile))) continue;
    const test = await handlerTest(fn, compiled.app);
    if (test) files.push(test);
  }
  // Functions can share a handler file: plan each path once (the first — a generated file — wins).
  const seen = new Set<string>();
  const actions = await planFiles(
    cwd,
    files.filter((f) => !seen.has(f.path) && seen.add(f.path)),
  );

  for (const a of actions) {
    if (a.action === 'SKIP' && a.reason === 'unchanged') continue;
    const tag = a.action === 'CREATE' ? c.green('CREATE') : a.action === 'UPDATE' ? c.yellow('UPDATE') : c.dim('SKIP  ');
    ui.out(`  ${tag} ${a.path}${a.action === 'SKIP' ? c.dim(' (exists, kept as it is)') : ''}`);
  }
  ui.out(preview(change.before, change.after, c));
  if (change.dryRun) {
    ui.out(c.dim('Dry run: nothing was written.'));
    return { actions, handlers };
  }
  // app.yaml must still be what this change was made from (no other program changed it meanwhile).
  await applyFiles(cwd, actions, { unchanged: { [MANIFEST]: change.before } });
  return { actions, handlers };
}

/** The app.yaml lines a change adds (+) or removes (-), with their line numbers. */
export function preview(before: string, after: string, c?: { green(s: string): string; red(s: string): string; dim(s: string): string }): string {
  const { line, removed, added } = lineChanges(before, after);
  const paint = c ?? { green: (s: string) => s, red: (s: string) => s, dim: (s: string) => s };
  const out: string[] = [];
  const width = String(line + Math.max(removed.length, added.length)).length;
  const num = (n: number) => paint.dim(String(n).padStart(width));
  if (removed.length && added.length === 0) out.push(`${MANIFEST}, lines to remove:`);
  else if (added.length && removed.length === 0) out.push(`${MANIFEST}, lines to add:`);
  else out.push(`${MANIFEST}, lines to change:`);
  removed.forEach((l, i) => out.push(`${num(line + i)} ${paint.red(`- ${l}`)}`));
  added.forEach((l, i) => out.push(`${num(line + i)} ${paint.green(`+ ${l}`)}`));
  return out.join('\n');
}
