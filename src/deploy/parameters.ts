// The values passed for the template's Parameters: `--parameter Name=value` (deploy and diff),
// else the template's Default (the stage's value or the declared default). A flag naming no
// parameter, or a value outside AllowedValues, is a usage error before anything reaches AWS.
import type { Parameter } from '@aws-sdk/client-cloudformation';
import { suggest } from '../core/did-you-mean.js';
import { EdaError, UsageError } from '../core/errors.js';
import type { Template } from '../core/template.js';

/** `--parameter` flags (Name=value, repeatable) as a map; a value may hold '='. */
export function parseParameterFlags(flags: string[] | undefined, template: Template): Map<string, string> {
  const declared = (template.Parameters ?? {}) as Record<string, { AllowedValues?: string[] }>;
  const names = Object.keys(declared);
  const given = new Map<string, string>();
  for (const flag of flags ?? []) {
    const eq = flag.indexOf('=');
    if (eq <= 0) throw new UsageError(`--parameter "${flag}" is not Name=value.`, 'e.g. --parameter EventSource=shop');
    const name = flag.slice(0, eq);
    const value = flag.slice(eq + 1);
    if (!(name in declared)) {
      throw new UsageError(`--parameter ${name}: app.yaml declares no parameter ${name}.`, names.length ? suggest(name, names, 'parameters') : 'declare it under parameters: in app.yaml');
    }
    const allowed = declared[name]!.AllowedValues;
    if (allowed && !allowed.includes(value)) throw new UsageError(`--parameter ${name}: '${value}' is not an allowed value.`, `allowed: ${allowed.join(', ')}`);
    given.set(name, value);
  }
  return given;
}

/** Parameters with neither a --parameter nor a default: their value can only be the deployed stack's. */
export function parametersWithoutValue(template: Template, given: Map<string, string>): string[] {
  return Object.entries((template.Parameters ?? {}) as Record<string, { Default?: unknown }>)
    .filter(([key, def]) => !given.has(key) && def?.Default === undefined)
    .map(([key]) => key);
}

/**
 * Every template parameter's value: the flag's, else its Default, else (for a parameter the
 * deployed stack already has, e.g. a noEcho one passed once) the stack's previous value; a
 * parameter with none of these is an error.
 */
export function stackParameters(template: Template, stackName: string, given: Map<string, string>, deployed: Set<string> = new Set()): Parameter[] {
  const out: Parameter[] = [];
  for (const [key, def] of Object.entries((template.Parameters ?? {}) as Record<string, { Default?: unknown }>)) {
    const value = given.get(key) ?? (def?.Default === undefined ? undefined : Array.isArray(def.Default) ? def.Default.join(',') : String(def.Default));
    if (value === undefined && deployed.has(key)) {
      out.push({ ParameterKey: key, UsePreviousValue: true });
      continue;
    }
    if (value === undefined) {
      throw new EdaError(`The template's parameter ${key} has no default and no --parameter ${key}=… was given, so stack ${stackName} cannot be deployed.`, `pass --parameter ${key}=..., or give it a default (parameters.${key}.default) or a value for this stage (stages.<stage>.parameters.${key})`);
    }
    out.push({ ParameterKey: key, ParameterValue: value });
  }
  return out;
}

export interface ParameterChange {
  name: string;
  /** The deployed value (**** when the parameter is NoEcho), undefined when new. */
  deployed?: string;
  next: string;
}

/** Parameters whose value would change, masked where the template says NoEcho. */
export function parameterChanges(template: Template, deployed: Parameter[] | undefined, next: Parameter[]): ParameterChange[] {
  const noEcho = (name: string) => Boolean((template.Parameters?.[name] as { NoEcho?: boolean } | undefined)?.NoEcho);
  const before = new Map((deployed ?? []).map((p) => [p.ParameterKey!, p.ParameterValue ?? '']));
  const changes: ParameterChange[] = [];
  for (const p of next) {
    if (p.UsePreviousValue) continue;
    const old = before.get(p.ParameterKey!);
    if (old === p.ParameterValue) continue;
    // CloudFormation answers **** for a NoEcho value, so only a NoEcho parameter that is new can be told apart.
    if (noEcho(p.ParameterKey!) && old !== undefined) continue;
    changes.push({ name: p.ParameterKey!, deployed: old, next: noEcho(p.ParameterKey!) ? '****' : p.ParameterValue! });
  }
  return changes;
}
