// eda dev's event plumbing, from app.yaml to what handlers and queues see: event filters on
// queue and stream triggers (a filtered SQS message is deleted, never retried, never in the
// DLQ; a filtered stream record is skipped), onSuccess destination records, and a dead-letter
// queue shared by two queues.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProject } from '../../src/pipeline/index.js';
import { startProject, until, type Project } from '../reliability/project.js';

const yaml = `name: shop
queues:
  orders: {}
  done: {}
  shared-dlq: { retention: 14d }
  a: { dlq: { queue: shared-dlq, maxReceives: 1 } }
  b: { dlq: { queue: shared-dlq, maxReceives: 1 } }
  greetings: {}
  failed: {}
rules:
  greet:
    pattern: { source: [shop] }
    targets:
      - queue: greetings
        inputPaths: { name: $.detail.name }
        inputTemplate: '{"who": <name>, "line": "hello <name>"}'
tables:
  items: { partitionKey: id, stream: newAndOld }
functions:
  onOrder:
    triggers:
      - queue: orders
        filter: [{ body: { region: [{ prefix: us- }] } }, { body: [{ prefix: "PING" }] }]
  onInsert:
    triggers:
      - stream: items
        filter: { eventName: [INSERT] }
  work:
    onSuccess: { queue: done }
  once:
    maximumRetryAttempts: 0
    onFailure: { queue: failed }
`;

let p: Project;

beforeAll(async () => {
  const handlers = {
    onOrder: 'export const handler = async () => ({});',
    onInsert: 'export const handler = async () => ({});',
    once: "export const handler = async () => { throw new Error('no'); };",
    work: 'export const handler = async (event: { n: number }) => ({ doubled: event.n * 2 });',
  };
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const cwd = mkdtempSync(join(tmpdir(), 'eda-plumbing-'));
  writeFileSync(join(cwd, 'app.yaml'), yaml);
  const { app } = await loadProject({ cwd });
  p = await startProject(app, handlers, { asyncRetryDelaysMs: [10, 10] });
}, 60_000);

afterAll(async () => {
  await p?.stop();
});

const delivered = (fn: string) => p.events.flatMap((e) => (e.kind === 'queue' && e.action === 'deliver' && e.function === fn ? e.messageIds : []));

describe('eda dev with event filters', () => {
  it('delivers only matching SQS messages; the others are deleted and never reach the DLQ', async () => {
    const q = p.runtime.queue('orders')!;
    const us = q.send({ body: JSON.stringify({ region: 'us-east-1' }) }).messageId;
    const eu = q.send({ body: JSON.stringify({ region: 'eu-west-1' }) }).messageId;
    const ping = q.send({ body: 'PING from a plain text body' }).messageId;
    const pong = q.send({ body: 'PONG' }).messageId;
    await until(() => delivered('onOrder').length >= 2 && p.events.some((e) => e.kind === 'queue' && e.action === 'filtered'));
    await until(() => q.counts().visible + q.counts().inFlight === 0);
    expect(delivered('onOrder').sort()).toEqual([us, ping].sort());
    const filtered = p.events.flatMap((e) => (e.kind === 'queue' && e.action === 'filtered' ? e.messageIds : []));
    expect(filtered.sort()).toEqual([eu, pong].sort());
    expect(p.runtime.queue('orders:dlq')!.counts().visible).toBe(0);
  });

  it('skips stream records that match no filter', async () => {
    const table = p.runtime.addresses.tableName('items');
    await p.runtime.tables.handle('PutItem', JSON.stringify({ TableName: table, Item: { id: { S: '1' }, v: { N: '1' } } }));
    await p.runtime.tables.handle('PutItem', JSON.stringify({ TableName: table, Item: { id: { S: '1' }, v: { N: '2' } } }));
    await p.runtime.tables.handle('DeleteItem', JSON.stringify({ TableName: table, Key: { id: { S: '1' } } }));
    await until(() => p.events.filter((e) => e.kind === 'stream' && e.action === 'filtered').length >= 2);
    await new Promise((r) => setTimeout(r, 200));
    const deliveries = p.events.filter((e) => e.kind === 'stream' && e.action === 'deliver');
    expect(deliveries.map((e) => (e as { records: number }).records)).toEqual([1]);
    expect(p.events.filter((e) => e.kind === 'stream' && e.action === 'filtered')).toHaveLength(2);
  });
});

describe('eda dev with destinations and shared dead-letter queues', () => {
  it('sends the record of a successful async invocation to the onSuccess queue, in AWS shape', async () => {
    const requestId = p.runtime.functions.invokeAsync('work', { n: 21 }, { trigger: 'test' });
    const done = p.runtime.queue('done')!;
    const [message] = await until(() => {
      const got = done.receive(1);
      return got.length ? got : undefined;
    });
    const record = JSON.parse(message!.body);
    expect(record).toEqual({
      version: '1.0',
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      requestContext: { requestId, functionArn: `${p.runtime.addresses.functionArn('work')}:$LATEST`, condition: 'Success', approximateInvokeCount: 1 },
      requestPayload: { n: 21 },
      responseContext: { statusCode: 200, executedVersion: '$LATEST' },
      responsePayload: { doubled: 42 },
    });
  });

  it('retries a failed async invocation only maximumRetryAttempts times before its onFailure record', async () => {
    const requestId = p.runtime.functions.invokeAsync('once', { n: 1 }, { trigger: 'test' });
    const [message] = await until(() => {
      const got = p.runtime.queue('failed')!.receive(1);
      return got.length ? got : undefined;
    });
    const record = JSON.parse(message!.body);
    expect(record.requestContext).toMatchObject({ requestId, condition: 'RetriesExhausted', approximateInvokeCount: 1 });
    expect(record.responsePayload).toMatchObject({ errorType: 'Error', errorMessage: 'no' });
    expect(p.events.filter((e) => e.kind === 'invoke' && e.function === 'once')).toHaveLength(1);
  });

  it('sends a rule target the input its transformer renders', async () => {
    p.runtime.buses.putEvents([{ Source: 'shop', DetailType: 'Hi', Detail: JSON.stringify({ name: 'Ada' }) }]);
    const [message] = await until(() => {
      const got = p.runtime.queue('greetings')!.receive(1);
      return got.length ? got : undefined;
    });
    expect(message!.body).toBe('{"who": "Ada", "line": "hello Ada"}');
  });

  it('moves messages of two queues into their one shared dead-letter queue', () => {
    const a = p.runtime.queue('a')!;
    const b = p.runtime.queue('b')!;
    const fromA = a.send({ body: 'from a' }).messageId;
    const fromB = b.send({ body: 'from b' }).messageId;
    for (const q of [a, b]) {
      expect(q.receive(1, 0)).toHaveLength(1); // received once, failed, visible again at once
      expect(q.receive(1, 0)).toEqual([]); // over maxReceives: moved, not returned
    }
    const dead = p.runtime.queue('shared-dlq')!.receive(10);
    expect(dead.map((m) => [m.messageId, m.body]).sort()).toEqual(
      [
        [fromA, 'from a'],
        [fromB, 'from b'],
      ].sort(),
    );
  });
});
