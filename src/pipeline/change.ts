// The write half of `eda add` / `eda remove`: the edited app.yaml is compiled first (nothing is
// written when it would be invalid), then app.yaml, template.yaml, the generated module and any
// new handler stub and its first test are written together — all of them or none. What happens
// is reported as events (the CLI prints them); nothing here writes to the terminal.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { InvalidAppError } from '../core/errors.js';
import { applyFiles, planFiles, type FileAction, type PlannedFile } from '../core/files.js';
import { handlerTest } from '../scaffold/handler-tests.js';
import { MANIFEST_FILE } from '../manifest/load.js';

export interface Change {
  cwd: string;
  before: string;
  after: string;
  /** Functions added by this change: their handler stubs are created when missing. */
  newFunctions: string[];
  dryRun: boolean;
  report(event: ChangeEvent): void;
}

/** What writeChange reports, before it writes (or refuses to). */
export type ChangeEvent =
  /** app.yaml has errors already; they are thrown next as an InvalidAppError. */
  | { type: 'refused'; reason: 'already-invalid' }
  /** The change would make app.yaml invalid; the InvalidAppError is thrown next. */
  | { type: 'refused'; reason: 'would-be-invalid'; before: string; after: string }
  /** The files the change writes (or would write, on a dry run), and app.yaml's lines. */
  | { type: 'planned'; actions: FileAction[]; before: string; after: string; dryRun: boolean };

export interface ChangeResult {
  actions: FileAction[];
  /** Handler files of the new functions, relative to the project. */
  handlers: Map<string, string>;
}

export async function writeChange(change: Change): Promise<ChangeResult> {
  const { report, cwd } = change;
  const { compile } = await import('./index.js');
  let compiled: Awaited<ReturnType<typeof compile>>;
  try {
    compiled = await compile({ cwd, text: change.after });
  } catch (error) {
    if (error instanceof InvalidAppError) {
      const { validateText } = await import('./validate.js');
      const current = validateText(change.before, { cwd }).diagnostics;
      if (current.some((d) => d.severity === 'error')) {
        report({ type: 'refused', reason: 'already-invalid' });
        throw new InvalidAppError(current);
      } else {
        report({ type: 'refused', reason: 'would-be-invalid', before: change.before, after: change.after });
      }
    }
    throw error;
  }
  const handlers = new Map<string, string>();
  for (const fn of compiled.app.functions) if (change.newFunctions.includes(fn.name)) handlers.set(fn.name, fn.handlerFile);
  const wanted = new Set(handlers.values());
  const files: PlannedFile[] = [
    { path: MANIFEST_FILE, content: change.after, mode: 'overwrite' },
    // Generated files are refreshed (or deleted when no longer generated); stubs are created only for the functions this change adds.
    ...compiled.files.filter((f) => f.mode !== 'create-if-missing' || wanted.has(f.path)),
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

  report({ type: 'planned', actions, before: change.before, after: change.after, dryRun: change.dryRun });
  if (change.dryRun) return { actions, handlers };
  // app.yaml must still be what this change was made from (no other program changed it meanwhile).
  await applyFiles(cwd, actions, { unchanged: { [MANIFEST_FILE]: change.before } });
  return { actions, handlers };
}
