import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/local/clock.js';
import { LocalQueue, md5OfAttributes, receiveWaiting, type QueueConfig } from '../../src/local/queues.js';
import { QueueTrigger, failedItems } from '../../src/local/queue-triggers.js';
import { Trace } from '../../src/local/trace.js';
import { fakeFunctions } from './helpers.js';

function queue(clock: ManualClock, trace: Trace, over: Partial<QueueConfig> = {}): LocalQueue {
  return new LocalQueue(
    {
      name: 'orders',
      physicalName: 'shop-dev-orders',
      url: 'http://127.0.0.1:1/000000000000/shop-dev-orders',
      arn: 'arn:aws:sqs:eu-west-1:000000000000:shop-dev-orders',
      fifo: false,
      contentBasedDeduplication: false,
      visibilityTimeoutSeconds: 30,
      retentionSeconds: 345600,
      delaySeconds: 0,
      ...over,
    },
    clock,
    trace,
  );
}

function withDlq(clock: ManualClock, trace: Trace, maxReceives: number, over: Partial<QueueConfig> = {}) {
  const dlq = queue(clock, trace, { name: 'orders:dlq', physicalName: 'shop-dev-orders-dlq', ...over });
  const q = queue(clock, trace, { redrive: { deadLetter: dlq, maxReceives }, ...over });
  return { q, dlq };
}

describe('queue semantics', () => {
  it('hides a received message for the visibility timeout, then delivers it again with a higher receive count', async () => {
    const clock = new ManualClock();
    const q = queue(clock, new Trace(), { visibilityTimeoutSeconds: 30 });
    const sent = q.send({ body: 'hello' });
    const [first] = q.receive(10);
    expect(first!.messageId).toBe(sent.messageId);
    expect(first!.attributes.ApproximateReceiveCount).toBe('1');
    expect(q.receive(10)).toEqual([]);
    await clock.advance(29_999);
    expect(q.receive(10)).toEqual([]);
    await clock.advance(1);
    const [again] = q.receive(10);
    expect(again!.messageId).toBe(sent.messageId);
    expect(again!.attributes.ApproximateReceiveCount).toBe('2');
    expect(again!.receiptHandle).not.toBe(first!.receiptHandle);
    expect(again!.attributes.ApproximateFirstReceiveTimestamp).toBe(first!.attributes.ApproximateFirstReceiveTimestamp);
  });

  it('deletes by receipt handle only; a stale handle after redelivery is ignored', async () => {
    const clock = new ManualClock();
    const q = queue(clock, new Trace(), { visibilityTimeoutSeconds: 1 });
    q.send({ body: 'x' });
    const [a] = q.receive();
    await clock.advance(1000);
    const [b] = q.receive();
    expect(q.delete(a!.receiptHandle)).toBe(false);
    expect(q.delete(b!.receiptHandle)).toBe(true);
    expect(q.counts()).toEqual({ visible: 0, inFlight: 0, delayed: 0 });
  });

  it('honours delivery delay and ChangeMessageVisibility', async () => {
    const clock = new ManualClock();
    const q = queue(clock, new Trace(), { delaySeconds: 5 });
    q.send({ body: 'later' });
    expect(q.counts().delayed).toBe(1);
    expect(q.receive()).toEqual([]);
    await clock.advance(5000);
    const [m] = q.receive();
    q.changeVisibility(m!.receiptHandle, 0);
    expect(q.receive()).toHaveLength(1);
  });

  it('moves a message to the DLQ once it has been received maxReceives times', async () => {
    const clock = new ManualClock();
    const trace = new Trace();
    const { q, dlq } = withDlq(clock, trace, 2, { visibilityTimeoutSeconds: 10 });
    const { messageId } = q.send({ body: 'poison', attributes: { kind: { DataType: 'String', StringValue: 'x' } } });
    expect(q.receive()).toHaveLength(1);
    await clock.advance(10_000);
    expect(q.receive()).toHaveLength(1);
    await clock.advance(10_000);
    expect(q.receive()).toEqual([]);
    const [dead] = dlq.receive();
    expect(dead!.messageId).toBe(messageId);
    expect(dead!.body).toBe('poison');
    expect(dead!.messageAttributes.kind!.StringValue).toBe('x');
    expect(trace.recent.some((e) => e.kind === 'queue' && e.action === 'dlq' && e.to === 'orders:dlq' && e.receiveCount === 2)).toBe(true);
  });

  it('drops messages after the retention period', async () => {
    const clock = new ManualClock();
    const q = queue(clock, new Trace(), { retentionSeconds: 60 });
    q.send({ body: 'old' });
    await clock.advance(60_000);
    expect(q.receive()).toEqual([]);
  });

  it('FIFO: keeps order within a group, locks a group while a message is in flight, serves other groups', async () => {
    const clock = new ManualClock();
    const q = queue(clock, new Trace(), { fifo: true, contentBasedDeduplication: true, visibilityTimeoutSeconds: 10 });
    for (const [g, b] of [['a', 'a1'], ['a', 'a2'], ['b', 'b1'], ['a', 'a3'], ['b', 'b2']] as const) q.send({ body: b, groupId: g });
    const first = q.receive(1);
    expect(first.map((m) => m.body)).toEqual(['a1']);
    // group a is locked while a1 is in flight; b is free
    expect(q.receive(10).map((m) => m.body)).toEqual(['b1', 'b2']);
    expect(q.receive(10)).toEqual([]);
    // a1 fails (not deleted): it comes back first, before a2
    await clock.advance(10_000);
    const retry = q.receive(10);
    expect(retry.map((m) => m.body)).toEqual(['a1', 'a2', 'b1', 'a3', 'b2']);
    expect(retry[0]!.attributes.MessageGroupId).toBe('a');
    expect(BigInt(retry[1]!.attributes.SequenceNumber!)).toBeGreaterThan(BigInt(retry[0]!.attributes.SequenceNumber!));
  });

  it('FIFO: deduplicates identical content within five minutes and requires a group', async () => {
    const clock = new ManualClock();
    const q = queue(clock, new Trace(), { fifo: true, contentBasedDeduplication: true });
    const a = q.send({ body: 'same', groupId: 'g' });
    const b = q.send({ body: 'same', groupId: 'g' });
    expect(b.messageId).toBe(a.messageId);
    expect(q.counts().visible).toBe(1);
    await clock.advance(5 * 60_000 + 1);
    expect(q.send({ body: 'same', groupId: 'g' }).messageId).not.toBe(a.messageId);
    expect(() => q.send({ body: 'x' })).toThrow(/MessageGroupId/);
  });

  it('long polling resolves as soon as a message arrives', async () => {
    const clock = new ManualClock();
    const q = queue(clock, new Trace());
    const pending = receiveWaiting(q, clock, 10, 20_000);
    await clock.advance(1000);
    q.send({ body: 'now' });
    const got = await pending;
    expect(got.map((m) => m.body)).toEqual(['now']);
  });

  it('computes MD5OfMessageAttributes the way SQS does', () => {
    // the algorithm: sorted names; length-prefixed name, type, a transport byte, value
    expect(md5OfAttributes({})).toBeUndefined();
    const one = md5OfAttributes({ a: { DataType: 'String', StringValue: 'b' } });
    expect(one).toMatch(/^[0-9a-f]{32}$/);
    const swapped = md5OfAttributes({ z: { DataType: 'Number', StringValue: '1' }, a: { DataType: 'String', StringValue: 'b' } });
    const ordered = md5OfAttributes({ a: { DataType: 'String', StringValue: 'b' }, z: { DataType: 'Number', StringValue: '1' } });
    expect(swapped).toBe(ordered);
  });
});

describe('queue → function (event source mapping)', () => {
  function setup(over: Partial<QueueConfig> = {}, maxReceives = 3, handler: (event: any) => unknown = () => undefined, trigger: { batchSize?: number; batchWindow?: number } = {}) {
    const clock = new ManualClock();
    const trace = new Trace(() => clock.now());
    const { q, dlq } = withDlq(clock, trace, maxReceives, { visibilityTimeoutSeconds: 5, ...over });
    const { functions, calls } = fakeFunctions({ worker: handler });
    const t = new QueueTrigger({ queue: q, function: 'worker', batchSize: trigger.batchSize ?? 10, batchWindow: trigger.batchWindow, functions, clock, trace, region: 'eu-west-1' });
    t.start();
    return { clock, trace, q, dlq, calls, t };
  }

  it('delivers SQS records with attributes and message attributes, and deletes them on success', async () => {
    const { clock, q, calls, t } = setup();
    q.send({ body: '{"n":1}', attributes: { type: { DataType: 'String', StringValue: 'order' } } });
    await clock.advance(0);
    expect(calls).toHaveLength(1);
    const record = calls[0]!.event.Records[0];
    expect(record).toMatchObject({
      body: '{"n":1}',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:eu-west-1:000000000000:shop-dev-orders',
      awsRegion: 'eu-west-1',
      attributes: { ApproximateReceiveCount: '1' },
      messageAttributes: { type: { stringValue: 'order', dataType: 'String', stringListValues: [], binaryListValues: [] } },
    });
    expect(record.messageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(record.md5OfBody).toBe(createHash('md5').update('{"n":1}').digest('hex'));
    expect(q.counts()).toEqual({ visible: 0, inFlight: 0, delayed: 0 });
    await t.stop();
  });

  it('batches up to batchSize', async () => {
    const { clock, q, calls, t } = setup({}, 3, () => undefined, { batchSize: 2 });
    for (let i = 0; i < 5; i++) q.send({ body: String(i) });
    await clock.advance(0);
    expect(calls.map((c) => c.event.Records.length)).toEqual([2, 2, 1]);
    await t.stop();
  });

  it('waits up to batchWindow to fill a batch', async () => {
    const { clock, q, calls, t } = setup({}, 3, () => undefined, { batchSize: 3, batchWindow: 2 });
    q.send({ body: 'a' });
    await clock.advance(1000);
    expect(calls).toHaveLength(0);
    q.send({ body: 'b' });
    await clock.advance(999);
    expect(calls).toHaveLength(0);
    await clock.advance(1);
    expect(calls.map((c) => c.event.Records.map((r: any) => r.body))).toEqual([['a', 'b']]);
    // a full batch goes at once
    for (const b of ['c', 'd', 'e']) q.send({ body: b });
    await clock.advance(0);
    expect(calls).toHaveLength(2);
    await t.stop();
  });

  it('retries a failed batch after the visibility timeout, then redrives to the DLQ', async () => {
    const { clock, trace, q, dlq, calls, t } = setup({ visibilityTimeoutSeconds: 5 }, 2, () => {
      throw new Error('boom');
    });
    const { messageId } = q.send({ body: 'poison' });
    await clock.advance(0);
    expect(calls).toHaveLength(1);
    await clock.advance(4999);
    expect(calls).toHaveLength(1);
    await clock.advance(1);
    expect(calls).toHaveLength(2);
    expect(calls[1]!.event.Records[0].attributes.ApproximateReceiveCount).toBe('2');
    await clock.advance(5000);
    expect(calls).toHaveLength(2);
    expect(dlq.receive().map((m) => m.messageId)).toEqual([messageId]);
    const retries = trace.recent.filter((e) => e.kind === 'queue' && e.action === 'retry');
    expect(retries).toHaveLength(2);
    expect(retries[0]).toMatchObject({ receiveCount: 1, maxReceives: 2, visibleInMs: 5000, error: { type: 'Error', message: 'boom' } });
    await t.stop();
  });

  it('traces each failed message with its own receive count', async () => {
    const { clock, trace, q, t } = setup({ visibilityTimeoutSeconds: 5 }, 5, () => {
      throw new Error('boom');
    });
    const a = q.send({ body: 'a' }).messageId;
    const b = q.send({ body: 'b', delaySeconds: 5 }).messageId;
    await clock.advance(0);
    await clock.advance(5000); // a (second receive) and b (first) fail together
    const retries = trace.recent.filter((e) => e.kind === 'queue' && e.action === 'retry').map((e) => (e.kind === 'queue' ? [e.messageIds, e.receiveCount] : []));
    expect(retries).toEqual([
      [[a], 1],
      [[a], 2],
      [[b], 1],
    ]);
    await t.stop();
  });

  it('keeps only the batchItemFailures for retry (partial batch response)', async () => {
    let round = 0;
    const { clock, q, calls, t } = setup({ visibilityTimeoutSeconds: 5 }, 5, (event) => {
      round++;
      const bad = event.Records.filter((r: any) => r.body === 'bad' && round === 1);
      return { batchItemFailures: bad.map((r: any) => ({ itemIdentifier: r.messageId })) };
    });
    for (const b of ['ok1', 'bad', 'ok2']) q.send({ body: b });
    await clock.advance(0);
    expect(calls[0]!.event.Records).toHaveLength(3);
    expect(q.counts()).toEqual({ visible: 0, inFlight: 1, delayed: 0 });
    await clock.advance(5000);
    expect(calls[1]!.event.Records.map((r: any) => r.body)).toEqual(['bad']);
    expect(q.counts()).toEqual({ visible: 0, inFlight: 0, delayed: 0 });
    await t.stop();
  });

  it('treats an unknown or empty itemIdentifier as a failure of the whole batch', () => {
    const batch = [{ messageId: 'a' }, { messageId: 'b' }] as any;
    const ok = (value: unknown) => ({ ok: true as const, value, requestId: 'r', ms: 1 });
    expect(failedItems(ok(null), batch)).toEqual(new Set());
    expect(failedItems(ok({ batchItemFailures: [] }), batch)).toEqual(new Set());
    expect(failedItems(ok({ batchItemFailures: [{ itemIdentifier: 'b' }] }), batch)).toEqual(new Set(['b']));
    expect(failedItems(ok({ batchItemFailures: [{ itemIdentifier: '' }] }), batch)).toBe('all');
    expect(failedItems(ok({ batchItemFailures: [{ itemIdentifier: 'zzz' }] }), batch)).toBe('all');
    expect(failedItems(ok({ batchItemFailures: [{ id: 'a' }] }), batch)).toBe('all');
    expect(failedItems({ ok: false, error: { errorType: 'E', errorMessage: 'm' }, requestId: 'r', ms: 1 }, batch)).toBe('all');
  });

  it('FIFO: a failed message blocks the rest of its group until it succeeds', async () => {
    let fail = true;
    const seen: string[] = [];
    const { clock, q, t } = setup({ fifo: true, contentBasedDeduplication: true, visibilityTimeoutSeconds: 5 }, 5, (event) => {
      const failures = [];
      let stop = false;
      for (const r of event.Records) {
        if (stop) {
          failures.push({ itemIdentifier: r.messageId });
          continue;
        }
        if (r.body === 'a1' && fail) {
          fail = false;
          stop = true;
          failures.push({ itemIdentifier: r.messageId });
          continue;
        }
        seen.push(r.body);
      }
      return { batchItemFailures: failures };
    }, { batchSize: 10 });
    for (const [g, b] of [['a', 'a1'], ['a', 'a2'], ['b', 'b1']] as const) q.send({ body: b, groupId: g });
    await clock.advance(0);
    expect(seen).toEqual([]);
    await clock.advance(5000);
    expect(seen).toEqual(['a1', 'a2', 'b1']);
    await t.stop();
  });
});
