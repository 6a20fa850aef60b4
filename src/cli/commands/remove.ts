// eda remove <kind> <name>: takes one entry out of app.yaml (everything else kept byte for byte),
// refusing while anything still refers to it. Handler files are never deleted.
import path from 'node:path';
import { UsageError } from '../../core/errors.js';
import { changePrinter } from '../kit/file-changes.js';
import { createUi } from '../kit/output.js';
import { writeChange } from '../../pipeline/change.js';
import { withProjectLock } from '../../core/lock.js';
import { canPrompt, terminalPrompter } from '../kit/prompts.js';
import { planRemove, removeKinds, strayRemoveFlags, type PlannedRemoval, type RemoveFlags } from '../../scaffold/remove.js';
import { manifestOf, readManifest, stillCurrent, type CommandDeps } from './add.js';

export interface RemoveOptions extends RemoveFlags {
  cwd?: string;
  yes?: boolean;
  dryRun?: boolean;
}

export async function removeCommand(kind: string, name: string, opts: RemoveOptions, deps: CommandDeps = {}): Promise<number> {
  const ui = deps.ui ?? createUi();
  const prompter = deps.prompter ?? (canPrompt() ? terminalPrompter() : undefined);
  const c = ui.color;
  if (!(removeKinds as readonly string[]).includes(kind)) throw new UsageError(`unknown kind '${kind}'`, `eda remove can remove: ${removeKinds.join(', ')}`);
  const stray = strayRemoveFlags(kind, opts);
  if (stray.length) {
    throw new UsageError(
      `${stray.map((f) => `--${f}`).join(', ')} ${stray.length === 1 ? 'does' : 'do'} not apply to eda remove ${kind}`,
      '--api says which route; --queue, --email, --https, --function say which subscription',
    );
  }
  const cwd = path.resolve(opts.cwd ?? '.');
  const plan = async (text: string) => planRemove(kind, name, opts, cwd, text, manifestOf(text));
  const prepared = await plan(await readManifest(cwd));
  const { what } = prepared;
  const asked = Boolean(prompter && !opts.yes && !opts.dryRun);
  if (asked) {
    const ok = await prompter!.confirm({ message: `Remove ${what} from app.yaml?`, default: false });
    if (!ok) {
      ui.out('Nothing was removed.');
      return 0;
    }
  }
  const write = async (change: PlannedRemoval) => {
    ui.out(`${opts.dryRun ? 'Would remove' : 'Removing'} ${change.what}:`);
    await writeChange({ cwd, before: change.before, after: change.after, newFunctions: [], dryRun: Boolean(opts.dryRun), report: changePrinter(ui) });
    for (const file of change.kept) ui.out(c.dim(`  ${opts.dryRun ? 'Would keep' : 'Kept'} ${file}: eda never deletes your code; delete it yourself when nothing needs it`));
    if (!opts.dryRun) ui.out(`${c.green('✔')} Removed ${change.what}`);
    return 0;
  };
  if (opts.dryRun) return write(prepared);
  return withProjectLock(
    cwd,
    async () => write(await stillCurrent(cwd, prepared, asked, plan)),
    { onWait: () => ui.err(c.dim('Waiting for another eda command in this project to finish…')) },
  );
}
