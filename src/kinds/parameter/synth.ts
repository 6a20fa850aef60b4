// The template's Parameters section: one per `parameters:` entry, its Default the stage's value.
// A parameter shares the template's namespace with resources, so a name equal to a logical ID
// is reported.
import { label, type Problem } from '../../manifest/problems.js';
import type { App } from '../../model/types.js';
import { clean } from '../template.js';

export function templateParameters(app: App, logicalIds: Map<string, unknown>, problems: Problem[]): Record<string, unknown> | undefined {
  if (!app.parameters.length) return undefined;
  const out: Record<string, unknown> = {};
  for (const p of app.parameters) {
    if (logicalIds.has(p.name)) {
      problems.push({ path: p.path, at: 'key', code: 'logical-id-collision', message: `parameter '${p.name}' has the logical ID of a resource in the template (${label(p.path)})`, hint: 'rename the parameter: parameters and resources share one namespace in CloudFormation' });
    }
    out[p.name] = clean({ Type: p.type, Description: p.description, Default: p.value, AllowedValues: p.allowed, NoEcho: p.noEcho ? true : undefined });
  }
  return out;
}
