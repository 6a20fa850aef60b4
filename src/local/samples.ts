// Realistic sample events for `eda invoke --sample <kind>`: built from the function's own
// triggers (its route, queue, topic filter, rule pattern, schedule, table keys) with the
// same builders the runtime uses, so a sample is exactly what the handler would receive.
import type { App, FunctionModel, RuleModel, TableModel } from '../model/types.js';
import type { Addresses } from './addresses.js';
import { eventBridgeEvent, httpApiEvent, restApiEvent, scheduledEvent, snsEvent, sqsRecord, streamRecord, type MessageAttributeValue } from './events.js';
import { apiRequestId, md5, nextSequence, receiptHandle, uuid } from './ids.js';

export const SAMPLE_KINDS = ['http', 'queue', 'topic', 'event', 'schedule', 'stream', 'workflow'] as const;
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

/** The kind of sample a function's first trigger calls for. */
export function defaultSampleKind(fn: FunctionModel): SampleKind {
  const t = fn.triggers[0];
  if (!t) return 'workflow';
  return t.type === 'http' ? 'http' : t.type;
}

/** A value satisfying one pattern/filter leaf list, where one is easy to find. */
function exampleFor(values: unknown): unknown {
  const list = Array.isArray(values) ? values : [values];
  for (const v of list) {
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o.prefix === 'string') return `${o.prefix}example`;
      if (typeof o.suffix === 'string') return `example${o.suffix}`;
      if (typeof o['equals-ignore-case'] === 'string') return o['equals-ignore-case'];
      if (typeof o.wildcard === 'string') return o.wildcard.replace(/\*/g, 'x');
      if (Array.isArray(o.numeric)) {
        const [op, n] = o.numeric as [string, number];
        return op.startsWith('>') ? n + 1 : op.startsWith('<') ? n - 1 : n;
      }
      if (o['anything-but'] !== undefined) return 'something-else';
      if (o.exists === true) return 'present';
    }
  }
  return 'example';
}

/** An object shaped to match an EventBridge pattern (or SNS filter policy). */
export function exampleMatching(pattern: Record<string, unknown> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!pattern) return out;
  for (const [key, value] of Object.entries(pattern)) {
    if (key === '$or') {
      const first = Array.isArray(value) ? (value[0] as Record<string, unknown>) : undefined;
      Object.assign(out, exampleMatching(first));
      continue;
    }
    if (Array.isArray(value)) {
      const exists = value.find((v) => v && typeof v === 'object' && (v as { exists?: boolean }).exists === false);
      if (!exists) out[key] = exampleFor(value);
    } else if (value && typeof value === 'object') out[key] = exampleMatching(value as Record<string, unknown>);
  }
  return out;
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

export function sampleEvent(app: App, fn: FunctionModel, kind: SampleKind, addresses: Addresses, now = Date.now()): unknown {
  const region = addresses.region;
  switch (kind) {
    case 'http': {
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
    case 'queue': {
      const t = fn.triggers.find((x) => x.type === 'queue') as { queue: string } | undefined;
      const queue = t?.queue ?? app.queues[0]?.name ?? 'queue';
      const fifo = addresses.queueFifo(queue);
      const body = JSON.stringify({ example: true });
      const attributes: Record<string, string> = {
        ApproximateReceiveCount: '1',
        SentTimestamp: String(now),
        SenderId: 'AIDAEDALOCAL000000000',
        ApproximateFirstReceiveTimestamp: String(now),
        ...(fifo ? { SequenceNumber: nextSequence(), MessageGroupId: 'group-1', MessageDeduplicationId: md5(body) } : {}),
      };
      return { Records: [sqsRecord({ messageId: uuid(), receiptHandle: receiptHandle(), body, attributes, messageAttributes: {}, md5OfBody: md5(body) }, addresses.queueArn(queue), region)] };
    }
    case 'topic': {
      const t = fn.triggers.find((x) => x.type === 'topic') as { topic: string; filter?: Record<string, unknown> } | undefined;
      const topic = t?.topic ?? app.topics[0]?.name ?? 'topic';
      const attrs = Object.fromEntries(Object.entries(exampleMatching(t?.filter)).map(([k, v]) => [k, sampleAttribute(v)]));
      return snsEvent(
        { messageId: uuid(), topicArn: addresses.topicArn(topic), subject: 'Example', message: JSON.stringify({ example: true }), timestamp: new Date(now).toISOString(), attributes: attrs, endpoint: fn.name },
        region,
        `${addresses.topicArn(topic)}:${uuid()}`,
      );
    }
    case 'event': {
      const ruleName = (fn.triggers.find((x) => x.type === 'event') as { rule: string } | undefined)?.rule;
      const rule: RuleModel | undefined =
        app.rules.find((r) => r.name === ruleName) ?? app.rules.find((r) => r.pattern && r.targets.some((x) => x.kind === 'function' && x.name === fn.name));
      const shape = exampleMatching(rule?.pattern);
      return eventBridgeEvent({
        source: typeof shape.source === 'string' ? shape.source : 'example.source',
        detailType: typeof shape['detail-type'] === 'string' ? shape['detail-type'] : 'Example',
        detail: shape.detail && typeof shape.detail === 'object' ? shape.detail : {},
        resources: [],
        region,
        time: now,
      });
    }
    case 'schedule': {
      const ruleName = (fn.triggers.find((x) => x.type === 'schedule') as { rule: string } | undefined)?.rule;
      const rule = app.rules.find((r) => r.name === ruleName) ?? app.rules.find((r) => r.schedule && r.targets.some((x) => x.kind === 'function' && x.name === fn.name));
      const target = rule?.targets.find((x) => x.kind === 'function' && x.name === fn.name);
      if (target?.input !== undefined) return target.input;
      return scheduledEvent(addresses.ruleArn(rule?.name ?? 'schedule', rule?.bus ?? 'default'), region, now);
    }
    case 'stream': {
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
    case 'workflow':
      return {};
  }
}
