// eda destroy: delete the stack after confirmation; report what was kept.
import { randomUUID } from 'node:crypto';
import { CancelledError, EdaError } from '../../core/errors.js';
import { realClock } from '../../deploy/api.js';
import { rootCauses } from '../../deploy/causes.js';
import { connect } from '../../deploy/connect.js';
import { stageArgs } from '../../deploy/pending.js';
import { isInProgress } from '../../deploy/status.js';
import { parseTemplateBody, resources } from '../../deploy/template.js';
import type { Template } from '../../core/template.js';
import { latestEventId, watchStack } from '../../deploy/watch.js';
import type { AwsApi } from '../../deploy/api.js';
import type { CloudApi } from '../../deploy/cloud-api.js';
import { purgeable, purgeRetained, type Purged } from '../../deploy/purge.js';
import type { Ui } from '../kit/output.js';
import { loadApp, type AppFlags } from '../load-app.js';
import { interruptible } from '../kit/interrupt.js';
import { eventJson } from '../kit/json.js';
import { createUi } from '../kit/output.js';
import { ProgressRenderer } from '../kit/progress.js';
import { canPrompt, needsYes, terminalPrompter, type CommandDeps } from '../kit/prompts.js';
import { causesSection, formatDuration, indent, table } from '../kit/tables.js';

export interface DestroyOptions extends AppFlags {
  yes?: boolean;
  /** Also delete what the stack retained (non-production stages only). */
  purge?: boolean;
}

export interface DestroyDeps extends CommandDeps {
  cloud?: CloudApi;
}

export interface Kept {
  logicalId: string;
  type: string;
  physicalId?: string;
  policy: string;
}

/** Resources a deletion leaves in place (DeletionPolicy Retain / RetainExceptOnCreate) or snapshots. */
export function keptResources(template: Template | undefined, physical: Map<string, { type?: string; physicalId?: string }>): Kept[] {
  const kept: Kept[] = [];
  for (const [id, res] of Object.entries(resources(template))) {
    const policy = String(res?.DeletionPolicy ?? '');
    if (policy !== 'Retain' && policy !== 'RetainExceptOnCreate' && policy !== 'Snapshot') continue;
    const p = physical.get(id);
    if (physical.size && !p) continue; // never created
    kept.push({ logicalId: id, type: p?.type ?? String(res.Type ?? ''), physicalId: p?.physicalId, policy });
  }
  return kept.sort((a, b) => a.logicalId.localeCompare(b.logicalId));
}

export async function destroyCommand(opts: DestroyOptions, deps: DestroyDeps = {}): Promise<number> {
  const started = performance.now();
  const ui = deps.ui ?? createUi({ json: opts.json });
  const { paint } = ui;
  const app = await loadApp(opts);
  if (opts.purge && app.production) {
    throw new EdaError(
      `Refusing to purge ${app.stackName}: stage '${app.stage}' is marked production: true in app.yaml.`,
      'Destroy it without --purge (its retained data stays), or remove production: true from the stage first.',
    );
  }
  const aws = await connect(opts, app.region);
  const stack = await aws.cfn.describeStack(app.stackName);
  if (!stack) {
    if (opts.json) ui.out(JSON.stringify({ stack: app.stackName, status: 'not-deployed' }, null, 2));
    ui.say(`${app.stackName} is not deployed in ${aws.region}: nothing to destroy.`);
    return 0;
  }
  if (isInProgress(stack.StackStatus) && stack.StackStatus !== 'REVIEW_IN_PROGRESS') {
    throw new EdaError(`Stack ${app.stackName} is locked by another operation (${stack.StackStatus}).`, 'Wait for it to finish (`eda status --watch`), then destroy.');
  }
  const stackId = stack.StackId ?? app.stackName;
  const [listed, processed] = await Promise.all([
    aws.cfn.listStackResources(stackId),
    aws.cfn.getTemplate(stackId, 'Processed').catch(() => undefined),
  ]);
  let template: Template | undefined;
  try {
    template = processed ? parseTemplateBody(processed) : parseTemplateBody((await aws.cfn.getTemplate(stackId, 'Original')) ?? '{}');
  } catch {
    template = undefined;
  }
  const live = listed.filter((r) => r.ResourceStatus !== 'DELETE_COMPLETE');
  const physical = new Map(live.map((r) => [r.LogicalResourceId ?? '', { type: r.ResourceType, physicalId: r.PhysicalResourceId }]));
  const kept = keptResources(template, physical);
  const keptTable = () =>
    indent(
      table(
        ['Logical ID', 'Type', 'Physical ID', 'Why'],
        kept.map((k) => [k.logicalId, paint.dim(k.type), k.physicalId ?? '', k.policy === 'Snapshot' ? 'snapshot kept' : `DeletionPolicy ${k.policy}`]),
        paint.bold,
      ),
    );

  ui.say(`${paint.bold(`Destroying ${app.stackName}`)} ${paint.dim(`in ${aws.region} (${stack.StackStatus})`)}`);
  ui.say(`  ${live.length - kept.filter((k) => k.policy !== 'Snapshot').length} resource(s) will be deleted.`);
  if (kept.length) {
    ui.say(opts.purge ? `  Retained by the stack, then deleted by --purge${kept.some((k) => !purgeable(k)) ? ' (where eda can)' : ''}:` : `  Kept after deletion:`);
    ui.say(keptTable());
  }
  if (!opts.yes) {
    if (!(ui.tty && canPrompt(ui.human))) throw needsYes(`destroy ${app.stackName}`);
    const prompter = deps.prompter ?? terminalPrompter(ui.human);
    const typed = await prompter.input({ message: `Type the stack name (${app.stackName}) to delete it:` });
    if (typed.trim() !== app.stackName) throw new CancelledError('Not destroyed: the name did not match.');
  }

  const interrupt = interruptible();
  try {
    const marker = await latestEventId(aws.cfn, stackId).catch(() => undefined);
    await aws.cfn.deleteStack({ StackName: stackId, ClientRequestToken: `eda-${randomUUID()}` });
    const renderer = new ProgressRenderer({ stackName: app.stackName, total: live.length, tty: ui.tty, paint, write: ui.write, columns: ui.columns });
    const result = await watchStack({
      cfn: aws.cfn,
      clock: realClock,
      stack: stackId,
      stackName: app.stackName,
      marker,
      statusBefore: stack.StackStatus,
      renderer,
      signal: interrupt.signal,
    });
    if (result.detached) {
      if (isInProgress(result.status)) ui.say(`Stopped watching; the deletion goes on. Follow it with: ${paint.bold(`eda status --watch ${stageArgs(app.stage, opts.cwd)}`)}`);
      else ui.say(`Stopped watching. Meanwhile the deletion ended: ${app.stackName} is ${result.status}.`);
      return 130;
    }
    const elapsed = formatDuration(performance.now() - started);
    if (result.status !== 'DELETE_COMPLETE') {
      const causes = rootCauses(result.events, app.stackName);
      if (opts.json) ui.out(JSON.stringify({ stack: app.stackName, status: 'failed', stackStatus: result.status, causes: causes.map(eventJson) }, null, 2));
      for (const l of causesSection(causes, paint)) ui.say(l);
      throw new EdaError(`Destroying ${app.stackName} failed: the stack is ${result.status}.`, 'Fix what blocked the deletion, then run `eda destroy` again.');
    }
    const skipped = result.events.filter((e) => e.ResourceStatus === 'DELETE_SKIPPED').map((e) => e.LogicalResourceId);
    for (const id of skipped) {
      if (id && !kept.some((k) => k.logicalId === id)) {
        const p = physical.get(id);
        kept.push({ logicalId: id, type: p?.type ?? '', physicalId: p?.physicalId, policy: 'Retain' });
      }
    }
    const purged = opts.purge ? await purgeKept(kept.filter((k) => k.policy !== 'Snapshot'), aws, opts, deps, ui) : undefined;
    if (opts.json) {
      const left = purged ? kept.filter((k) => !purged.some((p) => p.logicalId === k.logicalId && p.outcome !== 'skipped')) : kept;
      ui.out(JSON.stringify({ stack: app.stackName, status: 'destroyed', durationMs: Math.round(performance.now() - started), kept: left, ...(purged ? { purged } : {}) }, null, 2));
    }
    ui.say(`${paint.green('✓')} Destroyed ${paint.bold(app.stackName)} ${paint.dim(`(${elapsed})`)}`);
    if (purged) {
      const left = kept.filter((k) => !purged.some((p) => p.logicalId === k.logicalId && p.outcome !== 'skipped'));
      if (left.length) ui.say(`  Still kept (eda does not delete these; delete them by hand): ${left.map((k) => `${k.logicalId} (${k.type})`).join(', ')}`);
    } else if (kept.length) {
      ui.say(`  Kept (delete them by hand when no longer needed):`);
      ui.say(keptTable());
    }
    return 0;
  } finally {
    interrupt.dispose();
  }
}

/** --purge: deletes each retained resource eda knows how to delete, saying so line by line. */
async function purgeKept(kept: Kept[], aws: AwsApi, opts: DestroyOptions, deps: DestroyDeps, ui: Ui): Promise<Purged[]> {
  if (!kept.length) return [];
  const cloud = deps.cloud ?? (await import('../../deploy/aws-cloud.js')).createCloudApi(aws, { profile: opts.profile, endpoint: opts.endpointUrl });
  const { paint } = ui;
  ui.say(`Purging what ${kept.length === 1 ? 'was' : 'were'} retained:`);
  return purgeRetained(cloud.purge, kept, (p) => {
    const name = `${p.logicalId} ${paint.dim(`${p.type} ${p.physicalId ?? ''}`)}`;
    if (p.outcome === 'deleted') ui.say(`  ${paint.green('✓')} deleted ${name}${p.objects !== undefined ? ` with ${p.objects} object(s)` : ''}`);
    else if (p.outcome === 'gone') ui.say(`  ${paint.dim('–')} already gone: ${name}`);
    else ui.say(`  ${paint.yellow('!')} not purged (eda deletes only tables, queues, buckets and log groups): ${name}`);
  });
}
