// eda diff: the resource-level difference between the local synthesis and the deployed template.
import { table } from '../ui.js';
import { buildAssets, withAssetLocations } from '../../deploy/build.js';
import { BOOTSTRAP_STACK, bucketFromStack } from '../../deploy/bootstrap.js';
import { connect, iamSection, indent, loadApp, output, type AppFlags } from '../../deploy/cli.js';
import { describePaths, diffTemplates } from '../../deploy/diff.js';
import { parseTemplateBody, type Template } from '../../deploy/template.js';

export interface DiffOptions extends AppFlags {
  fail?: boolean;
}

export async function diffCommand(opts: DiffOptions): Promise<number> {
  const out = output(opts.json);
  const { paint } = out;
  const app = await loadApp(opts);
  const [aws, build] = await Promise.all([connect(opts, app.region), buildAssets(app.template, { cwd: app.cwd })]);
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

  if (opts.json) {
    out.ui.out(
      JSON.stringify(
        {
          stack: app.stackName,
          region: aws.region,
          deployed: isDeployed,
          stackStatus: stack?.StackStatus,
          changed: d.changed,
          resources: d.resources,
          outputs: d.outputs,
          sections: d.sections,
          iam: d.iam,
        },
        null,
        2,
      ),
    );
  } else {
    out.say(`${paint.bold(app.stackName)} ${paint.dim(`in ${aws.region}${stack ? ` (${stack.StackStatus})` : ''}`)}`);
    if (!isDeployed) out.say(paint.dim('  Not deployed: everything below would be created.'));
    if (!d.changed) out.say(`${paint.green('✓')} No differences: the deployed template matches app.yaml.`);
    if (d.resources.length) {
      const mark = (a: string) => (a === 'Add' ? paint.green('+ Add') : a === 'Remove' ? paint.red('- Remove') : paint.yellow('~ Modify'));
      out.say(
        indent(
          table(
            ['Action', 'Logical ID', 'Type', 'What changed'],
            d.resources.map((r) => [mark(r.action), r.logicalId, paint.dim(r.type), describePaths(r.paths)]),
            paint.bold,
          ),
        ),
      );
    }
    if (d.outputs.length) out.say(`  Outputs: ${d.outputs.map((o) => `${o.action === 'Add' ? '+' : o.action === 'Remove' ? '-' : '~'}${o.name}`).join(', ')}`);
    if (d.sections.length) out.say(`  Also changed: ${d.sections.join(', ')}`);
    const iam = iamSection(d.iam, paint);
    if (iam.length) {
      out.say('');
      for (const l of iam) out.say(l);
    }
  }
  return opts.fail && d.changed ? 1 : 0;
}

function findBucket(template: Template | undefined): string | undefined {
  for (const res of Object.values((template?.Resources ?? {}) as Record<string, any>)) {
    const uri = res?.Properties?.CodeUri;
    if (uri && typeof uri === 'object' && typeof uri.Bucket === 'string') return uri.Bucket;
  }
  return undefined;
}
