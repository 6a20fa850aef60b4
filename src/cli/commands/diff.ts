// eda diff: the resource-level difference between the local synthesis and the deployed template.
import { buildAssets, withAssetLocations } from '../../deploy/build.js';
import { pythonRequirements } from '../../deploy/python.js';
import { BOOTSTRAP_STACK, bucketFromStack } from '../../deploy/bootstrap.js';
import { connect } from '../../deploy/connect.js';
import { describePaths, diffTemplates } from '../../deploy/diff.js';
import { parseTemplateBody } from '../../deploy/template.js';
import { parameterChanges, parseParameterFlags, stackParameters } from '../../deploy/parameters.js';
import type { Template } from '../../core/template.js';
import { realClock, type AwsApi } from '../../deploy/api.js';
import { detectDrift, type DriftReport } from '../../deploy/drift.js';
import { loadApp, type AppFlags } from '../load-app.js';
import { driftSection } from '../kit/drift-tables.js';
import { createUi, type Ui } from '../kit/output.js';
import { iamSection, indent, table } from '../kit/tables.js';
import type { CommandDeps } from '../kit/prompts.js';

export interface DiffOptions extends AppFlags {
  fail?: boolean;
  /** --parameter Name=value, repeatable. */
  parameter?: string[];
  /** commander's --no-drift sets drift: false (no drift detection). */
  drift?: boolean;
}

export async function diffCommand(opts: DiffOptions, deps: CommandDeps = {}): Promise<number> {
  const ui = deps.ui ?? createUi({ json: opts.json });
  const { paint } = ui;
  const app = await loadApp(opts);
  const given = parseParameterFlags(opts.parameter, app.template);
  const [aws, build] = await Promise.all([connect(opts, app.region), buildAssets(app.template, { cwd: app.cwd, python: pythonRequirements(app.model) })]);
  const [stack, bootstrap] = await Promise.all([aws.cfn.describeStack(app.stackName), aws.cfn.describeStack(BOOTSTRAP_STACK)]);
  const isDeployed = Boolean(stack && stack.StackStatus !== 'REVIEW_IN_PROGRESS' && stack.StackStatus !== 'DELETE_COMPLETE');
  let deployed: Template | undefined;
  if (isDeployed) {
    const body = await aws.cfn.getTemplate(stack!.StackId ?? app.stackName, 'Original');
    deployed = body ? parseTemplateBody(body) : undefined;
  }
  // Code is compared by content hash: the asset key is the same wherever it is uploaded.
  const bucket = bucketFromStack(bootstrap) ?? findBucket(deployed) ?? 'eda-artifacts';
  const local = withAssetLocations(app.template, build.refs, bucket);
  const d = diffTemplates(deployed, local);
  const deployedParameters = isDeployed ? (stack!.Parameters ?? []) : [];
  const nextParameters = stackParameters(app.template, app.stackName, given, new Set(deployedParameters.map((p) => p.ParameterKey!)));
  const parameters = parameterChanges(app.template, deployedParameters, nextParameters);
  const drift = isDeployed && opts.drift !== false ? await stackDrift(aws, stack!.StackId ?? app.stackName, ui) : undefined;
  const drifted = Boolean(drift && 'resources' in drift && drift.resources.length);
  const changed = d.changed || parameters.length > 0;

  if (opts.json) {
    ui.out(
      JSON.stringify(
        {
          stack: app.stackName,
          region: aws.region,
          deployed: isDeployed,
          stackStatus: stack?.StackStatus,
          changed,
          resources: d.resources,
          outputs: d.outputs,
          sections: d.sections,
          iam: d.iam,
          parameters,
          drift: drift ?? null,
        },
        null,
        2,
      ),
    );
  } else {
    ui.say(`${paint.bold(app.stackName)} ${paint.dim(`in ${aws.region}${stack ? ` (${stack.StackStatus})` : ''}`)}`);
    if (!isDeployed) ui.say(paint.dim('  Not deployed: everything below would be created.'));
    if (!changed) ui.say(`${paint.green('✓')} No differences: the deployed template matches app.yaml.`);
    if (d.resources.length) {
      const mark = (a: string) => (a === 'Add' ? paint.green('+ Add') : a === 'Remove' ? paint.red('- Remove') : paint.yellow('~ Modify'));
      ui.say(
        indent(
          table(
            ['Action', 'Logical ID', 'Type', 'What changed'],
            d.resources.map((r) => [mark(r.action), r.logicalId, paint.dim(r.type), describePaths(r.paths)]),
            paint.bold,
          ),
        ),
      );
    }
    if (d.outputs.length) ui.say(`  Outputs: ${d.outputs.map((o) => `${o.action === 'Add' ? '+' : o.action === 'Remove' ? '-' : '~'}${o.name}`).join(', ')}`);
    if (d.sections.length) ui.say(`  Also changed: ${d.sections.join(', ')}`);
    for (const p of parameters) ui.say(`  Parameter ${paint.bold(p.name)}: ${p.deployed === undefined ? paint.dim('(new)') : p.deployed} → ${p.next}`);
    const iam = iamSection(d.iam, paint);
    if (iam.length) {
      ui.say('');
      for (const l of iam) ui.say(l);
    }
    if (drift) {
      ui.say('');
      if ('error' in drift) ui.say(paint.yellow(`Drift not checked: ${drift.error}`));
      else for (const l of driftSection(drift, paint)) ui.say(l);
    }
  }
  return opts.fail && (changed || drifted) ? 1 : 0;
}

/** The stack's drift, with progress on stderr; a detection that cannot run is reported, not fatal. */
async function stackDrift(aws: AwsApi, stackId: string, ui: Ui): Promise<DriftReport | { error: string } | undefined> {
  if (!aws.drift) return undefined;
  if (!ui.json) ui.err(ui.paint.dim('Detecting drift (DetectStackDrift)…'));
  let shown = 0;
  try {
    return await detectDrift(aws.drift, stackId, {
      clock: realClock,
      progress: (ms) => {
        if (ui.json || ms - shown < 5000) return;
        shown = ms;
        ui.err(ui.paint.dim(`  still detecting drift (${Math.round(ms / 1000)} s)`));
      },
    });
  } catch (error) {
    return { error: (error as Error).message };
  }
}

function findBucket(template: Template | undefined): string | undefined {
  for (const res of Object.values((template?.Resources ?? {}) as Record<string, any>)) {
    const uri = res?.Properties?.CodeUri;
    if (uri && typeof uri === 'object' && typeof uri.Bucket === 'string') return uri.Bucket;
  }
  return undefined;
}
