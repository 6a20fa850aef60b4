// eda dev checks each message sent to a queue or published to a topic with a `message:` schema:
// a violation is a highlighted `contract` trace line naming the queue or topic, its producers and
// the failing path; the message is still queued and delivered, as in AWS.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { Chalk } from 'chalk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/kinds/build.js';
import { startLocal, type LocalRuntime } from '../../src/local/runtime.js';
import { compileBodyFilterPolicy } from '../../src/local/topics.js';
import { formatEvent, type Traced } from '../../src/local/trace.js';
import { validateText } from '../../src/pipeline/validate.js';

const yaml = `name: shop
functions:
  pay:
    uses: [{ queue: payments }, { topic: notifications }]
queues:
  payments:
    message:
      type: object
      required: [orderId, amount]
      properties:
        orderId: { type: string }
        amount: { type: integer, minimum: 0 }
  audit: {}
  plain: {}
  cancelled: {}
topics:
  notifications:
    message:
      type: object
      required: [type]
      properties:
        type: { enum: [OrderShipped, OrderCancelled] }
    subscriptions:
      - queue: audit
        raw: true
      - queue: cancelled
        raw: true
        filterScope: body
        filter: { type: [OrderCancelled] }
`;

let dir: string;
let rt: LocalRuntime;
const traced: Traced[] = [];
const config = () => ({ endpoint: rt.endpoints.services, region: 'eu-west-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'eda-msg-contracts-'));
  const validated = validateText(yaml, { cwd: dir });
  expect(validated.diagnostics).toEqual([]);
  const app = buildApp(validated.manifest!, 'dev', { eventSchemas: validated.eventSchemas });
  rt = await startLocal({ app, cwd: dir, http: false, triggers: false, watch: false });
  rt.trace.on((e) => traced.push(e));
}, 60_000);

afterAll(async () => {
  await rt?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const contracts = () => traced.filter((e) => e.kind === 'message-contract');

async function receive(queue: string): Promise<string[]> {
  const sqs = new SQSClient(config());
  const out = await sqs.send(new ReceiveMessageCommand({ QueueUrl: rt.queue(queue)!.config.url, MaxNumberOfMessages: 10 }));
  return (out.Messages ?? []).map((m) => m.Body!);
}

describe('message contracts in eda dev', () => {
  it('a message that keeps its queue schema is queued with no contract line', async () => {
    traced.length = 0;
    await new SQSClient(config()).send(new SendMessageCommand({ QueueUrl: rt.queue('payments')!.config.url, MessageBody: JSON.stringify({ orderId: 'o-1', amount: 5 }) }));
    expect(contracts()).toEqual([]);
    expect(await receive('payments')).toEqual(['{"orderId":"o-1","amount":5}']);
  });

  it('a message breaking its queue schema is traced with its producers and paths, and still queued', async () => {
    traced.length = 0;
    const body = JSON.stringify({ orderId: 7, amount: 1.5 });
    const sent = await new SQSClient(config()).send(new SendMessageCommand({ QueueUrl: rt.queue('payments')!.config.url, MessageBody: body }));
    expect(contracts()).toMatchObject([
      {
        target: 'queue',
        name: 'payments',
        messageId: sent.MessageId,
        producers: ['pay'],
        violations: [
          { path: 'message.orderId', message: 'must be string' },
          { path: 'message.amount', message: 'must be integer' },
        ],
      },
    ]);
    expect(formatEvent(contracts()[0]!, new Chalk({ level: 0 })).slice(13)).toMatch(/^contract queue payments ← message breaks its schema: message\.orderId must be string; message\.amount must be integer \(producers: pay\) msg /);
    expect(formatEvent(contracts()[0]!, new Chalk({ level: 1 }))).toContain('\u001b[31mcontract'); // red: highlighted
    expect(await receive('payments')).toEqual([body]);
  });

  it('a body that is not JSON breaks a schema; queues without one are not checked', async () => {
    traced.length = 0;
    const sqs = new SQSClient(config());
    await sqs.send(new SendMessageCommand({ QueueUrl: rt.queue('payments')!.config.url, MessageBody: 'hello' }));
    await sqs.send(new SendMessageCommand({ QueueUrl: rt.queue('plain')!.config.url, MessageBody: 'hello' }));
    expect(contracts()).toMatchObject([{ name: 'payments', violations: [{ path: 'message', message: 'is not JSON' }] }]);
    await receive('payments');
  });

  it('a published message breaking its topic schema names the missing field, and is still delivered', async () => {
    traced.length = 0;
    const sns = new SNSClient(config());
    await sns.send(new PublishCommand({ TopicArn: rt.topic('notifications')!.arn, Message: JSON.stringify({ type: 'OrderShipped' }) }));
    expect(contracts()).toEqual([]);
    await sns.send(new PublishCommand({ TopicArn: rt.topic('notifications')!.arn, Message: JSON.stringify({ kind: 'OrderShipped' }) }));
    expect(contracts()).toMatchObject([{ target: 'topic', name: 'notifications', producers: ['pay'], violations: [{ path: 'message', message: "must have required property 'type'" }] }]);
    await sns.send(new PublishCommand({ TopicArn: rt.topic('notifications')!.arn, Message: JSON.stringify({ type: 'Lost' }) }));
    expect(contracts()[1]).toMatchObject({ violations: [{ path: 'message.type', message: 'must be equal to one of the allowed values ("OrderShipped", "OrderCancelled")' }] });
    // the topic's raw subscription delivers every message to the audit queue, which has no schema of its own
    expect((await receive('audit')).sort()).toEqual(['{"kind":"OrderShipped"}', '{"type":"Lost"}', '{"type":"OrderShipped"}']);
  });

  it('a subscription filtering on the message body receives only the messages it matches', async () => {
    traced.length = 0;
    const sns = new SNSClient(config());
    for (const type of ['OrderShipped', 'OrderCancelled']) await sns.send(new PublishCommand({ TopicArn: rt.topic('notifications')!.arn, Message: JSON.stringify({ type, orderId: 'o-9' }) }));
    expect(await receive('cancelled')).toEqual(['{"type":"OrderCancelled","orderId":"o-9"}']);
    expect(traced.filter((e) => e.kind === 'topic' && e.action === 'filtered').map((e) => (e as { to?: string }).to)).toEqual(['queue cancelled']);
    await receive('audit');
  });
});

describe('SNS filter policies on the message body', () => {
  const cases: [string, Record<string, unknown>, string, boolean][] = [
    ['top-level value', { type: ['placed'] }, '{"type":"placed"}', true],
    ['other value', { type: ['placed'] }, '{"type":"paid"}', false],
    ['nested object', { order: { total: [{ numeric: ['>', 100] }] } }, '{"order":{"total":150}}', true],
    ['nested, out of range', { order: { total: [{ numeric: ['>', 100] }] } }, '{"order":{"total":50}}', false],
    ['any array element', { items: { sku: [{ prefix: 'tea-' }] } }, '{"items":[{"sku":"cake"},{"sku":"tea-1"}]}', true],
    ['missing field', { type: ['placed'] }, '{"kind":"placed"}', false],
    ['a body that is not JSON', { type: ['placed'] }, 'placed', false],
    ['a JSON array body', { type: ['placed'] }, '[{"type":"placed"}]', false],
    ['exists false on a missing field', { coupon: [{ exists: false }] }, '{"type":"placed"}', true],
  ];
  for (const [name, policy, message, expected] of cases) {
    it(`${name} → ${expected}`, () => expect(compileBodyFilterPolicy(policy)(message)).toBe(expected));
  }
});
