// How `eda add` and `eda remove` show a change: the files it writes and app.yaml's lines.
import { lineChanges } from '../../manifest/edit.js';
import { MANIFEST_FILE } from '../../manifest/load.js';
import type { ChangeEvent } from '../../pipeline/change.js';
import type { Ui } from './output.js';

/** Prints what writeChange reports. */
export function changePrinter(ui: Ui): (event: ChangeEvent) => void {
  const c = ui.color;
  return (event) => {
    if (event.type === 'refused') {
      if (event.reason === 'already-invalid') {
        ui.err(c.red('Nothing was changed: app.yaml already has problems. Fix them first (eda validate lists them):'));
      } else {
        ui.err(c.red('Nothing was changed: with this change app.yaml would not be valid.'));
        ui.err(c.dim(preview(event.before, event.after)));
      }
      return;
    }
    for (const a of event.actions) {
      if (a.action === 'SKIP' && a.reason === 'unchanged') continue;
      const tag = a.action === 'CREATE' ? c.green('CREATE') : a.action === 'UPDATE' ? c.yellow('UPDATE') : a.action === 'DELETE' ? c.red('DELETE') : c.dim('SKIP  ');
      ui.out(`  ${tag} ${a.path}${a.action === 'SKIP' ? c.dim(' (exists, kept as it is)') : ''}`);
    }
    ui.out(preview(event.before, event.after, c));
    if (event.dryRun) ui.out(c.dim('Dry run: nothing was written.'));
  };
}

/** The app.yaml lines a change adds (+) or removes (-), with their line numbers. */
export function preview(before: string, after: string, c?: { green(s: string): string; red(s: string): string; dim(s: string): string }): string {
  const { line, removed, added } = lineChanges(before, after);
  const paint = c ?? { green: (s: string) => s, red: (s: string) => s, dim: (s: string) => s };
  const out: string[] = [];
  const width = String(line + Math.max(removed.length, added.length)).length;
  const num = (n: number) => paint.dim(String(n).padStart(width));
  if (removed.length && added.length === 0) out.push(`${MANIFEST_FILE}, lines to remove:`);
  else if (added.length && removed.length === 0) out.push(`${MANIFEST_FILE}, lines to add:`);
  else out.push(`${MANIFEST_FILE}, lines to change:`);
  removed.forEach((l, i) => out.push(`${num(line + i)} ${paint.red(`- ${l}`)}`));
  added.forEach((l, i) => out.push(`${num(line + i)} ${paint.green(`+ ${l}`)}`));
  return out.join('\n');
}
