// Functions in the model: settings after defaults, environment (defaults, then one variable per
// `uses`, then its own; expressions parsed), triggers, and the failure queue async triggers get.
// Event and schedule triggers become rules here (implicit: true), each delivering to it.
import type { DestinationSpec, FunctionSpec, TriggerSpec, UseSpec } from '../../manifest/app.types.js';
import { DEFAULTS } from '../../manifest/defaults.js';
import { logicalId, pascal, sectionOf, useEnvVar } from '../../core/names.js';
import type { DestinationModel, EnvVar, FunctionModel, TriggerModel, UseModel } from '../../model/types.js';
import { parseDeep, parseValue, refExpr, type Deep } from '../../model/values.js';
import { corsOf } from '../api/model.js';
import { bucketTriggerRule } from '../bucket/model.js';
import { implicitQueue } from '../queue/model.js';
import { filterList } from './event-filters.js';
import { ruleTarget } from '../rule/model.js';
import { policyModels } from '../policies/index.js';
import type { ModelContext } from '../types.js';
import { handlerLocation } from './handler.js';

const ASYNC_TRIGGERS = new Set(['topic', 'event', 'schedule', 'stream', 'bucket']);

/** The attribute a `uses` variable holds: ORDERS_TABLE_NAME holds ${tables.orders.name}. */
const useAttribute = { table: 'name', queue: 'url', topic: 'arn', bus: 'name', workflow: 'arn', function: 'name', api: 'callbackUrl', bucket: 'name' } as const;

export function modelFunctions(c: ModelContext): void {
  const { m } = c;
  // Functions that declared rules invoke: EventBridge invokes them asynchronously, like event triggers.
  const ruleTargets = new Set(Object.values(m.rules ?? {}).flatMap((r) => (r?.targets ?? []).map((t) => t?.function).filter((f): f is string => typeof f === 'string')));
  // ... and so does EventBridge Scheduler, for the functions schedules target.
  for (const s of Object.values(m.schedules ?? {})) if (typeof s?.target?.function === 'string') ruleTargets.add(s.target.function);
  for (const [name, spec] of Object.entries(m.functions ?? {})) {
    const base = ['functions', name];
    const uses = (spec.uses ?? []).map(useModel);
    const counters = { event: 0, schedule: 0, bucket: 0 };
    const triggers = (spec.triggers ?? []).map((t: TriggerSpec, i: number) => triggerModel(c, name, t, [...base, 'triggers', i], counters));
    const asyncTriggered = triggers.some((t) => ASYNC_TRIGGERS.has(t.type)) || ruleTargets.has(name);
    let onFailure: FunctionModel['onFailure'];
    if (typeof spec.onFailure === 'object') onFailure = { ...destinationModel(spec.onFailure), own: false };
    else if (spec.onFailure === 'dlq' || (spec.onFailure === undefined && asyncTriggered)) {
      const queue = `function:${name}:dlq`;
      onFailure = { kind: 'queue', name: queue, own: true };
      c.implicitQueues.push(implicitQueue(queue, `${pascal(name)}FunctionDlq`, 'function-failures', base));
    }
    // Implicit rules deliver undeliverable events to their function's failure queue (a rule's dead-letter target is a queue).
    for (const rule of c.implicitRules) if (rule.targets[0]!.name === name) rule.dlq = onFailure?.kind === 'queue' ? onFailure.name : undefined;
    const onSuccess = spec.onSuccess ? destinationModel(spec.onSuccess) : undefined;
    c.app.functions.push(functionModel(c, name, spec, { uses, triggers, onFailure, onSuccess }));
  }
}

/** The one destination a { queue | topic | function | bus } entry names. */
function destinationModel(d: DestinationSpec): DestinationModel {
  const kind = (['queue', 'topic', 'function', 'bus'] as const).find((k) => d[k] !== undefined)!;
  return { kind, name: d[kind]! };
}

function functionModel(c: ModelContext, name: string, spec: FunctionSpec, parts: Pick<FunctionModel, 'uses' | 'triggers' | 'onFailure' | 'onSuccess'>): FunctionModel {
  const { defaults } = c;
  const runtime = spec.runtime ?? defaults.runtime ?? c.m.runtime ?? DEFAULTS.runtime;
  const handler = handlerLocation(name, spec.handler, runtime);
  return {
    name,
    logicalId: logicalId('function', name),
    path: ['functions', name],
    handlerFile: handler.file,
    handlerExport: handler.export,
    codeRoot: handler.codeRoot,
    ...(handler.codeRoot !== undefined && (spec.requirements ?? defaults.requirements) ? { requirements: spec.requirements ?? defaults.requirements } : {}),
    description: spec.description,
    runtime,
    architecture: spec.architecture ?? defaults.architecture ?? DEFAULTS.architecture,
    memory: spec.memory ?? defaults.memory ?? DEFAULTS.memory,
    timeout: functionTimeout(spec, c),
    tracing: spec.tracing ?? defaults.tracing ?? DEFAULTS.tracing,
    logRetentionDays: spec.logRetentionDays ?? defaults.logRetentionDays ?? DEFAULTS.logRetentionDays,
    logGroupLogicalId: `${pascal(name)}LogGroup`,
    environment: environmentOf(c, spec, parts.uses),
    ...parts,
    maximumRetryAttempts: spec.maximumRetryAttempts,
    maximumEventAgeSeconds: spec.maximumEventAgeSeconds,
    reservedConcurrency: spec.reservedConcurrency,
    url: functionUrl(spec, name),
    policies: policyModels(spec.policies, ['functions', name, 'policies']),
    physicalName: spec.name === undefined ? undefined : parseValue(spec.name),
  };
}

/** A function's timeout after the stage's defaults. */
export function functionTimeout(spec: FunctionSpec, c: Pick<ModelContext, 'defaults'>): number {
  return spec.timeout ?? c.defaults.timeout ?? DEFAULTS.timeout;
}

function useModel(u: UseSpec): UseModel {
  if (u.table) return { kind: 'table', name: u.table, access: u.access ?? 'readWrite', envVar: useEnvVar('table', u.table) };
  if (u.bucket) return { kind: 'bucket', name: u.bucket, access: u.access ?? 'readWrite', envVar: useEnvVar('bucket', u.bucket) };
  if (u.secret) return { kind: 'secret', name: secretName(u.secret), secretId: u.secret, envVar: useEnvVar('secret', secretName(u.secret)) };
  const kind = (['queue', 'topic', 'bus', 'workflow', 'function', 'api'] as const).find((k) => u[k] !== undefined)!;
  return { kind, name: u[kind]!, envVar: useEnvVar(kind, u[kind]!) } as UseModel;
}

function environmentOf(c: ModelContext, spec: FunctionSpec, uses: UseModel[]): EnvVar[] {
  const environment: EnvVar[] = [];
  for (const [k, v] of Object.entries(c.defaults.environment ?? {})) environment.push({ name: k, value: parseValue(v) });
  for (const u of uses) {
    const value =
      u.kind === 'secret' ? parseValue(u.secretId) : u.kind === 'bus' && u.name === 'default' ? 'default' : refExpr(sectionOf[u.kind], u.kind, u.name, useAttribute[u.kind]);
    environment.push({ name: u.envVar, value, from: { kind: u.kind, name: u.name } as EnvVar['from'] });
  }
  for (const [k, v] of Object.entries(spec.environment ?? {})) {
    const i = environment.findIndex((e) => e.name === k);
    if (i >= 0) environment.splice(i, 1);
    environment.push({ name: k, value: parseValue(v) });
  }
  return environment;
}

function triggerModel(c: ModelContext, name: string, t: TriggerSpec, source: (string | number)[], counters: { event: number; schedule: number; bucket: number }): TriggerModel {
  if (t.http !== undefined) {
    const [method, path] = t.http.split(' ') as [string, string];
    const firstHttp = Object.entries(c.m.apis ?? {}).find(([, a]) => a?.type !== 'websocket')?.[0];
    return { type: 'http', api: t.api ?? firstHttp ?? 'api', method, path, source };
  }
  if (t.queue !== undefined) {
    return { type: 'queue', queue: t.queue, batchSize: t.batchSize ?? DEFAULTS.queueBatchSize, batchWindow: t.batchWindow, maxConcurrency: t.maxConcurrency, filters: filtersOf(t), source };
  }
  if (t.topic !== undefined) return { type: 'topic', topic: t.topic, filter: t.filter as Record<string, unknown> | undefined, ...(t.filterScope === 'body' ? { filterScope: 'body' as const } : {}), source };
  if (t.stream !== undefined) {
    return {
      type: 'stream',
      table: t.stream,
      startingPosition: t.startingPosition ?? 'LATEST',
      batchSize: t.batchSize ?? DEFAULTS.streamBatchSize,
      batchWindow: t.batchWindow,
      maxRetries: t.maxRetries ?? DEFAULTS.streamMaxRetries,
      filters: filtersOf(t),
      source,
    };
  }
  if (t.bucket !== undefined) {
    const rule = bucketTriggerRule(name, ++counters.bucket, t, source);
    c.implicitRules.push(rule);
    return { type: 'bucket', bucket: t.bucket, rule: rule.name, events: t.events ?? ['created'], prefix: t.prefix, suffix: t.suffix, source };
  }
  const type = t.event !== undefined ? 'event' : 'schedule';
  const n = ++counters[type];
  const ruleName = `${name}.${type}${n}`;
  c.implicitRules.push({
    name: ruleName,
    logicalId: `${pascal(name)}${type === 'event' ? 'Event' : 'Schedule'}${n}Rule`,
    bus: t.event?.bus ?? 'default',
    pattern: t.event?.pattern === undefined ? undefined : (parseDeep(t.event.pattern) as Record<string, Deep>),
    schedule: t.schedule,
    enabled: true,
    targets: [ruleTarget('function', name, t.input, undefined, source, t)],
    implicit: true,
    path: source,
  });
  return { type, rule: ruleName, source };
}

function filtersOf(t: TriggerSpec): Record<string, unknown>[] | undefined {
  const list = filterList(t.filter);
  return list.length ? list : undefined;
}

function secretName(secret: string): string {
  if (!secret.startsWith('arn:')) return secret;
  const name = secret.split(':secret:')[1] ?? secret;
  return name.replace(/-[A-Za-z0-9]{6}$/, '');
}

/** `url: true` or `url: { auth, cors, invokeMode }`: IAM auth and buffered responses unless it says otherwise. */
function functionUrl(spec: FunctionSpec, name: string): FunctionModel['url'] {
  if (!spec.url) return undefined;
  const u = spec.url === true ? {} : spec.url;
  return { auth: u.auth ?? 'iam', cors: corsOf(u.cors), invokeMode: u.invokeMode ?? 'BUFFERED', path: ['functions', name, 'url'] };
}
