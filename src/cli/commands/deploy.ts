// eda deploy: synthesize, build, upload, change set, confirm, execute, follow.
import { CancelledError, EdaError } from '../errors.js';
import { realClock } from '../../deploy/api.js';
import { formatBytes } from '../../deploy/assets.js';
import { buildAssets, withAssetLocations } from '../../deploy/build.js';
import { API_LOGS_ROLE_VERSION, ensureBucket, needsApiGatewayLogsRole } from '../../deploy/bootstrap.js';
import {
  askConfirm,
  canAsk,
  causesSection,
  changeSetTable,
  connect,
  eventJson,
  formatDuration,
  iamSection,
  indent,
  interruptible,
  loadApp,
  needsYes,
  output,
  outputsObject,
  outputsTable,
  type AppFlags,
} from '../../deploy/cli.js';
import { defaultParameters, deploy, type DeployReporter } from '../../deploy/engine.js';
import { ProgressRenderer } from '../../deploy/progress.js';
import { isInProgress } from '../../deploy/status.js';
import { TEMPLATE_BODY_LIMIT, templateBody } from '../../deploy/template.js';

export interface DeployOptions extends AppFlags {
  yes?: boolean;
  /** commander's --no-execute sets execute: false. */
  execute?: boolean;
  express?: boolean;
}

export async function deployCommand(opts: DeployOptions): Promise<number> {
  const started = performance.now();
  const out = output(opts.json);
  const { paint } = out;
  const app = await loadApp(opts);
  const [aws, build] = await Promise.all([connect(opts, app.region), buildAssets(app.template, { cwd: app.cwd })]);
  out.say(
    `${paint.bold(`Deploying ${app.stackName}`)} ${paint.dim(`to ${aws.region}${aws.endpoint ? ` at ${aws.endpoint}` : ''}`)}`,
  );
  if (build.bundled) {
    const n = (k: number) => `${k} function${k === 1 ? '' : 's'}`;
    out.say(
      paint.dim(
        build.cached === build.bundled
          ? `  ${n(build.bundled)}: code unchanged since the last build`
          : `  bundled ${n(build.bundled - build.cached)} in ${formatDuration(build.ms)}${build.cached ? ` (${build.cached} unchanged)` : ''}`,
      ),
    );
  }

  const interrupt = interruptible();
  try {
    const reporter: DeployReporter = {
      info: (m) => out.say(paint.dim(`  ${m}`)),
      uploaded: (s) => {
        if (s.uploaded) out.say(paint.dim(`  uploaded ${s.uploaded} asset${s.uploaded === 1 ? '' : 's'} (${formatBytes(s.uploadedBytes)}); ${s.unchanged} unchanged`));
      },
      changeSet: (rows, iam, meta) => {
        out.say('');
        out.say(`${paint.bold(meta.type === 'CREATE' ? 'New stack' : 'Changes')} ${paint.dim(`(change set ${meta.changeSetName})`)}`);
        out.say(indent(changeSetTable(rows, paint)));
        const iamLines = iamSection(iam, paint);
        if (iamLines.length) {
          out.say('');
          for (const l of iamLines) out.say(l);
        }
        out.say('');
      },
      confirm: async ({ iamBroadening, changes }) => {
        if (opts.yes) return true;
        if (!canAsk(out)) throw needsYes(`deploy ${app.stackName}`);
        return askConfirm(
          out,
          `Deploy ${changes} change${changes === 1 ? '' : 's'} to ${app.stackName}${iamBroadening ? ' (widens IAM permissions)' : ''}?`,
          false,
        ).catch((error) => {
          if (error instanceof CancelledError) throw new CancelledError('Cancelled: nothing was deployed, and the change set was deleted.');
          throw error;
        });
      },
      progress: (total, stackName) =>
        new ProgressRenderer({ stackName, total, tty: out.tty, paint, write: out.write, columns: out.columns }),
    };
    const needsLogsRole = needsApiGatewayLogsRole(app.template);
    const needsBucket = needsLogsRole || build.assets.length > 0 || Buffer.byteLength(templateBody(app.template)) > TEMPLATE_BODY_LIMIT - 2_000;
    const bucket = needsBucket
      ? await ensureBucket(aws, { clock: realClock, reporter, signal: interrupt.signal }, { create: true, minVersion: needsLogsRole ? API_LOGS_ROLE_VERSION : undefined })
      : undefined;
    const template = bucket ? withAssetLocations(app.template, build.refs, bucket) : app.template;
    const outcome = await deploy(
      {
        stackName: app.stackName,
        template,
        assets: build.assets,
        bucket,
        parameters: defaultParameters(template, app.stackName),
        tags: [
          { Key: 'eda:app', Value: app.name },
          { Key: 'eda:stage', Value: app.stage },
        ],
        execute: opts.execute !== false,
        express: opts.express,
      },
      { aws, clock: realClock, reporter, signal: interrupt.signal },
    );
    const total = performance.now() - started;
    const base = { stack: app.stackName, stage: app.stage, region: aws.region, durationMs: Math.round(total) };
    switch (outcome.kind) {
      case 'no-changes': {
        if (opts.json) out.ui.out(JSON.stringify({ ...base, status: 'no-changes', outputs: outputsObject(outcome.stack) }, null, 2));
        out.say(`${paint.green('✓')} No changes: ${app.stackName} is up to date ${paint.dim(`(${formatDuration(total)})`)}`);
        if (!opts.json && outcome.stack?.Outputs?.length) out.say(indent(outputsTable(outcome.stack.Outputs, paint)));
        return 0;
      }
      case 'change-set': {
        if (opts.json)
          out.ui.out(JSON.stringify({ ...base, status: 'change-set-created', changeSet: outcome.changeSetId, changes: outcome.changes, iam: outcome.iam }, null, 2));
        out.say(`Change set ${paint.bold(outcome.changeSetName)} created and not executed (--no-execute).`);
        out.say(paint.dim(`  Execute it in the CloudFormation console, or with: aws cloudformation execute-change-set --change-set-name ${outcome.changeSetId}`));
        return 0;
      }
      case 'detached': {
        out.say('');
        const where = `--stage ${app.stage}${opts.cwd && opts.cwd !== '.' ? ` --cwd ${opts.cwd}` : ''}`;
        if (isInProgress(outcome.status)) {
          out.say(`Stopped watching. The deployment goes on in CloudFormation (${outcome.status}).`);
          out.say(`Follow it with: ${paint.bold(`eda status --watch ${where}`)}`);
        } else {
          out.say(`Stopped watching. Meanwhile the deployment ended: ${app.stackName} is ${outcome.status}.`);
          out.say(`See it with: ${paint.bold(`eda status ${where}`)}`);
        }
        if (opts.json) out.ui.out(JSON.stringify({ ...base, status: 'detached', stackStatus: outcome.status }, null, 2));
        return 130;
      }
      case 'deployed': {
        if (opts.json) {
          out.ui.out(
            JSON.stringify({ ...base, status: 'deployed', stackStatus: outcome.status, changes: outcome.changes, outputs: outputsObject(outcome.stack) }, null, 2),
          );
        }
        out.say('');
        out.say(`${paint.green('✓')} Deployed ${paint.bold(app.stackName)} ${paint.dim(`(${outcome.status}, ${formatDuration(total)})`)}`);
        if (outcome.stack?.Outputs?.length) out.say(indent(outputsTable(outcome.stack.Outputs, paint)));
        return 0;
      }
      case 'failed': {
        if (opts.json) {
          out.ui.out(JSON.stringify({ ...base, status: 'failed', stackStatus: outcome.status, causes: outcome.causes.map(eventJson) }, null, 2));
        }
        out.say('');
        for (const l of causesSection(outcome.causes, paint)) out.say(l);
        const what =
          outcome.status === 'DELETE_COMPLETE'
            ? 'the new stack was deleted again, so nothing is left behind'
            : /ROLLBACK_COMPLETE$/.test(outcome.status)
              ? `the stack rolled back to where it was (${outcome.status})`
              : `the stack is ${outcome.status}`;
        throw new EdaError(`Deploying ${app.stackName} failed after ${formatDuration(total)}: ${what}.`, outcome.status === 'UPDATE_ROLLBACK_FAILED' ? 'See `eda status` for what to do next.' : undefined);
      }
    }
  } finally {
    interrupt.dispose();
  }
}
