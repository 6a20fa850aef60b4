// eda outputs: the deployed stack's outputs (API URLs, table names...).
import { EdaError } from '../../core/errors.js';
import { connect } from '../../deploy/connect.js';
import { loadApp, type AppFlags } from '../load-app.js';
import { outputsObject } from '../kit/json.js';
import { createUi } from '../kit/output.js';
import { outputsTable } from '../kit/tables.js';
import type { CommandDeps } from '../kit/prompts.js';

export async function outputsCommand(opts: AppFlags, deps: CommandDeps = {}): Promise<number> {
  const ui = deps.ui ?? createUi({ json: opts.json });
  const app = await loadApp(opts);
  const aws = await connect(opts, app.region);
  const stack = await aws.cfn.describeStack(app.stackName);
  if (!stack || stack.StackStatus === 'REVIEW_IN_PROGRESS') {
    throw new EdaError(`Stack ${app.stackName} is not deployed in ${aws.region}.`, 'Deploy it with `eda deploy`.');
  }
  if (opts.json) {
    ui.out(JSON.stringify(outputsObject(stack), null, 2));
    return 0;
  }
  if (!stack.Outputs?.length) {
    ui.say(`${app.stackName} has no outputs.`);
    return 0;
  }
  ui.say(outputsTable(stack.Outputs, ui.paint));
  return 0;
}
