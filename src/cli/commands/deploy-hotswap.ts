// eda deploy --hotswap: what the person sees of a hot swap (or of why it fell back), and
// the clean-up after a full deploy of what earlier hot swaps left out of line.
import { EdaError } from '../../core/errors.js';
import { realClock, type AwsApi } from '../../deploy/api.js';
import type { CloudApi } from '../../deploy/cloud-api.js';
import { hasHotswapRecord, hotswap, restoreHotswapped, type HotswapInput, type Swapped } from '../../deploy/hotswap.js';
import type { LoadedApp } from '../load-app.js';
import type { Ui } from '../kit/output.js';
import { formatDuration } from '../kit/tables.js';

/** What a hot swap changed, by app.yaml name. */
export interface HotswapReport {
  functions: { name: string; logicalId: string; physicalId: string }[];
  workflows: { name: string; logicalId: string; physicalId: string }[];
}

export async function cloudApi(aws: AwsApi, opts: { profile?: string; endpointUrl?: string }): Promise<CloudApi> {
  return (await import('../../deploy/aws-cloud.js')).createCloudApi(aws, { profile: opts.profile, endpoint: opts.endpointUrl });
}

/** A hot swap is refused outright for a stage marked production: true. */
export function refuseProduction(app: LoadedApp, what: string): void {
  if (!app.production) return;
  throw new EdaError(
    `Refusing to ${what} ${app.stackName}: stage '${app.stage}' is marked production: true in app.yaml.`,
    'Deploy it with `eda deploy` (a change set), or remove production: true from the stage first.',
  );
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function byName(app: LoadedApp, swapped: Swapped[], kind: 'functions' | 'workflows') {
  const list: { name: string; logicalId: string }[] = app.model[kind];
  return swapped.map((s) => ({ name: list.find((x) => x.logicalId === s.logicalId)?.name ?? s.logicalId, ...s }));
}

export interface HotswapView {
  ui: Ui;
  app: LoadedApp;
  json?: boolean;
  started: number;
  base: Record<string, unknown>;
}

/**
 * Tries the hot swap. Returns the report when it happened (and was shown), or the reason
 * only a change set can deploy this (already shown on one line).
 */
export async function tryHotswap(input: HotswapInput, aws: AwsApi, cloud: CloudApi, view: HotswapView): Promise<{ report: HotswapReport } | { fallback: string }> {
  const { ui, app } = view;
  const { paint } = ui;
  const outcome = await hotswap(input, { aws, cloud, clock: realClock });
  if (outcome.kind === 'fallback') {
    ui.say(paint.yellow(`  Hot swap not possible: ${outcome.reason}. Deploying through a change set.`));
    return { fallback: outcome.reason };
  }
  const report: HotswapReport = { functions: byName(app, outcome.functions, 'functions'), workflows: byName(app, outcome.stateMachines, 'workflows') };
  const total = performance.now() - view.started;
  if (view.json) ui.out(JSON.stringify({ ...view.base, durationMs: Math.round(total), status: report.functions.length + report.workflows.length ? 'hot-swapped' : 'no-changes', ...report }, null, 2));
  if (!report.functions.length && !report.workflows.length) {
    ui.say(`${paint.green('✓')} No changes: ${app.stackName} already runs this code ${paint.dim(`(${formatDuration(total)})`)}`);
    return { report };
  }
  for (const f of report.functions) ui.say(paint.dim(`  updated the code of ${f.name} (${f.physicalId})`));
  for (const w of report.workflows) ui.say(paint.dim(`  updated the definition of ${w.name} (${w.physicalId})`));
  const what = [report.functions.length ? plural(report.functions.length, 'function') : '', report.workflows.length ? plural(report.workflows.length, 'workflow') : ''].filter(Boolean).join(' and ');
  ui.say(`${paint.green('✓')} hot-swapped ${what}; the stack now differs from its template until the next full deploy ${paint.dim(`(${formatDuration(total)})`)}`);
  return { report };
}

/** After a full deploy: earlier hot swaps that CloudFormation left in place are put back in line. */
export async function restoreAfterDeploy(app: LoadedApp, template: HotswapInput['template'], aws: AwsApi, opts: { profile?: string; endpointUrl?: string }, ui: Ui): Promise<void> {
  if (!hasHotswapRecord(app.cwd, app.stackName)) return;
  const restored = await restoreHotswapped({ cwd: app.cwd, stackName: app.stackName, template }, { aws, cloud: await cloudApi(aws, opts), clock: realClock });
  const names = restored.map((id) => [...app.model.functions, ...app.model.workflows].find((x) => x.logicalId === id)?.name ?? id);
  if (names.length) ui.say(ui.paint.dim(`  put ${names.join(', ')} back in line with the template (hot-swapped before, unchanged since the last full deploy)`));
}
