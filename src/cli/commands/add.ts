// eda add <kind> [name]: one resource into app.yaml, everything else kept byte for byte.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { EdaError, UsageError } from '../../core/errors.js';
import { changePrinter } from '../kit/file-changes.js';
import { createUi } from '../kit/output.js';
import { applyEdits } from '../../manifest/edit.js';
import { addKinds, flagName, kindFlags, missingFlags, planAdd, strayFlags, type AddKind, type AddOptions } from '../../scaffold/add/kinds.js';
import { MANIFEST_FILE } from '../../manifest/load.js';
import { writeChange } from '../../pipeline/change.js';
import { withProjectLock } from '../../core/lock.js';
import { canPrompt, terminalPrompter, type CommandDeps } from '../kit/prompts.js';

export interface AddCommandOptions extends AddOptions {
  cwd?: string;
  dryRun?: boolean;
}

export type { CommandDeps };

export async function addCommand(kind: string, name: string | undefined, opts: AddCommandOptions, deps: CommandDeps = {}): Promise<number> {
  const ui = deps.ui ?? createUi();
  const prompter = deps.prompter ?? (canPrompt() ? terminalPrompter() : undefined);
  if (!(addKinds as readonly string[]).includes(kind)) throw new UsageError(`unknown kind '${kind}'`, `eda add can add: ${addKinds.join(', ')}`);
  const stray = strayFlags(kind as AddKind, opts);
  if (stray.length) {
    throw new UsageError(
      `${stray.join(', ')} ${stray.length === 1 ? 'does' : 'do'} not apply to eda add ${kind}`,
      `eda add ${kind} takes ${kindFlags[kind as AddKind].map(flagName).join(', ')} (see eda add --help)`,
    );
  }
  if (!prompter) {
    const missing = missingFlags(kind as AddKind, name, opts);
    if (missing.length) throw new UsageError(`eda add ${kind} needs ${missing.join(', ')}`, 'there is no terminal to ask in; pass them as arguments (see eda add --help)');
  }
  const cwd = path.resolve(opts.cwd ?? '.');
  const prepare = async (text: string) => {
    const plan = await planAdd(kind, name, opts, manifestOf(text), prompter);
    return { before: text, plan };
  };
  const prepared = await prepare(await readManifest(cwd));
  if (opts.dryRun) {
    ui.out(`Would add ${prepared.plan.what}:`);
    await writeChange({ cwd, before: prepared.before, after: applyEdits(prepared.before, prepared.plan.ops), newFunctions: prepared.plan.newFunctions, dryRun: true, report: changePrinter(ui) });
    return 0;
  }
  return withProjectLock(
    cwd,
    async () => {
      const { before, plan } = await stillCurrent(cwd, prepared, prompter !== undefined, prepare);
      const after = applyEdits(before, plan.ops);
      ui.out(`Adding ${plan.what}:`);
      const { handlers } = await writeChange({ cwd, before, after, newFunctions: plan.newFunctions, dryRun: false, report: changePrinter(ui) });
      ui.out(`${ui.color.green('✔')} Added ${plan.what}`);
      for (const [fn, file] of handlers) ui.out(`  Write ${fn}'s logic in ${file}`);
      return 0;
    },
    { onWait: () => ui.err(ui.color.dim('Waiting for another eda command in this project to finish…')) },
  );
}

/**
 * Under the project lock, app.yaml is read again. If another command changed it meanwhile, a
 * change made from flags alone is planned again from the new text; one made from answers in a
 * terminal is refused, since the answers may no longer fit.
 */
export async function stillCurrent<T extends { before: string }>(cwd: string, prepared: T, asked: boolean, prepare: (text: string) => Promise<T>): Promise<T> {
  const now = await readManifest(cwd);
  if (now === prepared.before) return prepared;
  if (asked) throw new EdaError(`${MANIFEST_FILE} changed while you were answering, so nothing was changed`, 'run the command again');
  return prepare(now);
}

export async function readManifest(cwd: string): Promise<string> {
  try {
    return await readFile(path.join(cwd, MANIFEST_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new EdaError(`no ${MANIFEST_FILE} in ${cwd}`, 'run eda new to start a project, or pass --cwd <folder with app.yaml>');
    }
    throw error;
  }
}

export function manifestOf(text: string): Record<string, unknown> {
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length) throw new EdaError(`${MANIFEST_FILE} is not valid YAML: ${doc.errors[0]!.message.split('\n')[0]}`, 'fix it first; eda validate shows where');
  const value = doc.toJS() as unknown;
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new EdaError(`${MANIFEST_FILE} must be a mapping (name:, functions:, ...)`);
  return value as Record<string, unknown>;
}
