import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/local/clock.js';
import type { MessageAttributeValue } from '../../src/local/payloads.js';
import { LocalQueue } from '../../src/local/queues.js';
import { compileFilterPolicy, LocalTopic } from '../../src/local/topics.js';
import { Trace } from '../../src/local/trace.js';
import { addresses, fakeFunctions, makeApp, makeQueue, makeTopic } from './helpers.js';

const s = (v: string): MessageAttributeValue => ({ DataType: 'String', StringValue: v });
const n = (v: number): MessageAttributeValue => ({ DataType: 'Number', StringValue: String(v) });
const arr = (v: unknown[]): MessageAttributeValue => ({ DataType: 'String.Array', StringValue: JSON.stringify(v) });

describe('SNS filter policies (message attributes)', () => {
  const cases: [string, Record<string, unknown>, Record<string, MessageAttributeValue>, boolean][] = [
    ['exact string', { type: ['placed'] }, { type: s('placed') }, true],
    ['exact string, other value', { type: ['placed'] }, { type: s('shipped') }, false],
    ['one of several', { type: ['placed', 'shipped'] }, { type: s('shipped') }, true],
    ['missing attribute', { type: ['placed'] }, {}, false],
    ['prefix', { region: [{ prefix: 'eu-' }] }, { region: s('eu-west-1') }, true],
    ['suffix', { file: [{ suffix: '.png' }] }, { file: s('a.jpg') }, false],
    ['anything-but', { type: [{ 'anything-but': ['test'] }] }, { type: s('live') }, true],
    ['anything-but hit', { type: [{ 'anything-but': ['test'] }] }, { type: s('test') }, false],
    ['anything-but prefix', { type: [{ 'anything-but': { prefix: 'int-' } }] }, { type: s('int-x') }, false],
    ['equals-ignore-case', { type: [{ 'equals-ignore-case': 'PLACED' }] }, { type: s('Placed') }, true],
    ['numeric range', { price: [{ numeric: ['>=', 100, '<', 200] }] }, { price: n(150) }, true],
    ['numeric out of range', { price: [{ numeric: ['>=', 100, '<', 200] }] }, { price: n(250) }, false],
    ['numeric on a String attribute', { price: [{ numeric: ['>', 1] }] }, { price: s('5') }, false],
    ['exists', { coupon: [{ exists: true }] }, { coupon: s('x') }, true],
    ['exists false', { coupon: [{ exists: false }] }, { type: s('x') }, true],
    ['exists false, present', { coupon: [{ exists: false }] }, { coupon: s('x') }, false],
    ['String.Array: any element', { tags: ['vip'] }, { tags: arr(['new', 'vip']) }, true],
    ['String.Array: none', { tags: ['vip'] }, { tags: arr(['new']) }, false],
    ['all keys must match', { type: ['placed'], region: ['eu'] }, { type: s('placed'), region: s('us') }, false],
    ['$or', { $or: [{ type: ['placed'] }, { priority: ['high'] }] }, { priority: s('high') }, true],
    ['binary attributes never match', { img: ['x'] }, { img: { DataType: 'Binary', BinaryValue: 'eA==' } }, false],
  ];
  for (const [name, policy, attributes, expected] of cases) {
    it(`${name} → ${expected}`, () => expect(compileFilterPolicy(policy)(attributes)).toBe(expected));
  }
  it('no policy accepts everything', () => expect(compileFilterPolicy(undefined)({})).toBe(true));
});

describe('topic fan-out', () => {
  function setup() {
    const clock = new ManualClock();
    const trace = new Trace(() => clock.now());
    const app = makeApp({
      queues: [makeQueue('audit'), makeQueue('raw-audit'), makeQueue('vip')],
      topics: [
        makeTopic('events', {
          subscriptions: [
            { protocol: 'sqs', queue: 'audit', raw: false, source: [] },
            { protocol: 'sqs', queue: 'raw-audit', raw: true, source: [] },
            { protocol: 'sqs', queue: 'vip', raw: true, filter: { tier: ['vip'] }, source: [] },
            { protocol: 'lambda', function: 'notify', source: [] },
            { protocol: 'email', endpoint: 'ops@example.com', source: [] },
          ],
        }),
      ],
    });
    const addr = addresses(app);
    const queues = new Map(
      app.queues.map((q) => [
        q.name,
        new LocalQueue(
          { name: q.name, physicalName: addr.queueName(q.name), url: addr.queueUrl(q.name), arn: addr.queueArn(q.name), fifo: false, contentBasedDeduplication: false, visibilityTimeoutSeconds: 30, retentionSeconds: 1000, delaySeconds: 0 },
          clock,
          trace,
        ),
      ]),
    );
    const { functions, calls } = fakeFunctions({ notify: () => undefined });
    const topic = new LocalTopic(app.topics[0]!, { addresses: addr, functions, queue: (name) => queues.get(name), trace, clock });
    return { topic, queues, calls, trace, addr };
  }

  it('sends the JSON envelope to a queue subscription, the bare message with attributes when raw', () => {
    const { topic, queues, addr } = setup();
    const { messageId } = topic.publish({ message: 'hello', subject: 'Hi', attributes: { type: s('placed') } });
    const [env] = queues.get('audit')!.receive();
    const body = JSON.parse(env!.body);
    expect(body).toMatchObject({ Type: 'Notification', MessageId: messageId, TopicArn: addr.topicArn('events'), Subject: 'Hi', Message: 'hello', SignatureVersion: '1', MessageAttributes: { type: { Type: 'String', Value: 'placed' } } });
    expect(body.SigningCertURL).toMatch(/^https:\/\/sns\./);
    expect(body.UnsubscribeURL).toContain('SubscriptionArn=');
    expect(env!.messageAttributes).toEqual({});
    const [raw] = queues.get('raw-audit')!.receive();
    expect(raw!.body).toBe('hello');
    expect(raw!.messageAttributes).toEqual({ type: s('placed') });
  });

  it('applies each subscription’s filter policy', () => {
    const { topic, queues, trace } = setup();
    topic.publish({ message: 'a', attributes: { tier: s('basic') } });
    topic.publish({ message: 'b', attributes: { tier: s('vip') } });
    expect(queues.get('vip')!.receive(10).map((m) => m.body)).toEqual(['b']);
    expect(queues.get('raw-audit')!.receive(10).map((m) => m.body)).toEqual(['a', 'b']);
    expect(trace.recent.filter((e) => e.kind === 'topic' && e.action === 'filtered')).toHaveLength(1);
  });

  it('invokes function subscribers asynchronously with an SNS event', () => {
    const { topic, calls, addr } = setup();
    topic.publish({ message: 'm', attributes: { n: n(3) } });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.async).toBe(true);
    const record = calls[0]!.event.Records[0];
    expect(record).toMatchObject({ EventSource: 'aws:sns', EventVersion: '1.0' });
    expect(record.EventSubscriptionArn.startsWith(`${addr.topicArn('events')}:`)).toBe(true);
    expect(record.Sns).toMatchObject({ Type: 'Notification', Message: 'm', Subject: null, MessageAttributes: { n: { Type: 'Number', Value: '3' } } });
    expect(record.Sns.SigningCertUrl).toBeDefined();
    expect(record.Sns.UnsubscribeUrl).toBeDefined();
  });

  it('delivers per-protocol messages with MessageStructure json', () => {
    const { topic, queues, calls } = setup();
    topic.publish({ message: JSON.stringify({ default: 'dflt', sqs: 'for queues' }), structure: 'json' });
    expect(queues.get('raw-audit')!.receive()[0]!.body).toBe('for queues');
    expect(calls[0]!.event.Records[0].Sns.Message).toBe('dflt');
    expect(() => topic.publish({ message: '{"sqs":"x"}', structure: 'json' })).toThrow(/default/);
  });
});
