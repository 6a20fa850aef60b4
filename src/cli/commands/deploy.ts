// eda deploy: synthesize, build, upload, change set, confirm, execute, follow.
import { CancelledError, EdaError, UsageError } from '../../core/errors.js';
import { realClock, type AwsApi } from '../../deploy/api.js';
import { formatBytes } from '../../deploy/assets.js';
import { buildAssets, withAssetLocations, type BuildResult } from '../../deploy/build.js';
import { pythonRequirements } from '../../deploy/python.js';
import { API_LOGS_ROLE_VERSION, ensureBucket, needsApiGatewayLogsRole } from '../../deploy/bootstrap.js';
import { deploy, type DeployDeps, type DeployOutcome, type DeployReporter } from '../../deploy/engine.js';
import { stageArgs } from '../../deploy/pending.js';
import { parametersWithoutValue, parseParameterFlags, stackParameters } from '../../deploy/parameters.js';
import { isInProgress } from '../../deploy/status.js';
import { TEMPLATE_BODY_LIMIT, templateBody } from '../../deploy/template.js';
import { loadApp, type AppFlags, type LoadedApp } from '../load-app.js';
import { cloudApi, refuseProduction, restoreAfterDeploy, tryHotswap, type HotswapReport } from './deploy-hotswap.js';
import { connect } from '../../deploy/connect.js';
import { interruptible } from '../kit/interrupt.js';
import { eventJson, outputsObject } from '../kit/json.js';
import { createUi, type Ui } from '../kit/output.js';
import { ProgressRenderer } from '../kit/progress.js';
import { canPrompt, needsYes, terminalPrompter, type CommandDeps } from '../kit/prompts.js';
import { driftCallouts } from '../kit/drift-tables.js';
import { causesSection, changeSetTable, formatDuration, iamSection, indent, outputsTable } from '../kit/tables.js';

export interface DeployOptions extends AppFlags {
  yes?: boolean;
  /** commander's --no-execute sets execute: false. */
  execute?: boolean;
  /** --express / --no-express; unset: the stage's deploy.express in app.yaml. */
  express?: boolean;
  /** --hotswap: change only code and state machine definitions, directly, when nothing else changed. */
  hotswap?: boolean;
  /** --parameter Name=value, repeatable. */
  parameter?: string[];
}

export interface DeployCommandDeps extends CommandDeps {
  /** Told what a hot swap changed (eda watch follows those functions' logs). */
  onHotswap?(report: HotswapReport, app: LoadedApp): void;
}

export async function deployCommand(opts: DeployOptions, deps: DeployCommandDeps = {}): Promise<number> {
  const started = performance.now();
  const ui = deps.ui ?? createUi({ json: opts.json });
  if (opts.hotswap && opts.execute === false) throw new UsageError('--hotswap and --no-execute do not go together: a hot swap has no change set to keep.', 'Use `eda deploy --no-execute` to see the change set, or `eda diff`.');
  const app = await loadApp(opts);
  if (opts.hotswap) refuseProduction(app, 'hot-swap');
  const express = expressMode(app, opts.express);
  const given = parseParameterFlags(opts.parameter, app.template);
  // A hot swap needs the S3 and Lambda clients: load them while esbuild works in its own process.
  if (opts.hotswap) void Promise.all([import('@aws-sdk/client-s3'), import('@aws-sdk/client-lambda')]).catch(() => undefined);
  const [aws, build] = await Promise.all([connect(opts, app.region), buildAssets(app.template, { cwd: app.cwd, python: pythonRequirements(app.model) })]);
  // A parameter with no flag and no default keeps the value the stack was last deployed with.
  const unset = parametersWithoutValue(app.template, given);
  const deployed = unset.length ? new Set(((await aws.cfn.describeStack(app.stackName))?.Parameters ?? []).map((p) => p.ParameterKey!)) : new Set<string>();
  const parameters = stackParameters(app.template, app.stackName, given, deployed);
  announce(ui, app, aws, build);
  if (express) ui.say(ui.paint.dim(`  express mode${opts.express === undefined ? ` (stages.${app.stage}.deploy.express)` : ''}: CloudFormation finishes once configuration is applied`));

  const interrupt = interruptible();
  try {
    const reporter = deployReporter(ui, app.stackName, opts, deps);
    const bucket = await artifactsBucket(app, aws, build, { clock: realClock, reporter, signal: interrupt.signal });
    const template = bucket ? withAssetLocations(app.template, build.refs, bucket) : app.template;
    const tags = [
      { Key: 'eda:app', Value: app.name },
      { Key: 'eda:stage', Value: app.stage },
    ];
    const base = { stack: app.stackName, stage: app.stage, region: aws.region };
    let fallback: { hotswap: { fallback: string } } | undefined;
    if (opts.hotswap) {
      const input = { cwd: app.cwd, stackName: app.stackName, template, assets: build.assets, bucket, parameters, tags };
      const swap = await tryHotswap(input, aws, await cloudApi(aws, opts), { ui, app, json: opts.json, started, base });
      if ('report' in swap) {
        deps.onHotswap?.(swap.report, app);
        return 0;
      }
      fallback = { hotswap: { fallback: swap.fallback } };
    }
    const outcome = await deploy(
      { stackName: app.stackName, template, assets: build.assets, bucket, parameters, tags, execute: opts.execute !== false, express, driftAware: true },
      { aws, clock: realClock, reporter, signal: interrupt.signal },
    );
    if (outcome.kind === 'deployed' || outcome.kind === 'no-changes') await restoreAfterDeploy(app, template, aws, opts, ui);
    const total = performance.now() - started;
    const code = showOutcome(outcome, { ui, app, opts, total, base: { ...base, durationMs: Math.round(total), ...fallback } });
    if (express && outcome.kind === 'deployed') ui.say(ui.paint.dim('  Express mode: resources may still be becoming ready in the background.'));
    return code;
  } finally {
    interrupt.dispose();
  }
}

/** Express mode for this deploy: the flag, else the stage's setting; never for a production stage. */
export function expressMode(app: Pick<LoadedApp, 'stage' | 'stackName' | 'production' | 'express'>, flag: boolean | undefined): boolean {
  const express = flag ?? app.express === true;
  if (express && app.production) {
    throw new EdaError(
      `Refusing an express deploy of ${app.stackName}: stage '${app.stage}' is marked production: true in app.yaml.`,
      'Production stages deploy in standard mode, which waits for every resource to be ready and rolls back on failure. Deploy without --express.',
    );
  }
  return express;
}

/** Where the deploy goes, and what bundling did. */
function announce(ui: Ui, app: LoadedApp, aws: AwsApi, build: BuildResult): void {
  const { paint } = ui;
  ui.say(
    `${paint.bold(`Deploying ${app.stackName}`)} ${paint.dim(`to ${aws.region}${aws.endpoint ? ` at ${aws.endpoint}` : ''}`)}`,
  );
  if (!build.bundled) return;
  const n = (k: number) => `${k} function${k === 1 ? '' : 's'}`;
  ui.say(
    paint.dim(
      build.cached === build.bundled
        ? `  ${n(build.bundled)}: code unchanged since the last build`
        : `  bundled ${n(build.bundled - build.cached)} in ${formatDuration(build.ms)}${build.cached ? ` (${build.cached} unchanged)` : ''}`,
    ),
  );
}

/** The artifacts bucket (bootstrapped or repaired on the way), when the deploy needs one. */
async function artifactsBucket(app: LoadedApp, aws: AwsApi, build: BuildResult, deps: Omit<DeployDeps, 'aws'>): Promise<string | undefined> {
  const needsLogsRole = needsApiGatewayLogsRole(app.template);
  const needsBucket = needsLogsRole || build.assets.length > 0 || Buffer.byteLength(templateBody(app.template)) > TEMPLATE_BODY_LIMIT - 2_000;
  if (!needsBucket) return undefined;
  return ensureBucket(aws, deps, { create: true, minVersion: needsLogsRole ? API_LOGS_ROLE_VERSION : undefined });
}

interface OutcomeView {
  ui: Ui;
  app: LoadedApp;
  opts: DeployOptions;
  /** Milliseconds since the command started. */
  total: number;
  /** The fields every --json answer starts with. */
  base: { stack: string; stage: string; region: string; durationMs: number };
}

/** What the person sees of the outcome, and the exit code; a failed deploy throws. */
function showOutcome(outcome: DeployOutcome, view: OutcomeView): number {
  const { ui, app, opts, total, base } = view;
  const { paint } = ui;
  const json = (value: object) => ui.out(JSON.stringify({ ...base, ...value }, null, 2));
  switch (outcome.kind) {
    case 'no-changes': {
      if (opts.json) json({ status: 'no-changes', outputs: outputsObject(outcome.stack) });
      ui.say(`${paint.green('✓')} No changes: ${app.stackName} is up to date ${paint.dim(`(${formatDuration(total)})`)}`);
      if (!opts.json && outcome.stack?.Outputs?.length) ui.say(indent(outputsTable(outcome.stack.Outputs, paint)));
      return 0;
    }
    case 'change-set': {
      if (opts.json) json({ status: 'change-set-created', changeSet: outcome.changeSetId, changes: outcome.changes, iam: outcome.iam });
      ui.say(`Change set ${paint.bold(outcome.changeSetName)} created and not executed (--no-execute).`);
      ui.say(paint.dim(`  Execute it in the CloudFormation console, or with: aws cloudformation execute-change-set --change-set-name ${outcome.changeSetId}`));
      return 0;
    }
    case 'detached':
      showDetached(outcome.status, view);
      if (opts.json) json({ status: 'detached', stackStatus: outcome.status });
      return 130;
    case 'deployed': {
      if (opts.json) json({ status: 'deployed', stackStatus: outcome.status, changes: outcome.changes, outputs: outputsObject(outcome.stack) });
      ui.say('');
      ui.say(`${paint.green('✓')} Deployed ${paint.bold(app.stackName)} ${paint.dim(`(${outcome.status}, ${formatDuration(total)})`)}`);
      if (outcome.stack?.Outputs?.length) ui.say(indent(outputsTable(outcome.stack.Outputs, paint)));
      return 0;
    }
    case 'failed': {
      if (opts.json) json({ status: 'failed', stackStatus: outcome.status, causes: outcome.causes.map(eventJson) });
      ui.say('');
      for (const l of causesSection(outcome.causes, paint)) ui.say(l);
      throw deployFailed(outcome.status, view);
    }
  }
}

/** Watching stopped (Ctrl-C) while CloudFormation went on: where it stands and how to follow it. */
function showDetached(status: string, { ui, app, opts }: OutcomeView): void {
  const { paint } = ui;
  ui.say('');
  const where = stageArgs(app.stage, opts.cwd);
  if (isInProgress(status)) {
    ui.say(`Stopped watching. The deployment goes on in CloudFormation (${status}).`);
    ui.say(`Follow it with: ${paint.bold(`eda status --watch ${where}`)}`);
  } else {
    ui.say(`Stopped watching. Meanwhile the deployment ended: ${app.stackName} is ${status}.`);
    ui.say(`See it with: ${paint.bold(`eda status ${where}`)}`);
  }
}

/** The one sentence for a failed deploy: what is left of the stack. */
function deployFailed(status: string, { app, total }: OutcomeView): EdaError {
  const what =
    status === 'DELETE_COMPLETE'
      ? 'the new stack was deleted again, so nothing is left behind'
      : /ROLLBACK_COMPLETE$/.test(status)
        ? `the stack rolled back to where it was (${status})`
        : `the stack is ${status}`;
  return new EdaError(`Deploying ${app.stackName} failed after ${formatDuration(total)}: ${what}.`, status === 'UPDATE_ROLLBACK_FAILED' ? 'See `eda status` for what to do next.' : undefined);
}

/** How a deploy shows itself: progress lines, the change set, the question before executing. */
function deployReporter(ui: Ui, stackName: string, opts: DeployOptions, deps: CommandDeps): DeployReporter {
  const { paint } = ui;
  return {
    info: (m) => ui.say(paint.dim(`  ${m}`)),
    uploaded: (s) => {
      if (s.uploaded) ui.say(paint.dim(`  uploaded ${s.uploaded} asset${s.uploaded === 1 ? '' : 's'} (${formatBytes(s.uploadedBytes)}); ${s.unchanged} unchanged`));
    },
    changeSet: (rows, iam, meta) => {
      ui.say('');
      ui.say(`${paint.bold(meta.type === 'CREATE' ? 'New stack' : 'Changes')} ${paint.dim(`(change set ${meta.changeSetName})`)}`);
      ui.say(indent(changeSetTable(rows, paint)));
      for (const l of driftCallouts(rows, paint)) ui.say(`  ${l}`);
      const iamLines = iamSection(iam, paint);
      if (iamLines.length) {
        ui.say('');
        for (const l of iamLines) ui.say(l);
      }
      ui.say('');
    },
    confirm: async ({ iamBroadening, changes }) => {
      if (opts.yes) return true;
      if (!(ui.tty && canPrompt(ui.human))) throw needsYes(`deploy ${stackName}`);
      const prompter = deps.prompter ?? terminalPrompter(ui.human);
      return prompter.confirm({
        message: `Deploy ${changes} change${changes === 1 ? '' : 's'} to ${stackName}${iamBroadening ? ' (widens IAM permissions)' : ''}?`,
        default: false,
      }).catch((error: unknown) => {
        if (error instanceof CancelledError) throw new CancelledError('Cancelled: nothing was deployed, and the change set was deleted.');
        throw error;
      });
    },
    progress: (total, name) =>
      new ProgressRenderer({ stackName: name, total, tty: ui.tty, paint, write: ui.write, columns: ui.columns }),
  };
}
