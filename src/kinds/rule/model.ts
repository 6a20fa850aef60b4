// Declared rules in the model, each with its own dead-letter queue; patterns and target inputs
// with their expressions parsed. (Rules implied by triggers are made in function/model.ts.)
import { logicalId, pascal } from '../../core/names.js';
import type { HttpTargetSpec } from '../../manifest/app.types.js';
import type { Deep, SourcePath, TargetModel } from '../../model/types.js';
import { parseDeep, parseValue } from '../../model/values.js';
import { implicitQueue } from '../queue/model.js';
import type { ModelContext } from '../types.js';

export function modelRules(c: ModelContext): void {
  for (const [name, spec] of Object.entries(c.m.rules ?? {})) {
    const dlq = `rule:${name}:dlq`;
    c.implicitQueues.push(implicitQueue(dlq, `${pascal(name)}RuleDlq`, 'rule-dlq', ['rules', name]));
    c.app.rules.push({
      name,
      logicalId: logicalId('rule', name),
      bus: spec.bus ?? 'default',
      description: spec.description,
      pattern: spec.pattern === undefined ? undefined : (parseDeep(spec.pattern) as Record<string, Deep>),
      schedule: spec.schedule,
      enabled: spec.enabled ?? true,
      targets: spec.targets.map((t, i): TargetModel => {
        if (t.http) return httpTarget(name, t.http, t.input, t.inputPath, spec.targets.slice(0, i).filter((x) => x.http).length + 1, ['rules', name, 'targets', i]);
        const kind = (['workflow', 'queue', 'function', 'topic', 'bus'] as const).find((k) => t[k] !== undefined)!;
        const source = ['rules', name, 'targets', i];
        if (t.bus && typeof t.bus === 'object') return { ...ruleTarget('bus', t.bus.arn, t.input, t.inputPath, source, t), id: targetId('bus', busNameOfArn(t.bus.arn)), arn: parseValue(t.bus.arn) };
        return ruleTarget(kind, t[kind] as string, t.input, t.inputPath, source, t);
      }),
      implicit: false,
      dlq,
      path: ['rules', name],
    });
  }
}

/** A rule target; its constant input parsed both as a value and as the JSON text EventBridge gets. */
export function ruleTarget(
  kind: TargetModel['kind'],
  name: string,
  input: unknown,
  inputPath: string | undefined,
  source: SourcePath,
  transformer: { inputPaths?: Record<string, string>; inputTemplate?: string } = {},
): TargetModel {
  return {
    kind,
    name,
    id: targetId(kind, name),
    input: input === undefined ? undefined : parseDeep(input),
    inputJson: input === undefined ? undefined : parseValue(JSON.stringify(input)),
    inputPath,
    inputTransformer: transformer.inputTemplate === undefined ? undefined : { paths: transformer.inputPaths ?? {}, template: transformer.inputTemplate },
    source,
  };
}

/** An API destination target: the n-th of its rule is <Rule>RuleDestination<n>; its name is the URL. */
function httpTarget(rule: string, http: HttpTargetSpec, input: unknown, inputPath: string | undefined, n: number, source: SourcePath): TargetModel {
  const base = ruleTarget('http', http.url, input, inputPath, source);
  return {
    ...base,
    id: targetId('api-destination', String(n)),
    http: { url: http.url, method: http.method ?? 'POST', connection: http.connection, rateLimit: http.rateLimit ?? 300, logicalId: `${logicalId('rule', rule)}Destination${n}` },
  };
}

export function targetId(kind: string, name: string): string {
  return `${kind}-${name}`.replace(/[^.\-_A-Za-z0-9]/g, '-').slice(0, 64);
}

/** Region and bus name of an event bus ARN, expressions by their names (…:us-west-2:…:event-bus/${parameters.Central} → us-west-2-Central). */
export function busNameOfArn(arn: string): string {
  const text = arn.replace(/\$\{([^}]*)\}/g, (_, inner: string) => inner.split(/[.:]/).pop() ?? '');
  const region = text.split(':')[3] ?? '';
  const name = text.slice(text.lastIndexOf('/') + 1) || text;
  return region ? `${region}-${name}` : name;
}
