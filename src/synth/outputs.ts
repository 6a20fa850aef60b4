// The stack outputs app.yaml declares: values with ${...} expressions resolved, or CloudFormation
// intrinsic functions passed through once every logical ID they name is known to exist.
import { closest } from '../core/did-you-mean.js';
import { pseudoParameters } from '../manifest/expressions.js';
import type { Problem } from '../manifest/problems.js';
import type { App, OutputModel, SourcePath } from '../model/types.js';
import { clean } from '../kinds/template.js';
import { resolveValue } from '../kinds/values.js';
import { Expr } from '../model/values.js';
import { eachReference } from './references.js';

export function synthOutputs(app: App, logicalIds: string[], problems: Problem[]): Record<string, unknown> {
  const outputs: Record<string, unknown> = {};
  for (const o of app.outputs) {
    if (isIntrinsic(o.value)) problems.push(...unknownTargets(o.value, o.path, logicalIds));
    outputs[o.name] = clean({
      Description: o.description,
      Value: outputValue(app, o),
      Export: o.export ? { Name: { 'Fn::Sub': `\${AWS::StackName}-${o.name}` } } : undefined,
    });
  }
  return outputs;
}

function isIntrinsic(value: OutputModel['value']): value is Record<string, unknown> {
  return typeof value === 'object' && !(value instanceof Expr);
}

function outputValue(app: App, o: OutputModel): unknown {
  return isIntrinsic(o.value) ? o.value : resolveValue(app, o.value);
}

/** Problems for each Ref, Fn::GetAtt and Fn::Sub variable naming a logical ID the template lacks. */
function unknownTargets(value: unknown, path: SourcePath, logicalIds: string[]): Problem[] {
  const problems: Problem[] = [];
  const check = (id: string, at: SourcePath) => {
    if (logicalIds.includes(id) || pseudoParameters.includes(id)) return;
    const near = closest(id, logicalIds);
    problems.push({ path: at, code: 'ref-unknown', message: `'${id}' is not a resource of this template`, hint: near ? `did you mean '${near}'?` : 'name a resource from resources:, or a logical ID from template.yaml' });
  };
  eachReference(value, path, check);
  return problems;
}
