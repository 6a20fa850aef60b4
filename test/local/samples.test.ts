import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { compilePattern } from '../../src/pattern/index.js';
import { compileBodyFilterPolicy, compileFilterPolicy } from '../../src/local/topics.js';
import { detailViolations } from '../../src/kinds/event/json-schema.js';
import { defaultSampleKind, exampleMatching, sampleEvent, sampleKind, sampleKinds } from '../../src/local/samples.js';
import { formatEvent, formatEventJson, Trace, type TraceEvent } from '../../src/local/trace.js';
import { addresses, makeApp, makeFunction, makeQueue, makeRule, makeTopic, makeWorkflow } from './helpers.js';

const app = makeApp({
  apis: [{ name: 'api', logicalId: 'ApiHttpApi', type: 'http', implicit: true, auth: { type: 'none' }, throttle: { rate: 100, burst: 200 }, accessLogs: true, routes: [{ method: 'PUT', path: '/orders/{id}', function: 'all', source: [] }], path: [] }],
  queues: [makeQueue('jobs', { fifo: true })],
  tables: [{ name: 'orders', logicalId: 'OrdersTable', partitionKey: { name: 'pk', type: 'S' }, sortKey: { name: 'n', type: 'N' }, billing: { mode: 'onDemand' }, stream: 'NEW_IMAGE', indexes: [], pointInTimeRecovery: false, path: [] }],
  rules: [
    makeRule('all.event1', { pattern: { source: ['shop.orders'], 'detail-type': ['OrderPlaced'], detail: { total: [{ numeric: ['>', 100] }], region: [{ prefix: 'eu-' }] } }, targets: [{ kind: 'function', name: 'all', id: 'f', source: [] }], implicit: true }),
    makeRule('all.schedule1', { schedule: 'rate(1 day)', targets: [{ kind: 'function', name: 'all', id: 'f', source: [] }], implicit: true }),
  ],
  functions: [
    makeFunction('all', {
      triggers: [
        { type: 'http', api: 'api', method: 'PUT', path: '/orders/{id}', source: [] },
        { type: 'queue', queue: 'jobs', batchSize: 10, source: [] },
        { type: 'topic', topic: 'news', filter: { kind: ['vip'], score: [{ numeric: ['>=', 10] }] }, source: [] },
        { type: 'event', rule: 'all.event1', source: [] },
        { type: 'schedule', rule: 'all.schedule1', source: [] },
        { type: 'stream', table: 'orders', startingPosition: 'LATEST', batchSize: 10, maxRetries: 3, source: [] },
      ],
    }),
  ],
});
const fn = app.functions[0]!;
const addr = addresses(app);

describe('sample events', () => {
  it('maps kind names and picks the first trigger by default', () => {
    expect(sampleKind('SQS')).toBe('queue');
    expect(sampleKind('eventbridge')).toBe('event');
    expect(sampleKind('nope')).toBeUndefined();
    expect(defaultSampleKind(app, fn)).toBe('http');
    expect(defaultSampleKind(app, makeFunction('x'))).toBeUndefined();
  });

  it('http: the function’s route with path parameters and a JSON body', () => {
    const e = sampleEvent(app, fn, 'http', addr) as any;
    expect(e).toMatchObject({ version: '2.0', routeKey: 'PUT /orders/{id}', rawPath: '/orders/id-123', pathParameters: { id: 'id-123' }, body: '{"example":true}', requestContext: { http: { method: 'PUT' } } });
  });

  it('queue: a FIFO record with group and sequence attributes', () => {
    const r = (sampleEvent(app, fn, 'queue', addr) as any).Records[0];
    expect(r).toMatchObject({ eventSource: 'aws:sqs', eventSourceARN: addr.queueArn('jobs'), attributes: { MessageGroupId: 'group-1' } });
    expect(r.attributes.SequenceNumber).toMatch(/^\d+$/);
  });

  it('topic: message attributes that pass the subscription’s filter policy', () => {
    const r = (sampleEvent(app, fn, 'topic', addr) as any).Records[0];
    const attrs = Object.fromEntries(Object.entries(r.Sns.MessageAttributes as Record<string, { Type: string; Value: string }>).map(([k, v]) => [k, { DataType: v.Type, StringValue: v.Value }]));
    expect(compileFilterPolicy({ kind: ['vip'], score: [{ numeric: ['>=', 10] }] })(attrs)).toBe(true);
  });

  it('queue and topic with a message schema: bodies valid against it; a body filter policy shapes the message', () => {
    const schema = { type: 'object', required: ['orderId', 'kind'], properties: { orderId: { type: 'string', format: 'uuid' }, kind: { enum: ['vip', 'standard'] }, total: { type: 'number', minimum: 1 } } };
    const typed = makeApp({ queues: [{ ...makeQueue('work'), message: schema }], topics: [{ ...makeTopic('news'), message: schema }] });
    const worker = makeFunction('w', { triggers: [{ type: 'queue', queue: 'work', batchSize: 10, source: [] }, { type: 'topic', topic: 'news', filter: { kind: ['vip'], total: [{ numeric: ['>', 100] }] }, filterScope: 'body', source: [] }] });
    const a = addresses(typed);
    const body = JSON.parse((sampleEvent(typed, worker, 'queue', a) as any).Records[0].body);
    expect(detailViolations(schema, body)).toEqual([]);
    const sns = (sampleEvent(typed, worker, 'topic', a) as any).Records[0].Sns;
    const message = JSON.parse(sns.Message);
    expect(detailViolations(schema, message)).toEqual([]);
    expect(compileBodyFilterPolicy({ kind: ["vip"], total: [{ numeric: [">", 100] }] })(sns.Message)).toBe(true);
    expect(sns.MessageAttributes).toEqual({});
  });

  it('event: an EventBridge event that matches the rule’s pattern', () => {
    const e = sampleEvent(app, fn, 'event', addr);
    expect(compilePattern(app.rules[0]!.pattern)(e)).toBe(true);
    expect(exampleMatching({ a: [{ 'anything-but': 'x' }], b: [{ exists: false }] })).toEqual({ a: 'something-else' });
  });

  it('schedule and stream', () => {
    expect(sampleEvent(app, fn, 'schedule', addr)).toMatchObject({ source: 'aws.events', 'detail-type': 'Scheduled Event', resources: [addr.ruleArn('all.schedule1', 'default')] });
    const r = (sampleEvent(app, fn, 'stream', addr) as any).Records[0];
    expect(r).toMatchObject({ eventName: 'INSERT', dynamodb: { Keys: { pk: { S: 'pk-1' }, n: { N: '1' } }, StreamViewType: 'NEW_IMAGE' } });
    expect(r.dynamodb.NewImage).toBeDefined();
    expect(r.dynamodb.OldImage).toBeUndefined();
  });
});

describe('the samples a function can receive', () => {
  const target = (name: string) => [{ kind: 'function' as const, name, id: 'f', source: [] }];
  const wide = makeApp({
    queues: [makeQueue('jobs')],
    rules: [
      makeRule('nightly', { schedule: 'cron(0 3 * * ? *)', targets: [{ ...target('cleanup')[0]!, input: { dryRun: false } }] }),
      makeRule('placed', { bus: 'orders', pattern: { source: ['shop.orders'] }, targets: [{ ...target('audit')[0]!, inputPath: '$.detail' }] }),
    ],
    topics: [makeTopic('news', { subscriptions: [{ protocol: 'lambda', function: 'audit', filter: { kind: ['vip'] }, source: [] }] })],
    workflows: [makeWorkflow('flow', { StartAt: 'A', States: { A: { Type: 'Task', Resource: 'step', End: true } } }, { invokes: ['step'] })],
    functions: [makeFunction('cleanup'), makeFunction('audit', { triggers: [{ type: 'queue', queue: 'jobs', batchSize: 10, source: [] }, { type: 'topic', topic: 'news', filter: { kind: ['vip'] }, source: [] }] }), makeFunction('step'), makeFunction('lonely')],
  });
  const f = (name: string) => wide.functions.find((x) => x.name === name)!;

  it('come from triggers, rule and schedule targets, subscriptions and workflow tasks', () => {
    expect(sampleKinds(wide, f('cleanup'))).toEqual(['schedule']);
    expect(sampleKinds(wide, f('audit'))).toEqual(['queue', 'topic', 'event']);
    expect(sampleKinds(wide, f('step'))).toEqual(['workflow']);
    expect(sampleKinds(wide, f('lonely'))).toEqual([]);
  });

  it('a rule target gets what the rule sends it: its constant input or the part its input path selects', () => {
    expect(sampleEvent(wide, f('cleanup'), 'schedule', addresses(wide))).toEqual({ dryRun: false });
    const placed = makeApp({ ...wide, rules: [makeRule('placed', { pattern: { source: ['shop.orders'], detail: { total: [{ numeric: ['>', 5] }] } }, targets: [{ ...target('audit')[0]!, inputPath: '$.detail' }] })] });
    expect(sampleEvent(placed, f('audit'), 'event', addresses(placed))).toEqual({ total: 6 });
  });
});

describe('trace rendering', () => {
  const events: TraceEvent[] = [
    { kind: 'http', api: 'api', method: 'POST', path: '/orders', function: 'createOrder', status: 201, ms: 12.3, requestId: 'r1' },
    { kind: 'invoke', function: 'createOrder', requestId: 'abcdef123456', trigger: 'http POST /orders', ms: 10, ok: true, coldStartMs: 80 },
    { kind: 'queue', queue: 'payments', action: 'retry', messageIds: ['m-123456789'], receiveCount: 1, maxReceives: 3, visibleInMs: 30_000, error: { type: 'Error', message: 'boom' } },
    { kind: 'queue', queue: 'payments', action: 'dlq', messageIds: ['m-123456789'], to: 'payments:dlq', receiveCount: 3 },
    { kind: 'state', workflow: 'process-order', execution: 'exec-1', state: 'Charge', type: 'Task', action: 'retry', attempt: 2, delayMs: 2000, error: { type: 'Flaky', message: 'x' } },
    { kind: 'rule', rule: 'order-placed', bus: 'orders', eventId: 'e1', targets: ['workflow process-order'] },
  ];
  it('prints one readable line per hop, with ids, durations, errors, retries and DLQ moves', () => {
    const trace = new Trace(() => Date.UTC(2025, 0, 1, 12, 0, 0, 5));
    const lines: string[] = [];
    trace.on((e) => lines.push(formatEvent(e, new Chalk({ level: 0 }))));
    for (const e of events) trace.emit(e);
    const text = lines.map((l) => l.slice(13)).join('\n');
    expect(text).toBe(
      [
        'http     POST /orders → createOrder 201 12ms',
        'λ        createOrder ← http POST /orders ok 10ms (cold start 80ms) req abcdef12',
        'queue    payments ↻ 1 message m-123456 failed (receive 1/3), visible again in 30s Error: boom',
        'queue    payments ⇢ dlq payments:dlq m-123456 after 3 receives',
        'workflow process-order exec-1 ↻ Charge retry 2 in 2s Flaky: x',
        'rule     order-placed → workflow process-order',
      ].join('\n'),
    );
    expect(lines[0]).toMatch(/^\d{2}:\d{2}:\d{2}\.005 /);
  });
  it('prints JSON lines with an ISO time', () => {
    const line = JSON.parse(formatEventJson({ ...events[0]!, time: Date.UTC(2025, 0, 1) } as never));
    expect(line).toMatchObject({ kind: 'http', time: '2025-01-01T00:00:00.000Z', status: 201 });
  });
});
