// AppManifest (valid) + stage → App: defaults applied, references resolved, implicit
// resources (the implied api, rules for event/schedule triggers, failure queues) made explicit.
import type { AppManifest, FunctionDefaults, TriggerSpec } from '../manifest/app.types.js';
import { DEFAULTS, stageDefaults } from '../manifest/defaults.js';
import { durationSeconds } from '../manifest/semantics.js';
import { analyseDefinition } from './integrations.js';
import { logicalId, pascal, useEnvVar, useExpression } from './names.js';
import type {
  ApiModel,
  App,
  EnvVar,
  FunctionModel,
  KeyAttribute,
  OutputModel,
  QueueModel,
  RuleModel,
  SubscriptionModel,
  TableModel,
  TargetModel,
  TriggerModel,
  UseModel,
  WorkflowModel,
} from './types.js';

export { DEFAULTS } from '../manifest/defaults.js';

/** The stage throttle an API gets unless app.yaml sets one: requests per second and burst. */
export const API_THROTTLE = { rate: 100, burst: 200 };
const ASYNC_TRIGGERS = new Set(['topic', 'event', 'schedule', 'stream']);

export function buildApp(m: AppManifest, stage: string, opts: { definitions?: Map<string, unknown> } = {}): App {
  const stageSpec = m.stages?.[stage] ?? {};
  const defaults: FunctionDefaults = stageDefaults(m, stage);
  const monitoring = { alarms: true, ...m.monitoring, ...stageSpec.monitoring };
  const apiNames = Object.keys(m.apis ?? {});
  const queues: QueueModel[] = [];
  const rules: RuleModel[] = [];
  const apis: ApiModel[] = Object.entries(m.apis ?? {}).map(([name, spec]) => {
    const type = spec.type ?? 'http';
    const auth = typeof spec.auth === 'object' ? spec.auth : { type: spec.auth ?? 'none' };
    return {
      name,
      logicalId: logicalId('api', name, type),
      type,
      implicit: false,
      description: spec.description,
      cors: corsOf(spec.cors),
      auth:
        auth.type === 'jwt'
          ? { type: 'jwt', issuer: auth.issuer ?? '', audience: auth.audience ?? [], scopes: auth.scopes ?? [] }
          : { type: auth.type as 'none' | 'iam' },
      throttle: { ...API_THROTTLE, ...spec.throttle },
      accessLogs: spec.accessLogs ?? true,
      routes: [],
      path: ['apis', name],
    };
  });
  const functionEntries = Object.entries(m.functions ?? {});
  // Functions that declared rules invoke: EventBridge invokes them asynchronously, like event triggers.
  const ruleTargets = new Set(Object.values(m.rules ?? {}).flatMap((r) => (r?.targets ?? []).map((t) => t?.function).filter((f): f is string => typeof f === 'string')));
  if (apis.length === 0 && functionEntries.some(([, f]) => f.triggers?.some((t) => 'http' in t))) {
    apis.push({ name: 'api', logicalId: logicalId('api', 'api'), type: 'http', implicit: true, auth: { type: 'none' }, throttle: { ...API_THROTTLE }, accessLogs: true, routes: [], path: ['functions'] });
  }

  const functions: FunctionModel[] = functionEntries.map(([name, spec]) => {
    const base = ['functions', name];
    const uses: UseModel[] = (spec.uses ?? []).map((u) => {
      if (u.table) return { kind: 'table', name: u.table, access: u.access ?? 'readWrite', envVar: useEnvVar('table', u.table) };
      if (u.secret) return { kind: 'secret', name: secretName(u.secret), secretId: u.secret, envVar: useEnvVar('secret', secretName(u.secret)) };
      const kind = (['queue', 'topic', 'bus', 'workflow', 'function'] as const).find((k) => u[k] !== undefined)!;
      return { kind, name: u[kind]!, envVar: useEnvVar(kind, u[kind]!) } as UseModel;
    });
    const environment: EnvVar[] = [];
    for (const [k, v] of Object.entries(defaults.environment ?? {})) environment.push({ name: k, value: v });
    for (const u of uses) {
      const value = u.kind === 'secret' ? u.secretId : u.kind === 'bus' && u.name === 'default' ? 'default' : useExpression(u.kind, u.name);
      environment.push({ name: u.envVar, value, from: { kind: u.kind, name: u.name } as EnvVar['from'] });
    }
    for (const [k, v] of Object.entries(spec.environment ?? {})) {
      const i = environment.findIndex((e) => e.name === k);
      if (i >= 0) environment.splice(i, 1);
      environment.push({ name: k, value: v });
    }
    const counters = { event: 0, schedule: 0 };
    const triggers: TriggerModel[] = (spec.triggers ?? []).map((t: TriggerSpec, i: number) => {
      const source = [...base, 'triggers', i];
      if (t.http !== undefined) {
        const [method, path] = t.http.split(' ') as [string, string];
        const api = t.api ?? apiNames[0] ?? 'api';
        apis.find((a) => a.name === api)?.routes.push({ method, path, function: name, source });
        return { type: 'http', api, method, path, source };
      }
      if (t.queue !== undefined) {
        return { type: 'queue', queue: t.queue, batchSize: t.batchSize ?? DEFAULTS.queueBatchSize, batchWindow: t.batchWindow, maxConcurrency: t.maxConcurrency, source };
      }
      if (t.topic !== undefined) return { type: 'topic', topic: t.topic, filter: t.filter as Record<string, unknown> | undefined, source };
      if (t.stream !== undefined) {
        return {
          type: 'stream',
          table: t.stream,
          startingPosition: t.startingPosition ?? 'LATEST',
          batchSize: t.batchSize ?? DEFAULTS.streamBatchSize,
          batchWindow: t.batchWindow,
          maxRetries: t.maxRetries ?? DEFAULTS.streamMaxRetries,
          source,
        };
      }
      const type = t.event !== undefined ? 'event' : 'schedule';
      const n = ++counters[type];
      const ruleName = `${name}.${type}${n}`;
      rules.push({
        name: ruleName,
        logicalId: `${pascal(name)}${type === 'event' ? 'Event' : 'Schedule'}${n}Rule`,
        bus: t.event?.bus ?? 'default',
        pattern: t.event?.pattern as Record<string, unknown> | undefined,
        schedule: t.schedule,
        enabled: true,
        targets: [{ kind: 'function', name, id: targetId('function', name), input: t.input, source }],
        implicit: true,
        path: source,
      });
      return { type, rule: ruleName, source };
    });
    const asyncTriggered = triggers.some((t) => ASYNC_TRIGGERS.has(t.type)) || ruleTargets.has(name);
    let onFailure: FunctionModel['onFailure'];
    if (typeof spec.onFailure === 'object') onFailure = { queue: spec.onFailure.queue, own: false };
    else if (spec.onFailure === 'dlq' || (spec.onFailure === undefined && asyncTriggered)) {
      const queue = `function:${name}:dlq`;
      onFailure = { queue, own: true };
      queues.push(implicitQueue(queue, `${pascal(name)}FunctionDlq`, 'function-failures', base));
    }
    return {
      name,
      logicalId: logicalId('function', name),
      path: base,
      handlerFile: spec.handler ?? `src/handlers/${name}.ts`,
      handlerExport: 'handler',
      description: spec.description,
      runtime: spec.runtime ?? defaults.runtime ?? m.runtime ?? DEFAULTS.runtime,
      architecture: spec.architecture ?? defaults.architecture ?? DEFAULTS.architecture,
      memory: spec.memory ?? defaults.memory ?? DEFAULTS.memory,
      timeout: spec.timeout ?? defaults.timeout ?? DEFAULTS.timeout,
      tracing: spec.tracing ?? defaults.tracing ?? DEFAULTS.tracing,
      logRetentionDays: spec.logRetentionDays ?? defaults.logRetentionDays ?? DEFAULTS.logRetentionDays,
      logGroupLogicalId: `${pascal(name)}LogGroup`,
      environment,
      uses,
      triggers,
      onFailure,
      reservedConcurrency: spec.reservedConcurrency,
    };
  });

  // Implicit rules deliver undeliverable events to their function's failure queue.
  for (const rule of rules) {
    const fn = functions.find((f) => f.name === rule.targets[0]!.name);
    rule.dlq = fn?.onFailure?.queue;
  }

  const declaredQueues: QueueModel[] = Object.entries(m.queues ?? {}).map(([name, spec]) => {
    const consumers = functions.filter((f) => f.triggers.some((t) => t.type === 'queue' && t.queue === name));
    const needed = consumers.map((f) => {
      const t = f.triggers.find((x) => x.type === 'queue' && x.queue === name) as Extract<TriggerModel, { type: 'queue' }>;
      return f.timeout * 6 + (t.batchWindow ?? 0);
    });
    const dlq = spec.dlq === false ? undefined : { logicalId: `${pascal(name)}Dlq`, maxReceives: (typeof spec.dlq === 'object' ? spec.dlq.maxReceives : undefined) ?? DEFAULTS.dlqMaxReceives, name: `${name}:dlq` };
    return {
      name,
      logicalId: logicalId('queue', name),
      fifo: spec.fifo ?? false,
      visibilityTimeout: spec.visibilityTimeout ?? Math.min(43200, Math.max(30, ...needed)),
      retentionSeconds: spec.retention !== undefined ? durationSeconds(spec.retention) : DEFAULTS.queueRetentionSeconds,
      delaySeconds: spec.delay ?? 0,
      dlq,
      consumers: consumers.map((f) => f.name),
      path: ['queues', name],
    };
  });

  const declaredRules: RuleModel[] = Object.entries(m.rules ?? {}).map(([name, spec]) => {
    const dlq = `rule:${name}:dlq`;
    queues.push(implicitQueue(dlq, `${pascal(name)}RuleDlq`, 'rule-dlq', ['rules', name]));
    return {
      name,
      logicalId: logicalId('rule', name),
      bus: spec.bus ?? 'default',
      description: spec.description,
      pattern: spec.pattern as Record<string, unknown> | undefined,
      schedule: spec.schedule,
      enabled: spec.enabled ?? true,
      targets: spec.targets.map((t, i): TargetModel => {
        const kind = (['workflow', 'queue', 'function', 'topic', 'bus'] as const).find((k) => t[k] !== undefined)!;
        return { kind, name: t[kind]!, id: targetId(kind, t[kind]!), input: t.input, inputPath: t.inputPath, source: ['rules', name, 'targets', i] };
      }),
      implicit: false,
      dlq,
      path: ['rules', name],
    };
  });

  const topics = Object.entries(m.topics ?? {}).map(([name, spec]) => {
    const subscriptions: SubscriptionModel[] = (spec.subscriptions ?? []).map((s, i): SubscriptionModel => {
      const source = ['topics', name, 'subscriptions', i];
      const filter = s.filter as Record<string, unknown> | undefined;
      if (s.queue) return { protocol: 'sqs', queue: s.queue, raw: s.raw ?? false, filter, source };
      if (s.email) return { protocol: 'email', endpoint: s.email, filter, source };
      return { protocol: 'https', endpoint: s.https!, raw: s.raw ?? false, filter, source };
    });
    for (const f of functions) {
      for (const t of f.triggers) if (t.type === 'topic' && t.topic === name) subscriptions.push({ protocol: 'lambda', function: f.name, filter: t.filter, source: t.source });
    }
    return { name, logicalId: logicalId('topic', name), fifo: spec.fifo ?? false, subscriptions, path: ['topics', name] };
  });

  const tables: TableModel[] = Object.entries(m.tables ?? {}).map(([name, spec]) => ({
    name,
    logicalId: logicalId('table', name),
    partitionKey: keyOf(spec.partitionKey),
    sortKey: spec.sortKey ? keyOf(spec.sortKey) : undefined,
    billing: typeof spec.billing === 'object' ? { mode: 'provisioned', read: spec.billing.read, write: spec.billing.write } : { mode: 'onDemand' },
    stream: spec.stream ? ({ new: 'NEW_IMAGE', old: 'OLD_IMAGE', newAndOld: 'NEW_AND_OLD_IMAGES', keys: 'KEYS_ONLY' } as const)[spec.stream] : undefined,
    ttl: spec.ttl,
    indexes: Object.entries(spec.indexes ?? {}).map(([iname, idx]) => ({
      name: iname,
      partitionKey: keyOf(idx.partitionKey),
      sortKey: idx.sortKey ? keyOf(idx.sortKey) : undefined,
      projection: idx.projection === undefined || idx.projection === 'all' ? 'ALL' : idx.projection === 'keys' ? 'KEYS_ONLY' : idx.projection,
    })),
    pointInTimeRecovery: spec.pointInTimeRecovery ?? true,
    path: ['tables', name],
  }));

  const workflows: WorkflowModel[] = Object.entries(m.workflows ?? {}).map(([name, spec]) => {
    const definition = (typeof spec.definition === 'string' ? opts.definitions?.get(name) : spec.definition) as Record<string, unknown>;
    const { invokes, integrations } = analyseDefinition(definition);
    return {
      name,
      logicalId: logicalId('workflow', name),
      type: spec.type ?? 'standard',
      description: spec.description,
      definition,
      invokes,
      integrations,
      path: ['workflows', name],
    };
  });

  return {
    name: m.name,
    stage,
    description: m.description,
    region: stageSpec.region ?? m.region,
    retainData: stageSpec.retainData ?? true,
    functionDefaults: {
      runtime: defaults.runtime ?? m.runtime ?? DEFAULTS.runtime,
      memory: defaults.memory ?? DEFAULTS.memory,
      timeout: defaults.timeout ?? DEFAULTS.timeout,
      architecture: defaults.architecture ?? DEFAULTS.architecture,
      tracing: defaults.tracing ?? DEFAULTS.tracing,
      logRetentionDays: defaults.logRetentionDays ?? DEFAULTS.logRetentionDays,
    },
    functions,
    apis,
    tables,
    queues: [...declaredQueues, ...queues],
    topics,
    buses: Object.entries(m.buses ?? {}).map(([name, spec]) => ({
      name,
      logicalId: logicalId('bus', name),
      description: spec.description,
      archiveDays: spec.archive,
      path: ['buses', name],
    })),
    rules: [...declaredRules, ...rules],
    workflows,
    monitoring,
    resources: (m.resources ?? {}) as Record<string, unknown>,
    overrides: (m.overrides ?? {}) as Record<string, Record<string, unknown>>,
    outputs: Object.entries(m.outputs ?? {}).map(([name, v]) =>
      typeof v === 'object' && 'value' in v
        ? { name, value: v.value as OutputModel['value'], description: v.description, export: v.export ?? false, path: ['outputs', name, 'value'] }
        : { name, value: v as OutputModel['value'], export: false, path: ['outputs', name] },
    ),
  };
}

function implicitQueue(name: string, id: string, implicit: QueueModel['implicit'], path: (string | number)[]): QueueModel {
  return {
    name,
    logicalId: id,
    fifo: false,
    visibilityTimeout: 30,
    retentionSeconds: DEFAULTS.dlqRetentionSeconds,
    delaySeconds: 0,
    implicit,
    consumers: [],
    path,
  };
}

export function targetId(kind: string, name: string): string {
  return `${kind}-${name}`.replace(/[^.\-_A-Za-z0-9]/g, '-').slice(0, 64);
}

function keyOf(spec: string): KeyAttribute {
  const [name, type = 'string'] = spec.split(':');
  return { name: name!, type: type === 'number' ? 'N' : type === 'binary' ? 'B' : 'S' };
}

function secretName(secret: string): string {
  if (!secret.startsWith('arn:')) return secret;
  const name = secret.split(':secret:')[1] ?? secret;
  return name.replace(/-[A-Za-z0-9]{6}$/, '');
}

function corsOf(cors: unknown): ApiModel['cors'] {
  if (!cors) return undefined;
  if (cors === true) return { origins: ['*'], methods: ['*'], headers: ['*'], allowCredentials: false };
  const c = cors as { origins?: string[]; methods?: string[]; headers?: string[]; allowCredentials?: boolean; maxAge?: number };
  return { origins: c.origins ?? ['*'], methods: c.methods ?? ['*'], headers: c.headers ?? ['*'], allowCredentials: c.allowCredentials ?? false, maxAge: c.maxAge };
}
