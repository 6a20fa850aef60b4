import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/local/clock.js';
import { streamRecord, type StreamRecord } from '../../src/local/payloads.js';
import { StreamTrigger } from '../../src/local/stream-triggers.js';
import { Trace } from '../../src/local/trace.js';
import { fakeFunctions } from './helpers.js';

let seq = 100;
const record = (id: string, eventName: StreamRecord['eventName'] = 'INSERT'): StreamRecord =>
  streamRecord({
    eventName,
    keys: { id: { S: id } },
    newImage: { id: { S: id } },
    viewType: 'NEW_AND_OLD_IMAGES',
    sequenceNumber: String(++seq),
    streamArn: 'arn:aws:dynamodb:eu-west-1:000000000000:table/shop-dev-orders/stream/x',
    region: 'eu-west-1',
    time: Date.UTC(2025, 0, 1),
  });

function setup(handler: (event: any) => unknown, opts: { batchSize?: number; batchWindow?: number; maxRetries?: number } = {}) {
  const clock = new ManualClock();
  const trace = new Trace(() => clock.now());
  const { functions, calls } = fakeFunctions({ onOrder: handler });
  const discarded: unknown[] = [];
  const trigger = new StreamTrigger({
    table: 'orders',
    streamArn: 'arn:stream',
    function: 'onOrder',
    batchSize: opts.batchSize ?? 10,
    batchWindow: opts.batchWindow,
    maxRetries: opts.maxRetries ?? 2,
    functions,
    clock,
    trace,
    onDiscard: (info) => (discarded.push(info), 'function:onOrder:dlq'),
    retryDelayMs: () => 1000,
  });
  return { clock, trace, calls, trigger, discarded };
}

describe('DynamoDB stream → function', () => {
  it('delivers records in order, in batches', async () => {
    const { clock, calls, trigger } = setup(() => undefined, { batchSize: 2 });
    for (const id of ['a', 'b', 'c']) trigger.push(record(id));
    await clock.advance(0);
    expect(calls.map((c) => c.event.Records.map((r: StreamRecord) => r.dynamodb.Keys.id!.S))).toEqual([['a', 'b'], ['c']]);
    await trigger.stop();
  });

  it('waits up to batchWindow for a fuller batch', async () => {
    const { clock, calls, trigger } = setup(() => undefined, { batchSize: 5, batchWindow: 2 });
    trigger.push(record('a'));
    await clock.advance(1500);
    trigger.push(record('b'));
    expect(calls).toHaveLength(0);
    await clock.advance(500);
    expect(calls.map((c) => c.event.Records.length)).toEqual([2]);
    await trigger.stop();
  });

  it('blocks the shard and retries a failing batch, then describes it to the failure queue and moves on', async () => {
    let attempts = 0;
    const { clock, calls, trigger, discarded, trace } = setup((event) => {
      if (event.Records[0].dynamodb.Keys.id.S === 'bad') {
        attempts++;
        throw new Error('cannot');
      }
    }, { batchSize: 1, maxRetries: 2 });
    trigger.push(record('bad'));
    trigger.push(record('next'));
    await clock.advance(0);
    await clock.advance(1000);
    await clock.advance(1000);
    expect(attempts).toBe(3);
    expect(calls.at(-1)!.event.Records[0].dynamodb.Keys.id.S).toBe('next');
    expect(discarded).toHaveLength(1);
    expect(discarded[0]).toMatchObject({ requestContext: { condition: 'RetryAttemptsExhausted', approximateInvokeCount: 3 }, DDBStreamBatchInfo: { batchSize: 1, streamArn: 'arn:stream' } });
    expect(trace.recent.filter((e) => e.kind === 'stream' && e.action === 'retry')).toHaveLength(2);
    await trigger.stop();
  });

  it('splits a throwing batch in half until the failing record is alone (BisectBatchOnFunctionError)', async () => {
    const { clock, calls, trigger, discarded } = setup((event) => {
      if (event.Records.some((r: StreamRecord) => r.dynamodb.Keys.id!.S === 'c')) throw new Error('c is bad');
    }, { batchSize: 4, maxRetries: 1 });
    for (const id of ['a', 'b', 'c', 'd']) trigger.push(record(id));
    await clock.advance(0);
    await clock.advance(1000);
    const batches = calls.map((c) => c.event.Records.map((r: StreamRecord) => r.dynamodb.Keys.id!.S).join(''));
    expect(batches).toEqual(['abcd', 'ab', 'cd', 'c', 'c', 'd']);
    expect(discarded).toHaveLength(1);
    await trigger.stop();
  });

  it('resumes from the first reported batchItemFailure', async () => {
    let first = true;
    const { clock, calls, trigger } = setup((event) => {
      if (!first) return undefined;
      first = false;
      return { batchItemFailures: [{ itemIdentifier: event.Records[1].dynamodb.SequenceNumber }] };
    });
    for (const id of ['a', 'b', 'c']) trigger.push(record(id));
    await clock.advance(0);
    await clock.advance(1000);
    expect(calls.map((c) => c.event.Records.map((r: StreamRecord) => r.dynamodb.Keys.id!.S))).toEqual([['a', 'b', 'c'], ['b', 'c']]);
    await trigger.stop();
  });
});
