// eda status [--watch]: where the stack stands; with --watch, follow the operation in progress.
import { realClock } from '../../deploy/api.js';
import { rootCauses } from '../../deploy/causes.js';
import { connect } from '../../deploy/connect.js';
import { isFailureStatus, isInProgress, isSuccess } from '../../deploy/status.js';
import { hotswappedSinceDeploy } from '../../deploy/hotswap.js';
import { pendingChangeSets, type PendingChangeSet } from '../../deploy/pending.js';
import { latestOperation, watchStack } from '../../deploy/watch.js';
import { loadApp, type AppFlags } from '../load-app.js';
import { interruptible } from '../kit/interrupt.js';
import { eventJson } from '../kit/json.js';
import { createUi, type Painter } from '../kit/output.js';
import { ProgressRenderer } from '../kit/progress.js';
import { causesSection, formatDuration } from '../kit/tables.js';
import type { CommandDeps } from '../kit/prompts.js';

export interface StatusOptions extends AppFlags {
  watch?: boolean;
}

export async function statusCommand(opts: StatusOptions, deps: CommandDeps = {}): Promise<number> {
  const ui = deps.ui ?? createUi({ json: opts.json });
  const { paint } = ui;
  const app = await loadApp(opts);
  const aws = await connect(opts, app.region);
  const stack = await aws.cfn.describeStack(app.stackName);
  if (!stack) {
    if (opts.json) ui.out(JSON.stringify({ stack: app.stackName, region: aws.region, deployed: false }, null, 2));
    else ui.say(`${paint.bold(app.stackName)} is not deployed ${paint.dim(`in ${aws.region}`)}. Deploy it with ${paint.bold('eda deploy')}.`);
    return 0;
  }
  const stackId = stack.StackId ?? app.stackName;
  const colorStatus = (s: string) => (isFailureStatus(s) ? paint.red(s) : isInProgress(s) ? paint.cyan(s) : paint.green(s));
  const op = await latestOperation(aws.cfn, stackId, app.stackName);
  const causes = isFailureStatus(stack.StackStatus) ? rootCauses(op.events, app.stackName) : [];

  if (!(opts.watch && isInProgress(stack.StackStatus) && stack.StackStatus !== 'REVIEW_IN_PROGRESS')) {
    const [resources, pending, swapped] = await Promise.all([
      aws.cfn.listStackResources(stackId),
      pendingChangeSets(aws.cfn, stack, { stackName: app.stackName, stage: app.stage, region: aws.region, cwd: opts.cwd }),
      hotswappedSinceDeploy(app.cwd, app.stackName),
    ]);
    // logical IDs back to app.yaml's names
    const named = (ids: string[], entries: { name: string; logicalId: string }[]) => ids.map((id) => entries.find((e) => e.logicalId === id)?.name ?? id);
    const hotswapped = swapped && { functions: named(swapped.functions, app.model.functions), workflows: named(swapped.stateMachines, app.model.workflows) };
    if (opts.json) {
      ui.out(
        JSON.stringify(
          {
            stack: app.stackName,
            region: aws.region,
            deployed: true,
            status: stack.StackStatus,
            reason: stack.StackStatusReason,
            lastUpdated: (stack.LastUpdatedTime ?? stack.CreationTime)?.toISOString?.(),
            resources: resources.length,
            causes: causes.map(eventJson),
            changeSets: pending,
            ...(hotswapped ? { hotswapped } : {}),
          },
          null,
          2,
        ),
      );
      return 0;
    }
    const when = stack.LastUpdatedTime ?? stack.CreationTime;
    ui.say(`${paint.bold(app.stackName)}  ${colorStatus(stack.StackStatus ?? '?')}${stack.StackStatusReason ? paint.dim(`  ${stack.StackStatusReason}`) : ''}`);
    ui.say(paint.dim(`  ${aws.region} · ${resources.length} resources${when ? ` · last changed ${new Date(when).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC')}` : ''}`));
    for (const l of causesSection(causes, paint)) ui.say(l);
    for (const l of pendingSection(pending, stack.StackStatus === 'REVIEW_IN_PROGRESS', paint)) ui.say(l);
    if (hotswapped) {
      const what = [...hotswapped.functions, ...hotswapped.workflows].join(', ');
      ui.say(`  ${paint.yellow('Hot-swapped')} since the last full deploy: ${paint.bold(what)}`);
      ui.say(paint.dim('    The stack differs from its template until the next eda deploy (without --hotswap).'));
    }
    if (opts.watch) ui.say(paint.dim('  Nothing is in progress.'));
    return 0;
  }

  // --watch while an operation runs: replay what happened so far, then follow it.
  const started = performance.now();
  const renderer = new ProgressRenderer({ stackName: app.stackName, tty: ui.tty, paint, write: ui.write, columns: ui.columns });
  ui.say(`Following ${paint.bold(app.stackName)} (${stack.StackStatus}); Ctrl-C stops watching, not the operation.`);
  renderer.onEvents(op.events);
  const interrupt = interruptible();
  try {
    const result = await watchStack({
      cfn: aws.cfn,
      clock: realClock,
      stack: stackId,
      stackName: app.stackName,
      marker: op.newest,
      statusBefore: stack.StackStatus,
      renderer,
      signal: interrupt.signal,
    });
    const elapsed = formatDuration(performance.now() - started);
    if (result.detached) {
      ui.say(isInProgress(result.status) ? 'Stopped watching; the operation goes on.' : `Stopped watching. Meanwhile the operation ended: ${app.stackName} is ${result.status}.`);
      return 130;
    }
    const ok = isSuccess(result.status);
    const causes = ok ? [] : rootCauses([...op.events, ...result.events], app.stackName);
    if (opts.json) ui.out(JSON.stringify({ stack: app.stackName, status: result.status, causes: causes.map(eventJson) }, null, 2));
    ui.say(`${ok ? paint.green('✓') : paint.red('✖')} ${app.stackName} ${colorStatus(result.status)} ${paint.dim(`(watched ${elapsed})`)}`);
    for (const l of causesSection(causes, paint)) ui.say(l);
    return ok ? 0 : 1;
  } finally {
    interrupt.dispose();
  }
}

/** Change sets nobody executed, each with the command that discards it. */
function pendingSection(pending: PendingChangeSet[], reviewOnly: boolean, paint: Painter): string[] {
  const lines: string[] = [];
  for (const c of pending) {
    const state = [c.status, c.executionStatus === 'AVAILABLE' ? 'not executed' : c.executionStatus].filter(Boolean).join(', ');
    lines.push(`  ${paint.yellow('Pending change set')} ${paint.bold(c.name)} ${paint.dim(`(${state}${c.created ? `, created ${c.created.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')}` : ''})`)}`);
    lines.push(`    Discard it with: ${paint.bold(c.discard)}${reviewOnly ? paint.dim(' (the next eda deploy also replaces it)') : ''}`);
  }
  return lines;
}
