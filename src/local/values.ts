// What `eda dev` substitutes for the values CloudFormation would supply at deploy time:
// ${parameters.X} is the stage's value or the default; ${ssm:/name} is read from .eda/ssm.json
// and ${secret:name[:SecretString[:key]]} from .eda/secrets.json (the local Secrets Manager's
// file), both in the project and read on every use so edits apply at once.
import { readFileSync } from 'node:fs';
import { EdaError } from '../core/errors.js';
import type { App } from '../model/types.js';
import { Expr, type Deep } from '../model/values.js';

export interface LocalValueFiles {
  /** { "/shop/api-url": "https://…" } */
  ssmFile: string;
  /** { "stripe-key": "sk_test_…", "db": { "password": "…" } } */
  secretsFile: string;
}

function readJson(file: string): Record<string, unknown> {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export class LocalValues {
  constructor(
    readonly app: App,
    readonly files: LocalValueFiles,
  ) {}

  /** The stage's value or the default; for an AWS::SSM::Parameter::Value<...> parameter, what .eda/ssm.json holds for that SSM name. */
  parameter(name: string): string | undefined {
    const p = this.app.parameters.find((x) => x.name === name);
    if (p?.value === undefined || !p.type.startsWith('AWS::SSM::Parameter::Value<')) return p?.value;
    return this.dynamic('ssm', p.value);
  }

  /** ${ssm:/name[:version]} → .eda/ssm.json's "/name"; ${secret:id[:SecretString[:key]]} → .eda/secrets.json. */
  dynamic(service: 'ssm' | 'secret', body: string): string | undefined {
    if (service === 'ssm') {
      const value = readJson(this.files.ssmFile)[body.replace(/:\d+$/, '')];
      return value === undefined ? undefined : typeof value === 'string' ? value : JSON.stringify(value);
    }
    const arn = /^(arn:[^:]*:[^:]*:[^:]*:[^:]*:secret:[^:]*)(.*)$/.exec(body);
    const id = arn ? arn[1]!.split(':secret:')[1]!.replace(/-[A-Za-z0-9]{6}$/, '') : body.split(':')[0]!;
    const rest = arn ? arn[2]! : body.slice(id.length);
    const key = rest.split(':')[2];
    const secret = readJson(this.files.secretsFile)[id];
    if (secret === undefined) return undefined;
    if (!key) return typeof secret === 'string' ? secret : JSON.stringify(secret);
    const object = typeof secret === 'string' ? (JSON.parse(secret) as Record<string, unknown>) : (secret as Record<string, unknown>);
    const value = object?.[key];
    return value === undefined ? undefined : String(value);
  }

  /** Every parameter and dynamic reference the app's values use that has no local value, as one error. */
  checkResolvable(values: Deep[]): void {
    const missing = new Set<string>();
    const walk = (v: Deep): void => {
      if (v instanceof Expr) {
        for (const p of v.parts) {
          if ('parameter' in p && this.parameter(p.parameter) === undefined) {
            const ssmName = this.app.parameters.find((x) => x.name === p.parameter && x.type.startsWith('AWS::SSM::'))?.value;
            missing.add(
              ssmName !== undefined
                ? `\${parameters.${p.parameter}}: it reads SSM parameter ${ssmName}; add "${ssmName}" to ${this.files.ssmFile}`
                : `\${parameters.${p.parameter}}: it has no default and stage '${this.app.stage}' gives it no value (stages.${this.app.stage}.parameters.${p.parameter})`,
            );
          }
          if ('dynamic' in p && this.dynamic(p.dynamic, p.body) === undefined) {
            const file = p.dynamic === 'ssm' ? this.files.ssmFile : this.files.secretsFile;
            missing.add(`\${${p.dynamic}:${p.body}}: add "${p.dynamic === 'ssm' ? p.body.replace(/:\d+$/, '') : p.body.split(':')[0]}" to ${file}`);
          }
        }
      } else if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') Object.values(v).forEach(walk);
    };
    values.forEach(walk);
    if (missing.size) throw new EdaError(`eda dev has no local value for:\n  ${[...missing].join('\n  ')}`, 'CloudFormation reads these when the stack deploys; eda dev reads parameters from the stage and SSM parameters and secrets from the files named');
  }
}

/** Every value of the model that may hold expressions (environment, patterns, inputs, definitions, names, outputs). */
export function modelValues(app: App): Deep[] {
  return [
    ...app.functions.flatMap((f) => [...f.environment.map((e) => e.value), f.physicalName]),
    ...app.rules.flatMap((r) => [r.pattern as Deep, ...r.targets.flatMap((t) => [t.input, t.arn])]),
    ...app.workflows.map((w) => w.definition as Deep),
    ...[...app.queues, ...app.topics, ...app.tables, ...app.buses].map((x) => x.physicalName),
  ];
}
