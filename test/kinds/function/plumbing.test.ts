// Event filters on queue and stream triggers, async destinations (onSuccess/onFailure, retries,
// event age) and shared dead-letter queues: each mistake reported at its place in app.yaml, and
// the template fragments (FilterCriteria, EventInvokeConfig, RedriveAllowPolicy) with exactly
// the grants they need.
import { describe, expect, it } from 'vitest';
import { validateText } from '../../../src/pipeline/validate.js';
import { compile } from '../../../src/pipeline/index.js';

function problems(yaml: string, severity: 'error' | 'warning' = 'error'): string[] {
  return validateText(yaml, { cwd: '/nonexistent' })
    .diagnostics.filter((d) => d.severity === severity)
    .map((d) => `${d.line}:${d.col} ${d.message}${d.hint ? ` | ${d.hint}` : ''}`);
}

async function template(yaml: string): Promise<Record<string, any>> {
  return (await compile({ cwd: '/nonexistent', text: yaml })).template.Resources as Record<string, any>;
}

const statements = (r: Record<string, any>, fn: string) => r[`${fn}FunctionRole`].Properties.Policies[0].PolicyDocument.Statement as any[];

describe('event filters on queue and stream triggers', () => {
  const base = 'name: shop\nqueues:\n  orders: {}\ntables:\n  t: { partitionKey: id, stream: keys }\nfunctions:\n  f:\n    triggers:\n';

  it('reports an invalid pattern, an unknown record field (with did you mean) and an image the stream lacks, each at its place', () => {
    const yaml = `${base}      - queue: orders\n        filter: { body: { amount: [{ numeric: [">", "x"] }] } }\n      - queue: orders\n        filter: [{ bdy: { a: [1] } }]\n      - stream: t\n        filter: { dynamodb: { NewImage: { s: { S: [x] } } } }\n`;
    const got = problems(yaml);
    expect(got).toHaveLength(3);
    expect(got[0]).toMatch(/^10:\d+ invalid filter: /);
    expect(got[1]).toContain("12:20 'bdy' is not a field of an SQS record, so this filter would drop every record | did you mean 'body'?");
    expect(got[2]).toContain("14:31 the stream of table 't' (keys) carries no NewImage");
  });

  it('warns above 5 filters (the default quota) and refuses a list on a topic trigger', () => {
    const six = Array.from({ length: 6 }, (_, i) => `{ body: { n: [${i}] } }`).join(', ');
    expect(problems(`${base}      - queue: orders\n        filter: [${six}]\n`, 'warning')[0]).toContain('6 filters; Lambda allows 5 per event source mapping');
    const topic = 'name: shop\ntopics:\n  t: {}\nfunctions:\n  f:\n    triggers:\n      - topic: t\n        filter: [{ a: [1] }]\n';
    expect(problems(topic)).toEqual(['8:17 a topic trigger takes one SNS filter policy, not a list | write the policy as one mapping: filter: { type: [placed] }']);
  });

  it('synthesizes FilterCriteria with each pattern as JSON text', async () => {
    const r = await template(`name: shop\nqueues:\n  orders: {}\ntables:\n  t: { partitionKey: id, stream: newAndOld }\nfunctions:\n  f:\n    triggers:\n      - queue: orders\n        filter: [{ body: { region: [{ prefix: us- }] } }, { body: { rating: [4, 5] } }]\n      - stream: t\n        filter: { eventName: [INSERT] }\n`);
    const events = r.FFunction.Properties.Events;
    expect(events.QueueOrders.Properties.FilterCriteria).toEqual({ Filters: [{ Pattern: '{"body":{"region":[{"prefix":"us-"}]}}' }, { Pattern: '{"body":{"rating":[4,5]}}' }] });
    expect(events.StreamT.Properties.FilterCriteria).toEqual({ Filters: [{ Pattern: '{"eventName":["INSERT"]}' }] });
  });
});

describe('async destinations', () => {
  const decl = 'queues:\n  done: {}\n  jobs: { fifo: true }\ntopics:\n  results: {}\nbuses:\n  audit: {}\n';

  it('reports an unknown destination, a FIFO queue, itself, two kinds at once, and a function for a stream trigger', () => {
    const yaml = `name: shop\n${decl}tables:\n  t: { partitionKey: id, stream: new }\nfunctions:\n  g: {}\n  f:\n    onSuccess: { queue: don }\n    onFailure: { queue: jobs }\n  h:\n    onSuccess: { function: h }\n    onFailure: { topic: results, bus: audit }\n  s:\n    triggers: [{ stream: t }]\n    onFailure: { function: g }\n`;
    const got = problems(yaml);
    expect(got[0]).toContain("14:25 queue 'don' is not declared under queues | did you mean 'done'?");
    expect(got[1]).toContain("15:25 FIFO queue 'jobs' cannot take failed invocations");
    expect(got[2]).toContain("17:28 function 'h' cannot be its own destination");
    expect(got[3]).toContain("18:34 a destination has both 'topic' and 'bus'");
    expect(got[4]).toContain("21:18 a stream trigger (triggers[0]) sends failed batches only to a queue or topic, not a function");
    expect(got).toHaveLength(5);
  });

  it('rejects retries and event ages outside what Lambda allows', () => {
    const got = problems('name: shop\nfunctions:\n  f:\n    maximumRetryAttempts: 3\n    maximumEventAgeSeconds: 30\n');
    expect(got[0]).toContain('4:27 functions.f.maximumRetryAttempts must be ≤ 2');
    expect(got[1]).toContain('5:29 functions.f.maximumEventAgeSeconds must be ≥ 60');
  });

  it('configures EventInvokeConfig and grants exactly the delivery action on exactly the destination', async () => {
    const yaml = `name: shop\n${decl}functions:\n  next: {}\n  toQueue: { onSuccess: { queue: done }, maximumRetryAttempts: 0, maximumEventAgeSeconds: 120, onFailure: none }\n  toTopic: { onSuccess: { topic: results }, onFailure: { bus: audit } }\n  toFn: { onSuccess: { function: next }, onFailure: { bus: default } }\n`;
    const r = await template(yaml);
    expect(r.ToQueueFunction.Properties.EventInvokeConfig).toEqual({ MaximumRetryAttempts: 0, MaximumEventAgeInSeconds: 120, DestinationConfig: { OnSuccess: { Type: 'SQS', Destination: { 'Fn::GetAtt': ['DoneQueue', 'Arn'] } } } });
    expect(r.ToTopicFunction.Properties.EventInvokeConfig.DestinationConfig).toEqual({ OnSuccess: { Type: 'SNS', Destination: { Ref: 'ResultsTopic' } }, OnFailure: { Type: 'EventBridge', Destination: { 'Fn::GetAtt': ['AuditBus', 'Arn'] } } });
    expect(r.ToFnFunction.Properties.EventInvokeConfig.DestinationConfig.OnSuccess).toEqual({ Type: 'Lambda', Destination: { 'Fn::GetAtt': ['NextFunction', 'Arn'] } });
    const grants = (fn: string) => statements(r, fn).filter((s) => !String(s.Action).startsWith('logs:') && !String(s.Action).startsWith('xray:'));
    expect(grants('ToQueue')).toEqual([{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: { 'Fn::GetAtt': ['DoneQueue', 'Arn'] } }]);
    expect(grants('ToTopic')).toEqual([
      { Effect: 'Allow', Action: 'events:PutEvents', Resource: { 'Fn::GetAtt': ['AuditBus', 'Arn'] } },
      { Effect: 'Allow', Action: 'sns:Publish', Resource: { Ref: 'ResultsTopic' } },
      { Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey*'], Resource: { 'Fn::GetAtt': ['TopicsKey', 'Arn'] } },
    ]);
    expect(grants('ToFn')[1]).toEqual({ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: { 'Fn::GetAtt': ['NextFunction', 'Arn'] } });
    for (const fn of ['ToQueue', 'ToTopic', 'ToFn']) for (const s of statements(r, fn)) if (s.Resource === '*') expect(s.Action).toEqual(['xray:PutTraceSegments', 'xray:PutTelemetryRecords']);
  });
});

describe('shared dead-letter queues', () => {
  it('reports a type mismatch, itself, an unknown queue and a cycle at dlq.queue', () => {
    const yaml = 'name: shop\nqueues:\n  dead: {}\n  orders: { fifo: true, dlq: { queue: dead } }\n  self: { dlq: { queue: self } }\n  typo: { dlq: { queue: daed } }\n  a: { dlq: { queue: b } }\n  b: { dlq: { queue: a } }\n';
    const got = problems(yaml);
    expect(got).toContain("4:39 FIFO queue 'orders' needs a FIFO dead-letter queue; 'dead' is standard | SQS moves messages only between queues of the same type: make both FIFO or both standard");
    expect(got).toContain("5:25 queue 'self' cannot be its own dead-letter queue | name another declared queue, or write dlq: { maxReceives: 3 } for a DLQ of its own");
    expect(got.some((g) => g.startsWith("6:25 queue 'daed' is not declared under queues | did you mean 'dead'?"))).toBe(true);
    expect(got.some((g) => g.startsWith("7:22 queues 'a' and 'b' are each other's dead-letter queue"))).toBe(true);
  });

  it('points each source at the shared queue and allows exactly them to redrive into it', async () => {
    const r = await template('name: shop\nqueues:\n  shared-dlq: { retention: 14d }\n  orders: { dlq: { queue: shared-dlq, maxReceives: 5 } }\n  payments: { dlq: { queue: shared-dlq } }\n');
    expect(r.OrdersQueue.Properties.RedrivePolicy).toEqual({ deadLetterTargetArn: { 'Fn::GetAtt': ['SharedDlqQueue', 'Arn'] }, maxReceiveCount: 5 });
    expect(r.PaymentsQueue.Properties.RedrivePolicy.maxReceiveCount).toBe(3);
    expect(r.OrdersQueue.Properties.QueueName).toEqual({ 'Fn::Sub': '${AWS::StackName}-orders' });
    expect(r.SharedDlqQueue.Properties.RedriveAllowPolicy).toEqual({
      redrivePermission: 'byQueue',
      sourceQueueArnList: [
        { 'Fn::Sub': 'arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:${AWS::StackName}-orders' },
        { 'Fn::Sub': 'arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:${AWS::StackName}-payments' },
      ],
    });
    // no DLQ of their own, and none for the shared queue; it gets the depth alarm
    expect(Object.keys(r).filter((id) => /Dlq$/.test(id))).toEqual([]);
    expect(r.SharedDlqQueue.Properties.RedrivePolicy).toBeUndefined();
    expect(r.SharedDlqQueueDepthAlarm.Properties.Dimensions[0].Value).toEqual({ 'Fn::GetAtt': ['SharedDlqQueue', 'QueueName'] });
  });
});
