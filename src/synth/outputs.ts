// The stack outputs app.yaml declares: values with ${...} expressions resolved, or CloudFormation
// intrinsic functions passed through once every logical ID they name is known to exist.
import { closest } from '../core/did-you-mean.js';
import { pseudoParameters } from '../manifest/expressions.js';
import type { Problem } from '../manifest/problems.js';
import type { App, OutputModel, SourcePath } from '../model/types.js';
import { clean } from '../kinds/template.js';
import { resolveValue } from '../kinds/values.js';
import { Expr } from '../model/values.js';

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
  const walk = (v: unknown, at: SourcePath) => {
    if (Array.isArray(v)) return v.forEach((x, i) => walk(x, [...at, i]));
    if (!v || typeof v !== 'object') return;
    for (const [key, x] of Object.entries(v)) {
      if (key === 'Ref' && typeof x === 'string') check(x, [...at, key]);
      else if (key === 'Fn::GetAtt') {
        const id = Array.isArray(x) ? x[0] : typeof x === 'string' ? x.split('.')[0] : undefined;
        if (typeof id === 'string') check(id, Array.isArray(x) ? [...at, key, 0] : [...at, key]);
        else walk(x, [...at, key]);
      } else if (key === 'Fn::Sub') {
        const [text, vars] = Array.isArray(x) ? x : [x, {}];
        if (typeof text === 'string') {
          for (const m of text.matchAll(/\$\{([^!}][^}]*)\}/g)) {
            const id = m[1]!.split('.')[0]!;
            if (!(vars && typeof vars === 'object' && id in vars)) check(m[1]!.includes('::') ? m[1]! : id, [...at, key]);
          }
        }
        if (vars) walk(vars, [...at, key, 1]);
      } else walk(x, [...at, key]);
    }
  };
  walk(value, path);
  return problems;
}
