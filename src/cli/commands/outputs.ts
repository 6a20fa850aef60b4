// eda outputs: the deployed stack's outputs (API URLs, table names...).
import { EdaError } from '../errors.js';
import { connect, loadApp, output, outputsObject, outputsTable, type AppFlags } from '../../deploy/cli.js';

export async function outputsCommand(opts: AppFlags): Promise<number> {
  const out = output(opts.json);
  const app = await loadApp(opts);
  const aws = await connect(opts, app.region);
  const stack = await aws.cfn.describeStack(app.stackName);
  if (!stack || stack.StackStatus === 'REVIEW_IN_PROGRESS') {
    throw new EdaError(`Stack ${app.stackName} is not deployed in ${aws.region}.`, 'Deploy it with `eda deploy`.');
  }
  if (opts.json) {
    out.ui.out(JSON.stringify(outputsObject(stack), null, 2));
    return 0;
  }
  if (!stack.Outputs?.length) {
    out.say(`${app.stackName} has no outputs.`);
    return 0;
  }
  out.say(outputsTable(stack.Outputs, out.paint));
  return 0;
}
