// The drift section of `eda diff` and the out-of-band callouts of a deploy's change table.
import type { ChangeRow } from '../../deploy/engine.js';
import type { DriftReport } from '../../deploy/drift.js';
import type { Painter } from './output.js';
import { indent, table } from './tables.js';

const clip = (value: string | undefined, max = 48) => (value === undefined ? '—' : value.length > max ? `${value.slice(0, max - 1)}…` : value);

/** "Drift: …" and a table with a row per drifted property (a deleted resource: one row). */
export function driftSection(report: DriftReport, paint: Painter): string[] {
  const lines: string[] = [];
  const n = report.resources.length;
  if (!n) lines.push(`${paint.green('✓')} No drift: the deployed resources match the deployed template.`);
  else {
    lines.push(`${paint.bold('Drift')}: ${n} resource${n === 1 ? '' : 's'} changed outside CloudFormation ${paint.dim(`(detection ${report.detectionId})`)}`);
    const rows: string[][] = [];
    for (const r of report.resources) {
      const status = r.status === 'DELETED' ? paint.red('DELETED') : paint.yellow('MODIFIED');
      if (!r.differences.length) rows.push([status, r.logicalId, paint.dim(r.type), '', '', '']);
      for (const d of r.differences) rows.push([status, r.logicalId, paint.dim(r.type), d.path, clip(d.expected), clip(d.actual)]);
    }
    lines.push(indent(table(['Drift', 'Logical ID', 'Type', 'Property', 'Expected (template)', 'Actual'], rows, paint.bold)));
    lines.push(paint.dim('  The next eda deploy overwrites these changes with what app.yaml says (drift-aware change set).'));
  }
  if (report.failure) lines.push(paint.yellow(`  Drift detection was incomplete: ${report.failure}`));
  return lines;
}

/** One line per change that overwrites drift: "will overwrite an out-of-band change to X (…)". */
export function driftCallouts(rows: ChangeRow[], paint: Painter): string[] {
  return rows
    .filter((r) => r.drift)
    .map((r) => {
      const what = r.drift!.status === 'DELETED' ? ' (deleted outside CloudFormation: it will be created again)' : r.drift!.properties.length ? ` (${r.drift!.properties.join(', ')})` : '';
      if (r.action === 'Remove') return `${paint.yellow('!')} removes ${paint.bold(r.logicalId)}, which was changed outside CloudFormation`;
      return `${paint.yellow('!')} will overwrite an out-of-band change to ${paint.bold(r.logicalId)}${what}`;
    });
}
