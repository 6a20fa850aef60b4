// Checks that need more than the schema: references, names, routes, schedules, patterns,
// FIFO and service limits, workflows. Every problem carries the path it is about.
import type { AppManifest, TriggerSpec, UseSpec } from './app.types.js';
import { checkAsl } from './asl.js';
import { closest, suggest } from './diagnostics.js';
import { checkExpressionUses } from './expression-checks.js';
import { insideProject } from './files.js';
import { DEFAULTS, defaultOrigin, stageDefaults } from './defaults.js';
import { checkDefaultEnvironments, checkFunctionEnvironment } from './environment.js';
import { checkHandlerKinds, type DefinitionSource } from './handler-kinds.js';
import { label, type Problem } from './problems.js';
import { checkSchedule } from './schedule.js';
import type { Path } from './source.js';
import { pascal, sectionOf } from '../model/names.js';
import type { Kind } from '../model/types.js';
import { validatePattern } from '../pattern/index.js';

export interface SemanticContext {
  /** Workflow definitions loaded from files: workflow name → { file, definition }. */
  definitionFiles: Map<string, { file: string; definition: unknown }>;
  /** The stage whose overrides apply (default dev): checks read the stage-resolved values. */
  stage?: string;
}

const useKinds = ['table', 'queue', 'topic', 'bus', 'workflow', 'function', 'secret'] as const;
const triggerKinds = ['http', 'queue', 'topic', 'event', 'schedule', 'stream'] as const;
const triggerExtras: Record<(typeof triggerKinds)[number], string[]> = {
  http: ['api'],
  queue: ['batchSize', 'batchWindow', 'maxConcurrency'],
  topic: ['filter'],
  event: ['input'],
  schedule: ['input'],
  stream: ['batchSize', 'batchWindow', 'startingPosition', 'maxRetries'],
};
const targetKinds = ['workflow', 'queue', 'function', 'topic', 'bus'] as const;
const subscriptionKinds = ['queue', 'email', 'https'] as const;

export function checkSemantics(m: AppManifest, ctx: SemanticContext): Problem[] {
  const problems: Problem[] = [];
  const stage = ctx.stage ?? 'dev';
  const defaults = stageDefaults(m, stage);
  const add = (p: Problem) => problems.push(p);
  const names = (section: keyof AppManifest): string[] => Object.keys((m[section] as object | undefined) ?? {});
  const declared: Record<Kind, string[]> = {
    function: names('functions'),
    api: names('apis'),
    table: names('tables'),
    queue: names('queues'),
    topic: names('topics'),
    bus: names('buses'),
    rule: names('rules'),
    workflow: names('workflows'),
  };
  const hasHttp = Object.values(m.functions ?? {}).some((f) => f?.triggers?.some((t) => t && 'http' in t));
  if (hasHttp && declared.api.length === 0) declared.api = ['api'];

  const exists = (kind: Kind, name: string) => (kind === 'bus' && name === 'default') || declared[kind].includes(name);
  const ref = (kind: Kind, name: unknown, path: Path, what?: string) => {
    if (typeof name !== 'string' || exists(kind, name)) return;
    const candidates = kind === 'bus' ? ['default', ...declared.bus] : declared[kind];
    add({
      path,
      code: 'ref-unknown',
      message: `${what ?? kind} '${name}' is not declared under ${sectionOf[kind]}`,
      hint: suggest(name, candidates, sectionOf[kind]),
    });
  };
  const oneKind = <K extends string>(obj: Record<string, unknown>, kinds: readonly K[], path: Path, what: string): K | undefined => {
    const present = Object.keys(obj).filter((k): k is K => (kinds as readonly string[]).includes(k));
    if (present.length === 1) return present[0];
    if (present.length > 1) {
      add({ path: [...path, present[1]!], at: 'key', code: 'kind-ambiguous', message: `${what} has both '${present[0]}' and '${present[1]}'`, hint: `write each ${what} as its own list item` });
    } else {
      add({ path, code: 'kind-missing', message: `${what} names no ${kinds.join(', ')}`, hint: `write one of: ${kinds.join(', ')}` });
    }
    return undefined;
  };

  // Names that collide after PascalCase derivation (order-events vs orderEvents).
  for (const [kind, list] of Object.entries(declared) as [Kind, string[]][]) {
    const byId = new Map<string, string>();
    for (const name of list) {
      const id = pascal(name);
      const other = byId.get(id);
      if (other !== undefined && !(kind === 'api' && name === 'api' && !m.apis)) {
        add({
          path: [sectionOf[kind], name],
          at: 'key',
          code: 'name-collision',
          message: `${kind} '${name}' and ${kind} '${other}' both become the logical ID ${id}${kind === 'api' ? 'HttpApi' : pascal(kind === 'workflow' ? 'state-machine' : kind)}`,
          hint: `rename one of them; names that differ only in '-' and capitals collide in CloudFormation`,
        });
      } else byId.set(id, name);
    }
  }
  if (m.buses && 'default' in m.buses) {
    add({ path: ['buses', 'default'], at: 'key', code: 'bus-default', message: `'default' is the account's default event bus and always exists`, hint: 'remove this entry; rules without bus: use the default bus' });
  }

  checkDefaultEnvironments(m, add);

  const queueSpec = (name: string) => m.queues?.[name];
  const handlerFiles = new Map<string, { file: string; fn: string }>();
  const consumers = new Map<string, { fn: string; timeout: number; path: Path; from?: Path }[]>();
  const routes = new Map<string, Path>();

  for (const [fnName, fn] of Object.entries(m.functions ?? {})) {
    if (!fn) continue;
    const base: Path = ['functions', fnName];
    if (typeof fn.handler === 'string' && !insideProject(fn.handler)) {
      add({ path: [...base, 'handler'], code: 'path-outside', message: `handler '${fn.handler}' is outside the project folder`, hint: 'use a path relative to app.yaml, such as src/handlers/createOrder.ts' });
    } else if (typeof fn.handler === 'string' && /^(\.\/)?src\/generated\//.test(fn.handler)) {
      add({ path: [...base, 'handler'], code: 'path-generated', message: `handler '${fn.handler}' is in src/generated/, which eda synth rewrites`, hint: `keep handlers elsewhere, such as src/handlers/${fnName}.ts` });
    }
    const handlerFile = (fn.handler ?? `src/handlers/${fnName}.ts`).replace(/^\.\//, '');
    const sameFile = handlerFiles.get(handlerFile.toLowerCase());
    if (sameFile && sameFile.file !== handlerFile) {
      add({ path: fn.handler ? [...base, 'handler'] : base, at: fn.handler ? 'value' : 'key', code: 'handler-case', message: `the handler of '${fnName}' (${handlerFile}) differs from that of '${sameFile.fn}' (${sameFile.file}) only in capitals`, hint: 'on macOS and Windows they are the same file; rename one function or set its handler:' });
    } else if (!sameFile) handlerFiles.set(handlerFile.toLowerCase(), { file: handlerFile, fn: fnName });
    const usedEnv = new Map<string, Path>();
    (fn.uses ?? []).forEach((use: UseSpec, i: number) => {
      const path = [...base, 'uses', i];
      if (!use || typeof use !== 'object') return;
      const kind = oneKind(use as Record<string, unknown>, useKinds, path, 'a use');
      if (!kind) return;
      if (use.access !== undefined && kind !== 'table') add({ path: [...path, 'access'], at: 'key', code: 'use-access', message: `access applies to tables only`, hint: `a ${kind} use grants ${kindGrant[kind]}` });
      if (kind !== 'secret') ref(kind as Kind, use[kind], [...path, kind]);
      const key = `${kind}:${use[kind]}`;
      if (usedEnv.has(key)) add({ path: [...path, kind], code: 'use-duplicate', message: `${kind} '${use[kind]}' is listed twice in uses`, hint: 'list each resource once (tables take access: read | write | readWrite)' });
      usedEnv.set(key, path);
      if (kind === 'secret' && typeof use.secret === 'string' && use.secret.startsWith('arn:') && !/^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:.+/.test(use.secret)) {
        add({ path: [...path, 'secret'], code: 'secret-arn', message: `'${use.secret}' is not a Secrets Manager secret ARN`, hint: 'write the secret name (stripe-key) or its ARN (arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME-abc123)' });
      }
    });

    (fn.triggers ?? []).forEach((t: TriggerSpec, i: number) => {
      const path = [...base, 'triggers', i];
      if (!t || typeof t !== 'object') return;
      const kind = oneKind(t as Record<string, unknown>, triggerKinds, path, 'a trigger');
      if (!kind) return;
      for (const key of Object.keys(t)) {
        if (key !== kind && !triggerExtras[kind].includes(key)) {
          add({ path: [...path, key], at: 'key', code: 'trigger-key', message: `'${key}' does not apply to a ${kind} trigger`, hint: triggerExtras[kind].length ? `${kind} triggers take: ${triggerExtras[kind].join(', ')}` : `${kind} triggers take no options` });
        }
      }
      switch (kind) {
        case 'http': {
          let api = t.api;
          if (api === undefined) {
            if (declared.api.length > 1) add({ path: [...path, 'http'], code: 'http-api-ambiguous', message: `there are ${declared.api.length} apis; say which this route is on`, hint: `add api: ${declared.api[0]} (declared: ${declared.api.join(', ')})` });
            api = declared.api[0];
          } else ref('api', api, [...path, 'api']);
          if (typeof t.http === 'string' && api) {
            const [method, routePath] = t.http.split(' ') as [string, string];
            const normal = `${api} ${method} ${routePath.replace(/\{[^}/]+\}/g, '{}')}`;
            const prev = routes.get(normal);
            if (prev) add({ path: [...path, 'http'], code: 'route-duplicate', message: `route '${t.http}' on api '${api}' is already taken by ${prev.slice(0, 2).join('.')}`, hint: 'a route (method and path, whatever the parameter names) may belong to one function' });
            else routes.set(normal, path);
            if (/\{[^}]*\+\}./.test(routePath)) add({ path: [...path, 'http'], code: 'route-greedy', message: `a greedy path parameter must be the last segment of '${routePath}'` });
          }
          break;
        }
        case 'queue': {
          ref('queue', t.queue, [...path, 'queue']);
          const q = queueSpec(t.queue!);
          if (q) {
            const batch = t.batchSize ?? DEFAULTS.queueBatchSize;
            if (q.fifo) {
              if (batch > 10) add({ path: [...path, 'batchSize'], code: 'fifo-batch', message: `batchSize ${batch} is over 10, the limit for FIFO queue '${t.queue}'`, hint: 'FIFO queues deliver at most 10 messages per batch' });
              if (t.batchWindow !== undefined) add({ path: [...path, 'batchWindow'], at: 'key', code: 'fifo-window', message: `FIFO queue '${t.queue}' does not support a batchWindow`, hint: 'remove batchWindow, or use a standard queue' });
            } else if (batch > 10 && !(t.batchWindow && t.batchWindow >= 1)) {
              add({ path: [...path, 'batchSize'], code: 'batch-window', message: `batchSize ${batch} over 10 needs a batchWindow of at least 1 second`, hint: 'add batchWindow: 1 (seconds to gather a batch)' });
            }
            const timeout = fn.timeout ?? defaults.timeout ?? DEFAULTS.timeout;
            const from = fn.timeout !== undefined ? undefined : defaultOrigin(m, stage, 'timeout');
            const list = consumers.get(t.queue!) ?? [];
            list.push({ fn: fnName, timeout, path, from });
            consumers.set(t.queue!, list);
          }
          break;
        }
        case 'topic': {
          ref('topic', t.topic, [...path, 'topic']);
          if (m.topics?.[t.topic!]?.fifo) add({ path: [...path, 'topic'], code: 'fifo-topic-lambda', message: `FIFO topic '${t.topic}' cannot invoke functions`, hint: 'SNS FIFO topics deliver only to FIFO queues: subscribe a FIFO queue and trigger the function from it' });
          checkFilterPolicy(t.filter, [...path, 'filter'], add);
          break;
        }
        case 'event': {
          const bus = t.event?.bus;
          if (bus) ref('bus', bus, [...path, 'event', 'bus']);
          if (t.event?.pattern !== undefined) checkPattern(t.event.pattern, [...path, 'event', 'pattern'], add);
          break;
        }
        case 'schedule':
          checkScheduleAt(t.schedule, [...path, 'schedule'], add);
          break;
        case 'stream': {
          ref('table', t.stream, [...path, 'stream'], 'table');
          const table = m.tables?.[t.stream!];
          if (table && !table.stream) add({ path: [...path, 'stream'], code: 'stream-off', message: `table '${t.stream}' has no stream`, hint: `add stream: newAndOld (or new, old, keys) to tables.${t.stream}` });
          if (t.batchSize !== undefined && t.batchSize > 10000) add({ path: [...path, 'batchSize'], code: 'stream-batch', message: 'batchSize for a stream is at most 10000' });
          break;
        }
      }
    });
    const onFailure = fn.onFailure;
    if (onFailure && typeof onFailure === 'object') {
      ref('queue', onFailure.queue, [...base, 'onFailure', 'queue']);
      if (queueSpec(onFailure.queue)?.fifo) add({ path: [...base, 'onFailure', 'queue'], code: 'fifo-destination', message: `FIFO queue '${onFailure.queue}' cannot take failed invocations`, hint: 'Lambda failure destinations and EventBridge dead-letter queues must be standard queues' });
    }
    checkFunctionEnvironment(fn, base, defaults.environment ?? {}, add);
  }

  for (const [queue, list] of consumers) {
    const q = queueSpec(queue)!;
    if (q.visibilityTimeout !== undefined) {
      for (const c of list) {
        if (q.visibilityTimeout < c.timeout) {
          const origin = c.from ? `, from ${label(c.from)}` : '';
          add({ path: ['queues', queue, 'visibilityTimeout'], code: 'visibility-timeout', message: `visibilityTimeout ${q.visibilityTimeout}s is shorter than the timeout of consumer '${c.fn}' (${c.timeout}s${origin})`, hint: `use at least ${c.timeout * 6} (6 × the function timeout, as AWS recommends), or remove it to get that default` });
        }
      }
    }
    if (list.length > 1) {
      add({ path: list[1]!.path, severity: 'warning', code: 'queue-consumers', message: `queue '${queue}' is consumed by ${list.map((c) => c.fn).join(' and ')}; each message goes to only one of them`, hint: 'for every consumer to see every message, publish to a topic and give each consumer its own queue' });
    }
  }

  for (const [apiName, api] of Object.entries(m.apis ?? {})) {
    if (!api) continue;
    const auth = typeof api.auth === 'object' ? api.auth : api.auth ? { type: api.auth } : undefined;
    const authPath = ['apis', apiName, 'auth'];
    if (auth && typeof api.auth === 'object') {
      if (auth.type === 'jwt') {
        if ((api.type ?? 'http') === 'rest') add({ path: [...authPath, 'type'], code: 'auth-jwt-rest', message: 'jwt auth needs an http api', hint: 'use type: http, or iam auth on a rest api' });
        if (!('issuer' in auth) || !auth.issuer) add({ path: authPath, code: 'auth-jwt', message: 'jwt auth needs an issuer', hint: 'issuer: https://cognito-idp.REGION.amazonaws.com/POOL_ID' });
        if (!('audience' in auth) || !auth.audience) add({ path: authPath, code: 'auth-jwt', message: 'jwt auth needs an audience', hint: 'audience: [your-app-client-id]' });
      } else {
        for (const key of ['issuer', 'audience', 'scopes'] as const) {
          if (key in auth) add({ path: [...authPath, key], at: 'key', code: 'auth-key', message: `'${key}' applies to jwt auth only` });
        }
      }
    }
    if (typeof api.cors === 'object' && api.cors.allowCredentials && (api.cors.origins ?? ['*']).includes('*')) {
      add({ path: ['apis', apiName, 'cors', 'allowCredentials'], code: 'cors-credentials', message: 'allowCredentials cannot be used with the origin *', hint: 'list the exact origins, e.g. origins: [https://app.example.com]' });
    }
  }
  if (hasHttp || declared.api.length) {
    const used = new Set<string>();
    for (const fn of Object.values(m.functions ?? {})) for (const t of fn?.triggers ?? []) if (t && 'http' in t) used.add(t.api ?? declared.api[0]!);
    for (const apiName of names('apis')) {
      if (!used.has(apiName)) add({ path: ['apis', apiName], at: 'key', severity: 'warning', code: 'api-unused', message: `api '${apiName}' has no routes`, hint: 'add an http trigger to a function: triggers: [{ http: GET /hello, api: ' + apiName + ' }]' });
    }
  }

  for (const [tableName, table] of Object.entries(m.tables ?? {})) {
    if (!table) continue;
    const indexes = Object.keys(table.indexes ?? {});
    if (indexes.length > 20) add({ path: ['tables', tableName, 'indexes'], at: 'key', code: 'table-indexes', message: `${indexes.length} indexes; DynamoDB allows 20 global secondary indexes per table` });
    const keyTypes = new Map<string, { type: string; path: Path }>();
    const note = (key: string | undefined, path: Path) => {
      if (!key) return;
      const [name, type = 'string'] = key.split(':');
      const prev = keyTypes.get(name!);
      if (prev && prev.type !== type) add({ path, code: 'key-type', message: `attribute '${name}' is ${type} here but ${prev.type} elsewhere in this table`, hint: 'an attribute used in several keys must have one type' });
      else keyTypes.set(name!, { type, path });
    };
    note(table.partitionKey, ['tables', tableName, 'partitionKey']);
    note(table.sortKey, ['tables', tableName, 'sortKey']);
    for (const idx of indexes) {
      note(table.indexes![idx]!.partitionKey, ['tables', tableName, 'indexes', idx, 'partitionKey']);
      note(table.indexes![idx]!.sortKey, ['tables', tableName, 'indexes', idx, 'sortKey']);
    }
  }

  for (const [queueName, q] of Object.entries(m.queues ?? {})) {
    if (!q) continue;
    if (q.retention !== undefined) {
      const seconds = durationSeconds(q.retention);
      if (seconds < 60 || seconds > 1209600) add({ path: ['queues', queueName, 'retention'], code: 'queue-retention', message: `retention ${q.retention} is outside 60 seconds to 14 days`, hint: 'SQS keeps messages between 1 minute and 14 days (e.g. 4d)' });
    }
    if (typeof q.dlq === 'object' && q.dlq === null) continue;
  }

  for (const [topicName, topic] of Object.entries(m.topics ?? {})) {
    (topic?.subscriptions ?? []).forEach((s, i) => {
      const path = ['topics', topicName, 'subscriptions', i];
      if (!s || typeof s !== 'object') return;
      const kind = oneKind(s as Record<string, unknown>, subscriptionKinds, path, 'a subscription');
      if (!kind) return;
      if (kind === 'queue') {
        ref('queue', s.queue, [...path, 'queue']);
        const q = queueSpec(s.queue!);
        if (q && Boolean(q.fifo) !== Boolean(topic!.fifo)) {
          add({ path: [...path, 'queue'], code: 'fifo-mismatch', message: topic!.fifo ? `FIFO topic '${topicName}' can deliver only to FIFO queues; '${s.queue}' is standard` : `standard topic '${topicName}' cannot deliver to FIFO queue '${s.queue}'`, hint: 'make both FIFO or both standard' });
        }
      } else {
        if (topic!.fifo) add({ path: [...path, kind], at: 'key', code: 'fifo-topic-protocol', message: `FIFO topic '${topicName}' cannot deliver to ${kind}`, hint: 'SNS FIFO topics deliver only to SQS queues' });
        if (kind === 'email' && s.raw !== undefined) add({ path: [...path, 'raw'], at: 'key', code: 'subscription-raw', message: 'raw delivery does not apply to email subscriptions' });
      }
      checkFilterPolicy(s.filter, [...path, 'filter'], add);
    });
  }

  for (const [ruleName, rule] of Object.entries(m.rules ?? {})) {
    if (!rule) continue;
    const base = ['rules', ruleName];
    if (rule.pattern !== undefined && rule.schedule !== undefined) {
      add({ path: [...base, 'schedule'], at: 'key', code: 'rule-both', message: `rule '${ruleName}' has both a pattern and a schedule`, hint: 'a rule matches events (pattern) or runs on a timer (schedule); split it into two rules' });
    } else if (rule.pattern === undefined && rule.schedule === undefined) {
      add({ path: base, at: 'key', code: 'rule-neither', message: `rule '${ruleName}' has neither a pattern nor a schedule`, hint: 'add pattern: { source: [my.app] } or schedule: rate(1 day)' });
    }
    if (rule.bus !== undefined) ref('bus', rule.bus, [...base, 'bus']);
    if (rule.schedule !== undefined) {
      checkScheduleAt(rule.schedule, [...base, 'schedule'], add);
      if (rule.bus && rule.bus !== 'default') add({ path: [...base, 'bus'], code: 'schedule-bus', message: 'scheduled rules run only on the default bus', hint: 'remove bus: from this rule' });
    }
    if (rule.pattern !== undefined) checkPattern(rule.pattern, [...base, 'pattern'], add);
    const ids = new Set<string>();
    (rule.targets ?? []).forEach((t, i) => {
      const path = [...base, 'targets', i];
      if (!t || typeof t !== 'object') return;
      const kind = oneKind(t as Record<string, unknown>, targetKinds, path, 'a target');
      if (!kind) return;
      ref(kind, t[kind], [...path, kind]);
      if (t.input !== undefined && t.inputPath !== undefined) add({ path: [...path, 'inputPath'], at: 'key', code: 'target-input', message: 'a target takes input or inputPath, not both' });
      if (kind === 'bus' && (t.bus ?? 'default') === (rule.bus ?? 'default')) add({ path: [...path, 'bus'], code: 'target-loop', message: `rule '${ruleName}' would send events back to its own bus`, hint: 'target another bus' });
      if (kind === 'topic' && m.topics?.[t.topic!]?.fifo) add({ path: [...path, 'topic'], code: 'target-fifo-topic', message: 'EventBridge cannot target FIFO topics', hint: 'target a FIFO queue, or a standard topic' });
      const id = `${kind}:${t[kind]}`;
      if (ids.has(id)) add({ path: [...path, kind], code: 'target-duplicate', message: `${kind} '${t[kind]}' is targeted twice by this rule` });
      ids.add(id);
    });
  }

  for (const [wfName, wf] of Object.entries(m.workflows ?? {})) {
    if (!wf) continue;
    if (typeof wf.definition === 'string' && !insideProject(wf.definition)) {
      add({ path: ['workflows', wfName, 'definition'], code: 'path-outside', message: `definition file '${wf.definition}' is outside the project folder`, hint: 'keep workflow definitions in the project, e.g. workflows/' + wfName + '.asl.yaml' });
    }
    const fromFile = ctx.definitionFiles.get(wfName);
    if (fromFile) problems.push(...checkAsl(fromFile.definition, [], declared.function, fromFile.file));
    else if (typeof wf.definition === 'object') problems.push(...checkAsl(wf.definition, ['workflows', wfName, 'definition'], declared.function));
  }

  checkExpressionUses(m, ctx, declared, add);

  const definitionSources = new Map<string, DefinitionSource>();
  for (const [name, wf] of Object.entries(m.workflows ?? {})) {
    const fromFile = ctx.definitionFiles.get(name);
    if (fromFile) definitionSources.set(name, { definition: fromFile.definition, base: [], file: fromFile.file });
    else if (typeof wf?.definition === 'object') definitionSources.set(name, { definition: wf.definition, base: ['workflows', name, 'definition'] });
  }
  problems.push(...checkHandlerKinds(m, definitionSources));
  return problems;
}

const kindGrant: Record<string, string> = {
  queue: 'send',
  topic: 'publish',
  bus: 'put events',
  workflow: 'start executions',
  function: 'invoke',
  secret: 'read the secret value',
};

function checkScheduleAt(expression: unknown, path: Path, add: (p: Problem) => void): void {
  if (typeof expression !== 'string') return;
  const problem = checkSchedule(expression);
  if (problem) add({ path, offset: problem.offset, code: 'schedule-invalid', message: problem.message, hint: problem.hint });
}

function checkPattern(pattern: unknown, path: Path, add: (p: Problem) => void): void {
  for (const p of validatePattern(pattern)) add({ path: [...path, ...p.path], code: 'pattern-invalid', message: `invalid event pattern: ${p.message}`, hint: p.hint });
}

function checkFilterPolicy(filter: unknown, path: Path, add: (p: Problem) => void): void {
  if (filter === undefined) return;
  // SNS filter policies share the EventBridge matcher syntax for the operators they have.
  for (const p of validatePattern(filter)) add({ path: [...path, ...p.path], code: 'filter-invalid', message: `invalid filter policy: ${p.message}`, hint: p.hint });
}

export function durationSeconds(value: number | string): number {
  if (typeof value === 'number') return value;
  const m = /^(\d+)(s|m|h|d)$/.exec(value);
  if (!m) return NaN;
  return Number(m[1]) * { s: 1, m: 60, h: 3600, d: 86400 }[m[2] as 's' | 'm' | 'h' | 'd'];
}
