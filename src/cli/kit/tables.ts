// Tables and sections the deploy, diff, status, outputs and destroy commands print: change
// sets, IAM changes, stack outputs, failure causes, durations.
import type { Output } from '@aws-sdk/client-cloudformation';
import type { StackEvent } from '../../deploy/api.js';
import type { ChangeRow } from '../../deploy/engine.js';
import { IAM_HEADERS, iamChanges, shownActions, type IamDiff, type IamRow } from '../../deploy/iam.js';
import { compactCondition, iamBlocks } from './iam-layout.js';
import type { Painter } from './output.js';

/** Renders rows as an aligned text table (column widths from the widest cell). */
export function table(headers: string[], rows: string[][], paint: (s: string) => string = (s) => s): string {
  const strip = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');
  const widths = headers.map((h, i) => Math.max(strip(h).length, ...rows.map((r) => strip(r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === cells.length - 1 ? c : c + ' '.repeat(widths[i]! - strip(c).length))).join('  ').trimEnd();
  return [paint(line(headers)), ...rows.map(line)].join('\n');
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  return `${Math.floor(s / 60)}m${String(Math.round(s % 60)).padStart(2, '0')}s`;
}

const ACTION_MARK: Record<string, string> = { Add: '+', Modify: '~', Remove: '-', Import: '←', Dynamic: '?' };

export function changeSetTable(rows: ChangeRow[], paint: Painter): string {
  if (rows.length === 0) return paint.dim('No resource changes: only outputs, tags, parameters or metadata change.');
  const color = (action: string, s: string) =>
    action === 'Add' ? paint.green(s) : action === 'Remove' ? paint.red(s) : action === 'Modify' ? paint.yellow(s) : s;
  return table(
    ['Action', 'Logical ID', 'Type', 'Replacement'],
    rows.map((r) => [
      color(r.action, `${ACTION_MARK[r.action] ?? ' '} ${r.action}`),
      r.logicalId,
      paint.dim(r.type),
      r.replacement === 'True' ? paint.red('Yes') : r.replacement === 'Conditional' ? paint.yellow('Maybe') : r.replacement === 'False' ? 'No' : '',
    ]),
    paint.bold,
  );
}

/**
 * The IAM changes of a deploy or diff: a headline (how many widen permissions), then a
 * table, or, when the table would be wider than `columns` (by default the width the
 * painter was made for; none: no limit), a block per change.
 */
export function iamSection(iam: IamDiff, paint: Painter, columns: number | undefined = paint.columns): string[] {
  const lines: string[] = [];
  const changes = iamChanges(iam);
  // A statement that changed shows as the rows of what it gains and loses.
  const n = changes.length;
  if (n === 0) return lines;
  if (iam.broadening.length) {
    lines.push(paint.yellow(paint.bold(`IAM: ${iam.broadening.length} change${iam.broadening.length === 1 ? ' widens' : 's widen'} permissions`)) + paint.dim(` (${n} IAM change${n === 1 ? '' : 's'} in all)`));
  } else {
    lines.push(paint.bold(`IAM: ${n} change${n === 1 ? '' : 's'}, none widen permissions`));
  }
  const cells = (r: IamRow) => [r.resource, r.effect, shownActions(r), r.principal, r.target, compactCondition(r.condition)];
  const plain = (c: string, i: number) => (i === 2 ? truncateList(c, 90) : i === 3 || i === 4 ? truncateList(c, 60) : truncate(c, 60));
  const tableText = (sign: (s: '+' | '-') => string) =>
    indent(table(IAM_HEADERS, changes.map((c) => [sign(c.sign), ...cells(c.row).map(plain)]), paint.bold));
  const width = Math.max(...tableText((s) => s).split('\n').map((l) => l.replace(/\x1b\[[0-9;]*m/g, '').length));
  if (columns === undefined || width <= columns) {
    lines.push(tableText((s) => (s === '+' ? paint.green('+') : paint.red('-'))));
  } else {
    lines.push(...iamBlocks(changes, paint, columns));
  }
  return lines;
}

/** A list ("a, b, c") cut at a whole item, saying how many more there are. */
function truncateList(s: string, n: number): string {
  if (s.length <= n) return s;
  const parts = s.split(', ');
  if (parts.length < 2) return truncate(s, n);
  let kept = 1;
  while (kept < parts.length && parts.slice(0, kept + 1).join(', ').length + ` +${parts.length - kept - 1} more`.length <= n) kept++;
  return `${parts.slice(0, kept).join(', ')} +${parts.length - kept} more`;
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

export function indent(text: string, by = '  '): string {
  return text
    .split('\n')
    .map((l) => (l ? by + l : l))
    .join('\n');
}

export function outputsTable(outputs: Output[] | undefined, paint: Painter): string {
  const list = [...(outputs ?? [])].sort((a, b) => (a.OutputKey ?? '').localeCompare(b.OutputKey ?? ''));
  return table(
    ['Output', 'Value'],
    list.map((o) => [o.OutputKey ?? '', o.OutputValue ?? '']),
    paint.bold,
  );
}

export function causesSection(causes: StackEvent[], paint: Painter): string[] {
  if (!causes.length) return [];
  const lines = [paint.red(paint.bold('What failed:'))];
  for (const e of causes) {
    lines.push(`  ${paint.red('✖')} ${e.LogicalResourceId} ${paint.dim(`(${e.ResourceType}) ${e.ResourceStatus}`)}`);
    if (e.ResourceStatusReason) lines.push(`    ${e.ResourceStatusReason}`);
  }
  return lines;
}
