// eda destroy: delete the stack after confirmation; report what was kept.
import { CancelledError, EdaError } from '../errors.js';
import { table } from '../ui.js';
import { realClock } from '../../deploy/api.js';
import {
  askInput,
  canAsk,
  causesSection,
  connect,
  eventJson,
  formatDuration,
  indent,
  interruptible,
  loadApp,
  needsYes,
  output,
  type AppFlags,
} from '../../deploy/cli.js';
import { ProgressRenderer, rootCauses } from '../../deploy/progress.js';
import { isInProgress } from '../../deploy/status.js';
import { parseTemplateBody, resources, type Template } from '../../deploy/template.js';
import { latestEventId, watchStack } from '../../deploy/watch.js';
import { randomUUID } from 'node:crypto';

export interface DestroyOptions extends AppFlags {
  yes?: boolean;
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

export async function destroyCommand(opts: DestroyOptions): Promise<number> {
  const started = performance.now();
  const out = output(opts.json);
  const { paint } = out;
  const app = await loadApp(opts);
  const aws = await connect(opts, app.region);
  const stack = await aws.cfn.describeStack(app.stackName);
  if (!stack) {
    if (opts.json) out.ui.out(JSON.stringify({ stack: app.stackName, status: 'not-deployed' }, null, 2));
    out.say(`${app.stackName} is not deployed in ${aws.region}: nothing to destroy.`);
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

  out.say(`${paint.bold(`Destroying ${app.stackName}`)} ${paint.dim(`in ${aws.region} (${stack.StackStatus})`)}`);
  out.say(`  ${live.length - kept.filter((k) => k.policy !== 'Snapshot').length} resource(s) will be deleted.`);
  if (kept.length) {
    out.say(`  Kept after deletion:`);
    out.say(keptTable());
  }
  if (!opts.yes) {
    if (!canAsk(out)) throw needsYes(`destroy ${app.stackName}`);
    const typed = await askInput(out, `Type the stack name (${app.stackName}) to delete it:`);
    if (typed.trim() !== app.stackName) throw new CancelledError('Not destroyed: the name did not match.');
  }

  const interrupt = interruptible();
  try {
    const marker = await latestEventId(aws.cfn, stackId).catch(() => undefined);
    await aws.cfn.deleteStack({ StackName: stackId, ClientRequestToken: `eda-${randomUUID()}` });
    const renderer = new ProgressRenderer({ stackName: app.stackName, total: live.length, tty: out.tty, paint, write: out.write, columns: out.columns });
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
      if (isInProgress(result.status)) out.say(`Stopped watching; the deletion goes on. Follow it with: ${paint.bold(`eda status --watch --stage ${app.stage}`)}`);
      else out.say(`Stopped watching. Meanwhile the deletion ended: ${app.stackName} is ${result.status}.`);
      return 130;
    }
    const elapsed = formatDuration(performance.now() - started);
    if (result.status !== 'DELETE_COMPLETE') {
      const causes = rootCauses(result.events, app.stackName);
      if (opts.json) out.ui.out(JSON.stringify({ stack: app.stackName, status: 'failed', stackStatus: result.status, causes: causes.map(eventJson) }, null, 2));
      for (const l of causesSection(causes, paint)) out.say(l);
      throw new EdaError(`Destroying ${app.stackName} failed: the stack is ${result.status}.`, 'Fix what blocked the deletion, then run `eda destroy` again.');
    }
    const skipped = result.events.filter((e) => e.ResourceStatus === 'DELETE_SKIPPED').map((e) => e.LogicalResourceId);
    for (const id of skipped) {
      if (id && !kept.some((k) => k.logicalId === id)) {
        const p = physical.get(id);
        kept.push({ logicalId: id, type: p?.type ?? '', physicalId: p?.physicalId, policy: 'Retain' });
      }
    }
    if (opts.json) {
      out.ui.out(JSON.stringify({ stack: app.stackName, status: 'destroyed', durationMs: Math.round(performance.now() - started), kept }, null, 2));
    }
    out.say(`${paint.green('✓')} Destroyed ${paint.bold(app.stackName)} ${paint.dim(`(${elapsed})`)}`);
    if (kept.length) {
      out.say(`  Kept (delete them by hand when no longer needed):`);
      out.say(keptTable());
    }
    return 0;
  } finally {
    interrupt.dispose();
  }
}
