// AppManifest (valid) + stage → App: defaults applied, references resolved, implicit
// resources (the implied api, rules for event/schedule triggers, failure queues) made explicit.
import type { AppManifest, FunctionDefaults, TriggerSpec } from '../manifest/app.types.js';
import { isFunctionResource } from '../manifest/asl.js';
import { parseExpressions } from '../manifest/expressions.js';
import { DEFAULTS, stageDefaults } from '../manifest/defaults.js';
import { durationSeconds } from '../manifest/semantics.js';
import { logicalId, pascal, useEnvVar, useExpression } from './names.js';
import type {
  ApiModel,
  App,
  EnvVar,
  FunctionModel,
  KeyAttribute,
  QueueModel,
  RuleModel,
  ServiceIntegration,
  SubscriptionModel,
  TableModel,
  TargetModel,
  TriggerModel,
  UseModel,
  WorkflowModel,
} from './types.js';

export { DEFAULTS } from '../manifest/defaults.js';

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
      routes: [],
      path: ['apis', name],
    };
  });
  const functionEntries = Object.entries(m.functions ?? {});
  if (apis.length === 0 && functionEntries.some(([, f]) => f.triggers?.some((t) => 'http' in t))) {
    apis.push({ name: 'api', logicalId: logicalId('api', 'api'), type: 'http', implicit: true, auth: { type: 'none' }, routes: [], path: ['functions'] });
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
    const asyncTriggered = triggers.some((t) => ASYNC_TRIGGERS.has(t.type));
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
      typeof v === 'object' ? { name, value: v.value, description: v.description, export: v.export ?? false } : { name, value: v, export: false },
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

const integrationActions: Record<string, Record<string, string[]>> = {
  sqs: { sendMessage: ['sqs:SendMessage'] },
  sns: { publish: ['sns:Publish'] },
  dynamodb: { getItem: ['dynamodb:GetItem'], putItem: ['dynamodb:PutItem'], updateItem: ['dynamodb:UpdateItem'], deleteItem: ['dynamodb:DeleteItem'] },
  events: { putEvents: ['events:PutEvents'] },
  states: { startExecution: ['states:StartExecution'] },
  lambda: { invoke: ['lambda:InvokeFunction'] },
};
const serviceKind: Record<string, string> = { sqs: 'queue', sns: 'topic', dynamodb: 'table', events: 'bus', states: 'workflow', lambda: 'function' };

/** Which functions a definition invokes and which service integrations it uses on which resources. */
export function analyseDefinition(definition: Record<string, unknown> | undefined): { invokes: string[]; integrations: ServiceIntegration[] } {
  const invokes = new Set<string>();
  const integrations: ServiceIntegration[] = [];
  const visit = (machine: unknown) => {
    const states = (machine as { States?: Record<string, Record<string, unknown>> })?.States ?? {};
    for (const state of Object.values(states)) {
      if (!state || typeof state !== 'object') continue;
      if (state.Type === 'Task' && typeof state.Resource === 'string') {
        const resource = state.Resource;
        if (isFunctionResource(resource)) invokes.add(resource);
        else {
          for (const p of parseExpressions(resource)) if (p.type === 'ref' && p.kind === 'function') invokes.add(p.name);
          const m = /^arn:aws:states:::(?:aws-sdk:)?([a-z0-9]+):([a-zA-Z0-9]+)(\.sync(?::2)?|\.waitForTaskToken)?$/.exec(resource);
          if (m) {
            const [, service, action, suffix] = m as unknown as [string, string, string, string | undefined];
            const actions = integrationActions[service]?.[action] ?? [`${service}:${action[0]!.toUpperCase()}${action.slice(1)}`];
            const refs = new Set<string>();
            const scan = (v: unknown) => {
              if (typeof v === 'string') for (const p of parseExpressions(v)) if (p.type === 'ref') refs.add(`${p.kind}\u0000${p.name}`);
              else if (Array.isArray(v)) v.forEach(scan);
              else if (v && typeof v === 'object') Object.values(v).forEach(scan);
            };
            scan(state.Parameters);
            scan(state.Arguments);
            for (const r of refs) {
              const [kind, name] = r.split('\u0000') as [string, string];
              if (serviceKind[service] && serviceKind[service] !== kind) continue;
              if (service === 'lambda' && kind === 'function') invokes.add(name);
              integrations.push({ service: service as ServiceIntegration['service'], actions, target: { kind: kind as ServiceIntegration['target']['kind'], name }, sync: suffix?.startsWith('.sync') });
            }
          }
        }
      }
      if (Array.isArray(state.Branches)) state.Branches.forEach(visit);
      if (state.ItemProcessor) visit(state.ItemProcessor);
      if (state.Iterator) visit(state.Iterator);
    }
  };
  visit(definition);
  return { invokes: [...invokes], integrations };
}
