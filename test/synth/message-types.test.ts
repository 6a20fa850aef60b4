// eda synth types topics' and queues' messages from their `message:` schemas: typed
// queues.<name>.send / topics.<name>.publish for the functions that use them, typed parse helpers
// that consumer stubs read record bodies with, and a typecheck that fails on a wrong message.
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { synthesizedProject, typecheckHandler } from '../support/typecheck.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { load } from 'js-yaml';
import { cfnLint, samTranslate } from '../support/cfn.js';
import { eda } from '../support/cli.js';

const app = `name: typed
functions:
  pay:
    uses: [{ queue: payments }, { topic: order-events }, { queue: jobs }]
  settle:
    triggers: [{ queue: payments }]
  notify:
    triggers: [{ topic: order-events, filterScope: body, filter: { type: [OrderShipped] } }]
  plain:
    triggers: [{ queue: untyped }]
queues:
  payments:
    message: schemas/payment.json
  jobs:
    fifo: true
    message: { type: object, required: [id], properties: { id: { type: string } } }
  untyped: {}
topics:
  order-events:
    message:
      type: object
      required: [type, orderId]
      properties:
        type: { enum: [OrderShipped, OrderCancelled] }
        orderId: { type: string }
    subscriptions:
      - queue: untyped
        raw: true
        filterScope: body
        filter: { type: [OrderCancelled] }
`;

const payment = { type: 'object', required: ['paymentId', 'orderId', 'amount'], properties: { paymentId: { type: 'string' }, orderId: { type: 'string' }, amount: { type: 'integer', minimum: 0 } } };

let dir: string;
beforeAll(async () => {
  dir = await synthesizedProject('.tmp-messages-', app, { 'schemas/payment.json': JSON.stringify(payment, null, 2) });
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const typecheck = (handler: string) => typecheckHandler(dir, handler);

const read = (rel: string) => readFileSync(path.join(dir, rel), 'utf8');

describe('typed messages', () => {
  it('writes a type per message schema, send/publish for the queues and topics functions use, parse for every one', () => {
    const text = read('src/generated/resources.ts');
    expect(text).toContain("import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';");
    expect(text).toContain("import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';");
    expect(text).toContain('export type PaymentsQueueMessage = PaymentsQueueMessageContract.PaymentsQueueMessage;');
    expect(text).toContain('export type OrderEventsTopicMessage = OrderEventsTopicMessageContract.OrderEventsTopicMessage;');
    expect(text).toContain('send: (message: PaymentsQueueMessage, options?: SendOptions): Promise<string> => sendMessage(read("PAYMENTS_QUEUE_URL"');
    // a FIFO queue's send requires a message group
    expect(text).toContain('send: (message: JobsQueueMessage, options: SendOptions & { groupId: string }): Promise<string>');
    expect(text).toContain('publish: (message: OrderEventsTopicMessage, options?: PublishOptions): Promise<string> => publishMessage(read("ORDER_EVENTS_TOPIC_ARN"');
    expect(text).toContain('parse: (body: string): OrderEventsTopicMessage => JSON.parse(body) as OrderEventsTopicMessage,');
    expect(text).not.toContain('"untyped": {\n    /** Sends');
  });

  it("types the SQS and SNS consumers' stubs with the message type; a queue without a schema stays untyped", () => {
    const settle = read('src/handlers/settle.ts');
    expect(settle).toContain("import { queues, type PaymentsQueueMessage } from '../generated/resources.js';");
    expect(settle).toContain('const message: PaymentsQueueMessage = queues.payments.parse(record.body);');
    const notify = read('src/handlers/notify.ts');
    expect(notify).toContain("import { topics, type OrderEventsTopicMessage } from '../generated/resources.js';");
    expect(notify).toContain('const message: OrderEventsTopicMessage = topics.orderEvents.parse(record.Sns.Message);');
    expect(read('src/handlers/plain.ts')).toContain('const message = JSON.parse(record.body) as unknown;');
  });

  it('the stubs and a producer sending valid messages compile', async () => {
    for (const stub of ['settle', 'notify', 'pay']) expect(await typecheck(read(`src/handlers/${stub}.ts`)), stub).toBe('');
    const out = await typecheck(
      [
        "import { queues, topics } from '../generated/resources.js';",
        'export async function handler(): Promise<string[]> {',
        "  const a = await queues.payments.send({ paymentId: 'p-1', orderId: 'o-1', amount: 12 });",
        "  const b = await topics.orderEvents.publish({ type: 'OrderShipped', orderId: 'o-1' }, { subject: 'shipped', attributes: { type: 'OrderShipped', total: 12 } });",
        "  const c = await queues.jobs.send({ id: 'j-1' }, { groupId: 'g' });",
        '  return [a, b, c];',
        '}',
        '',
      ].join('\n'),
    );
    expect(out).toBe('');
  }, 120_000);

  it('a wrong message fails the typecheck, naming the field', async () => {
    const out = await typecheck(
      [
        "import { queues, topics } from '../generated/resources.js';",
        'export async function handler(): Promise<void> {',
        "  await queues.payments.send({ paymentId: 'p-1', orderId: 'o-1', amount: '12' });",
        "  await topics.orderEvents.publish({ type: 'OrderLost', orderId: 'o-1' });",
        "  await queues.payments.send({ paymentId: 'p-1', amount: 1 });",
        "  await queues.jobs.send({ id: 'j-1' });",
        '}',
        '',
      ].join('\n'),
    );
    expect(out).toMatch(/probe\.ts\(3,\d+\): error TS2322: Type 'string' is not assignable to type 'number'/);
    expect(out).toMatch(/probe\.ts\(4,\d+\): error TS2322: Type '"OrderLost"' is not assignable to type '"OrderShipped" \| "OrderCancelled"'/);
    expect(out).toMatch(/probe\.ts\(5,\d+\): error TS2345: .*Property 'orderId' is missing/s);
    expect(out).toMatch(/probe\.ts\(6,\d+\): error TS2554: Expected 2 arguments, but got 1/);
  }, 120_000);

  it('filter policies on the message body synthesize as FilterPolicyScope MessageBody, cfn-lint and SAM clean', async () => {
    const file = path.join(dir, 'template.yaml');
    const template = load(read('template.yaml')) as { Resources: Record<string, { Type: string; Properties: Record<string, any> }> };
    expect(template.Resources.OrderEventsToUntypedSubscription!.Properties).toMatchObject({ Protocol: 'sqs', RawMessageDelivery: true, FilterPolicy: { type: ['OrderCancelled'] }, FilterPolicyScope: 'MessageBody' });
    const events = template.Resources.NotifyFunction!.Properties.Events;
    expect(Object.values(events)).toEqual([{ Type: 'SNS', Properties: { Topic: { Ref: 'OrderEventsTopic' }, FilterPolicy: { type: ['OrderShipped'] }, FilterPolicyScope: 'MessageBody' } }]);
    const lint = await cfnLint([file]);
    expect(lint.output).toBe('');
    const [translated] = await samTranslate([file]);
    expect(translated!.errors ?? []).toEqual([]);
  }, 300_000);
});
