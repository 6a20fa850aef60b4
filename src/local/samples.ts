// Realistic sample events for `eda invoke --sample <kind>`: built from the function's own
// triggers (its route, queue, topic filter, rule pattern, schedule, table keys) with the
// same builders the runtime uses, so a sample is exactly what the handler would receive.
import type { App, EventModel, FunctionModel, RuleModel, TableModel } from '../model/types.js';
import type { Addresses } from './addresses.js';
import { targetPayload } from './bus.js';
import { DEFAULT_SEED, eventsMatching, sampleDetail, sampleDetailMatching } from './event-samples.js';
import { exampleMatching } from './pattern-examples.js';

export { exampleMatching };
import { eventBridgeEvent, httpApiEvent, restApiEvent, scheduledEvent, snsEvent, sqsRecord, streamRecord, type MessageAttributeValue } from './payloads.js';
import { apiRequestId, md5, nextSequence, receiptHandle, uuid } from './ids.js';
import { connectionId, webSocketEvent } from './websocket-events.js';

export const SAMPLE_KINDS = ['http', 'queue', 'topic', 'event', 'schedule', 'stream', 'workflow', 'websocket'] as const;
export type SampleKind = (typeof SAMPLE_KINDS)[number];

const ALIASES: Record<string, SampleKind> = {
  http: 'http',
  api: 'http',
  apigateway: 'http',
  queue: 'queue',
  sqs: 'queue',
  topic: 'topic',
  sns: 'topic',
  event: 'event',
  eventbridge: 'event',
  rule: 'event',
  websocket: 'websocket',
  ws: 'websocket',
  schedule: 'schedule',
  cron: 'schedule',
  stream: 'stream',
  dynamodb: 'stream',
  workflow: 'workflow',
  task: 'workflow',
};

export function sampleKind(text: string): SampleKind | undefined {
  return ALIASES[text.toLowerCase()];
}

const TRIGGER_KIND: Record<FunctionModel['triggers'][number]['type'], SampleKind> = {
  http: 'http',
  queue: 'queue',
  topic: 'topic',
  event: 'event',
  schedule: 'schedule',
  stream: 'stream',
  websocket: 'websocket',
  bucket: 'event',
};

/**
 * Every kind of event that can reach the function, in the order app.yaml shows them: its
 * triggers (a topic's lambda subscriptions are its topic triggers), then rules targeting it
 * (pattern → event, schedule → schedule), Scheduler schedules targeting it (schedule) and workflow Task states. Empty when nothing in the app invokes it.
 */
export function sampleKinds(app: App, fn: FunctionModel): SampleKind[] {
  const kinds = new Set<SampleKind>(fn.triggers.map((t) => TRIGGER_KIND[t.type]));
  for (const rule of app.rules) {
    if (!rule.targets.some((t) => t.kind === 'function' && t.name === fn.name)) continue;
    if (rule.pattern) kinds.add('event');
    if (rule.schedule) kinds.add('schedule');
  }
  if (app.schedules.some((s) => s.target.kind === 'function' && s.target.name === fn.name)) kinds.add('schedule');
  if (app.workflows.some((w) => w.invokes.includes(fn.name))) kinds.add('workflow');
  return [...kinds];
}

/** The sample `--sample` alone builds: the first way the function is invoked (undefined: none, send `{}`). */
export function defaultSampleKind(app: App, fn: FunctionModel): SampleKind | undefined {
  return sampleKinds(app, fn)[0];
}

function sampleAttribute(v: unknown): MessageAttributeValue {
  return typeof v === 'number' ? { DataType: 'Number', StringValue: String(v) } : { DataType: 'String', StringValue: String(v) };
}

function sampleKey(table: TableModel): Record<string, Record<string, string>> {
  const key: Record<string, Record<string, string>> = {};
  for (const k of [table.partitionKey, table.sortKey]) {
    if (!k) continue;
    key[k.name] = k.type === 'N' ? { N: '1' } : k.type === 'B' ? { B: Buffer.from('1').toString('base64') } : { S: `${k.name}-1` };
  }
  return key;
}

/** The rule that sends this function events (a pattern rule) or scheduled events: its trigger's, else a rule targeting it. */
function ruleFor(app: App, fn: FunctionModel, kind: 'event' | 'schedule'): RuleModel | undefined {
  const own = (fn.triggers.find((x) => x.type === kind) as { rule: string } | undefined)?.rule;
  const targets = (r: RuleModel) => r.targets.some((x) => x.kind === 'function' && x.name === fn.name);
  return app.rules.find((r) => r.name === own) ?? app.rules.find((r) => (kind === 'event' ? r.pattern : r.schedule) && targets(r));
}

/** An API Gateway request to its route (REST or HTTP API). */
function sampleHttpEvent(app: App, fn: FunctionModel, addresses: Addresses, now: number): unknown {
  const region = addresses.region;
  const t = fn.triggers.find((x) => x.type === 'http') as Extract<FunctionModel['triggers'][number], { type: 'http' }> | undefined;
  const api = app.apis.find((a) => a.name === t?.api) ?? app.apis[0];
  const method = !t || t.method === 'ANY' ? 'GET' : t.method.toUpperCase();
  const template = t?.path ?? '/';
  const params: Record<string, string> = {};
  const path = template.replace(/\{([^}+]+)\+?\}/g, (_m, name: string) => (params[name] = name === 'proxy' ? 'a/b' : `${name}-123`));
  const hasBody = ['POST', 'PUT', 'PATCH'].includes(method);
  const facts = {
    method,
    path,
    rawQuery: '',
    headers: {
      accept: '*/*',
      host: 'abc123.execute-api.' + region + '.amazonaws.com',
      'user-agent': 'curl/8.5.0',
      ...(hasBody ? { 'content-type': 'application/json' } : {}),
    },
    body: Buffer.from(hasBody ? JSON.stringify({ example: true }) : ''),
    sourceIp: '203.0.113.10',
    time: now,
    requestId: apiRequestId(),
    apiId: md5(api?.name ?? 'api').slice(0, 10),
    domainName: `abc123.execute-api.${region}.amazonaws.com`,
    stage: api?.type === 'rest' ? app.stage : '$default',
    routeKey: `${method} ${template}`,
    resource: template,
    pathParameters: params,
  };
  return api?.type === 'rest' ? restApiEvent(facts) : httpApiEvent(facts);
}

/** An SQS batch of one message from its queue. */
function sampleQueueEvent(app: App, fn: FunctionModel, addresses: Addresses, now: number): unknown {
  const region = addresses.region;
  const t = fn.triggers.find((x) => x.type === 'queue') as { queue: string } | undefined;
  const queue = t?.queue ?? app.queues[0]?.name ?? 'queue';
  const fifo = addresses.queueFifo(queue);
  const schema = app.queues.find((q) => q.name === queue)?.message;
  // a queue with a message schema gets a body valid against it (as --sample event does for declared events)
  const body = JSON.stringify(schema === undefined ? { example: true } : sampleDetail(schema));
  const attributes: Record<string, string> = {
    ApproximateReceiveCount: '1',
    SentTimestamp: String(now),
    SenderId: 'AIDAEDALOCAL000000000',
    ApproximateFirstReceiveTimestamp: String(now),
    ...(fifo ? { SequenceNumber: nextSequence(), MessageGroupId: 'group-1', MessageDeduplicationId: md5(body) } : {}),
  };
  return { Records: [sqsRecord({ messageId: uuid(), receiptHandle: receiptHandle(), body, attributes, messageAttributes: {}, md5OfBody: md5(body) }, addresses.queueArn(queue), region)] };
}

/** An SNS notification from its topic, with attributes its filter policy accepts. */
function sampleTopicEvent(app: App, fn: FunctionModel, addresses: Addresses, now: number): unknown {
  const region = addresses.region;
  const t = fn.triggers.find((x) => x.type === 'topic') as { topic: string; filter?: Record<string, unknown>; filterScope?: 'body' } | undefined;
  const topic = t?.topic ?? app.topics[0]?.name ?? 'topic';
  const schema = app.topics.find((x) => x.name === topic)?.message;
  const base = schema === undefined ? { example: true } : sampleDetail(schema);
  // a body filter policy shapes the message itself; otherwise the attributes carry what the policy asks for
  const body = t?.filterScope === 'body' ? overlay(base, exampleMatching(t.filter)) : base;
  const attrs = t?.filterScope === 'body' ? {} : Object.fromEntries(Object.entries(exampleMatching(t?.filter)).map(([k, v]) => [k, sampleAttribute(v)]));
  return snsEvent(
    { messageId: uuid(), topicArn: addresses.topicArn(topic), subject: 'Example', message: JSON.stringify(body), timestamp: new Date(now).toISOString(), attributes: attrs, endpoint: fn.name },
    region,
    `${addresses.topicArn(topic)}:${uuid()}`,
  );
}

/** `over`'s fields laid onto `base`, objects merged field by field. */
function overlay(base: unknown, over: Record<string, unknown>): unknown {
  if (!base || typeof base !== 'object' || Array.isArray(base)) return over;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(over)) out[k] = v && typeof v === 'object' && !Array.isArray(v) ? overlay(out[k], v as Record<string, unknown>) : v;
  return out;
}

/** The declared events (`events:`) the rule sending this function events can deliver. */
export function sampleableEvents(app: App, fn: FunctionModel): EventModel[] {
  const rule = ruleFor(app, fn, 'event');
  if (!rule?.pattern) return [];
  // expressions stay as written: a source or detail-type with one may match any event
  return eventsMatching(app.events, rule.bus, JSON.parse(JSON.stringify(rule.pattern)) as Record<string, unknown>);
}

/**
 * An EventBridge event its rule matches, as the rule delivers it: for a declared event the pattern
 * matches (the one named, else the first), its source, detail-type and a detail its schema accepts.
 */
function sampleRuleEvent(app: App, fn: FunctionModel, addresses: Addresses, now: number, named?: string): unknown {
  const region = addresses.region;
  const rule = ruleFor(app, fn, 'event');
  // the pattern's expressions resolved to local values (a bucket trigger's ${buckets.x.name})
  const pattern = (rule?.pattern ? addresses.resolveDeep(rule.pattern) : undefined) as Record<string, unknown> | undefined;
  const shape = exampleMatching(pattern);
  const declared = named ? app.events.find((e) => e.name === named) : sampleableEvents(app, fn)[0];
  const event = eventBridgeEvent({
    source: declared?.source ?? (typeof shape.source === 'string' ? shape.source : 'example.source'),
    detailType: declared?.detailType ?? (typeof shape['detail-type'] === 'string' ? shape['detail-type'] : 'Example'),
    detail: declared ? sampleDetailMatching(declared, pattern, DEFAULT_SEED) : shape.detail && typeof shape.detail === 'object' ? shape.detail : {},
    resources: [],
    region,
    time: now,
  });
  const target = rule?.targets.find((x) => x.kind === 'function' && x.name === fn.name);
  return target ? targetPayload(target, event, addresses) : event;
}

/** A scheduled event from its schedule rule, as the rule delivers it. */
function sampleScheduledEvent(app: App, fn: FunctionModel, addresses: Addresses, now: number): unknown {
  const region = addresses.region;
  const rule = ruleFor(app, fn, 'schedule');
  // an EventBridge Scheduler schedule (with no scheduled rule) delivers its input
  const scheduler = app.schedules.find((s) => s.target.kind === 'function' && s.target.name === fn.name);
  if (!rule && scheduler) return addresses.resolveDeep(scheduler.target.input);
  const event = scheduledEvent(addresses.ruleArn(rule?.name ?? 'schedule', rule?.bus ?? 'default'), region, now);
  const target = rule?.targets.find((x) => x.kind === 'function' && x.name === fn.name);
  return target ? targetPayload(target, event, addresses) : event;
}

/** A DynamoDB stream batch of one INSERT on its table. */
function sampleStreamEvent(app: App, fn: FunctionModel, addresses: Addresses, now: number): unknown {
  const region = addresses.region;
  const tableName = (fn.triggers.find((x) => x.type === 'stream') as { table: string } | undefined)?.table;
  const table = app.tables.find((t) => t.name === tableName) ?? app.tables[0];
  const key = table ? sampleKey(table) : { id: { S: 'id-1' } };
  return {
    Records: [
      streamRecord({
        eventName: 'INSERT',
        keys: key,
        newImage: { ...key, example: { BOOL: true } },
        viewType: table?.stream ?? 'NEW_AND_OLD_IMAGES',
        sequenceNumber: nextSequence(),
        streamArn: addresses.streamArn(table?.name ?? 'table'),
        region,
        time: now,
      }),
    ],
  };
}

/** A sample event of one kind for this function, shaped as AWS would deliver it. */
export function sampleEvent(app: App, fn: FunctionModel, kind: SampleKind, addresses: Addresses, now = Date.now(), event?: string): unknown {
  switch (kind) {
    case 'http':
      return sampleHttpEvent(app, fn, addresses, now);
    case 'queue':
      return sampleQueueEvent(app, fn, addresses, now);
    case 'topic':
      return sampleTopicEvent(app, fn, addresses, now);
    case 'event':
      return sampleRuleEvent(app, fn, addresses, now, event);
    case 'schedule':
      return sampleScheduledEvent(app, fn, addresses, now);
    case 'stream':
      return sampleStreamEvent(app, fn, addresses, now);
    case 'workflow':
      return {};
    case 'websocket':
      return sampleWebSocketEvent(app, fn, addresses, now);
  }
}

/** A WebSocket event of the function's first websocket route: a connection, a disconnection or a message. */
function sampleWebSocketEvent(app: App, fn: FunctionModel, addresses: Addresses, now: number): unknown {
  const t = fn.triggers.find((x) => x.type === 'websocket') as { api: string; route: string } | undefined;
  const api = app.websocketApis.find((a) => a.name === t?.api) ?? app.websocketApis[0];
  const routeKey = t?.route ?? '$default';
  const eventType = routeKey === '$connect' ? 'CONNECT' : routeKey === '$disconnect' ? 'DISCONNECT' : 'MESSAGE';
  const action = api?.routeSelection.replace(/^\$request\.body\./, '') ?? 'action';
  const connection = {
    connectionId: connectionId(),
    connectedAt: now - 1000,
    sourceIp: '203.0.113.10',
    headers: { host: `abc123.execute-api.${addresses.region}.amazonaws.com`, 'user-agent': 'example-client/1.0' },
    rawQuery: '',
    apiId: md5(api?.name ?? 'api').slice(0, 10),
    domainName: `abc123.execute-api.${addresses.region}.amazonaws.com`,
  };
  // the message names its route where the selection expression looks: { action: "sendMessage" }
  const named = action.split('.').reduceRight<unknown>((inner, key) => ({ [key]: inner }), routeKey);
  const body = eventType === 'MESSAGE' ? Buffer.from(JSON.stringify(routeKey.startsWith('$') ? { example: true } : { ...(named as object), example: true })) : undefined;
  return webSocketEvent(connection, { routeKey, eventType, requestId: apiRequestId(), time: now, stage: app.stage, body, disconnect: eventType === 'DISCONNECT' ? { code: 1001, reason: 'Going away' } : undefined });
}
