// eda/testing against a small app with every kind of wait (test/testing/fixtures/flows): each
// timer kind under the virtual clock, settle() with work still pending, mocks, failures.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type Hop, type TestApp } from '../../src/testing/index.js';

const cwd = path.join(import.meta.dirname, 'fixtures', 'flows');
const hopsOf = <K extends Hop['kind']>(app: TestApp, kind: K, since = 0) => app.trace.slice(since).filter((h): h is Extract<Hop, { kind: K }> => h.kind === kind);

let app: TestApp;
beforeAll(async () => {
  app = await startApp({ cwd, clock: 'virtual' });
});
afterAll(async () => {
  await app?.stop();
});

describe('virtual time', () => {
  it('an HTTP request flows through a queue with a 20-second batch window into a table', async () => {
    const from = app.now().getTime();
    const res = await app.http('POST', '/jobs', { body: { id: 'j1' } });
    expect(res).toMatchObject({ status: 202, body: { accepted: 'j1' } });
    const report = await app.settle();
    expect(report.idle).toBe(true);
    expect(await app.table('results').get({ id: 'j1' })).toEqual({ id: 'j1', done: true, batch: 1 });
    const deliver = hopsOf(app, 'queue').find((h) => h.queue === 'jobs' && h.action === 'deliver')!;
    expect(Date.parse(deliver.time) - from).toBe(20_000);
  });

  it('the batch window gathers messages sent together into one batch', async () => {
    const since = app.trace.length;
    for (const id of ['b1', 'b2', 'b3']) await app.send('jobs', { id });
    await app.settle();
    const invokes = hopsOf(app, 'invoke', since).filter((h) => h.function === 'work');
    expect(invokes).toHaveLength(1);
    expect(await app.table('results').get({ id: 'b3' })).toMatchObject({ batch: 3 });
  });

  it('a message published to a topic reaches the queue its filter policy lets it into', async () => {
    await app.publish('alerts', { id: 'p1' }, { attributes: { type: 'job' } });
    await app.publish('alerts', { id: 'p2' }, { attributes: { type: 'other' } });
    await app.settle();
    expect(await app.table('results').get({ id: 'p1' })).toMatchObject({ done: true });
    expect(await app.table('results').get({ id: 'p2' })).toBeUndefined();
    expect(app.trace).toContainEqual(expect.objectContaining({ kind: 'topic', topic: 'alerts', action: 'filtered' }));
  });

  it('a delayed message becomes visible after its delay (queue delay: 600)', async () => {
    await app.send('later', 'hello');
    expect(app.queue('later').messages).toMatchObject([{ body: 'hello', state: 'delayed' }]);
    await app.advance('9m');
    expect(app.queue('later').messages[0]!.state).toBe('delayed');
    await app.advance('1m');
    expect(app.queue('later').messages[0]!.state).toBe('visible');
  });

  it('a poison message is received 3 times, 5 minutes apart, then moves to the DLQ', async () => {
    const since = app.trace.length;
    const sent = app.now().getTime();
    const wall = performance.now();
    const id = await app.send('poison', 'not a job');
    const report = await app.settle();
    expect(performance.now() - wall).toBeLessThan(5000);
    expect(report.idle).toBe(true);
    const q = app.queue('poison');
    expect(q.messages).toEqual([]);
    expect(q.dlq.messages).toMatchObject([{ messageId: id, body: 'not a job', receiveCount: 3 }]);
    const delivers = hopsOf(app, 'queue', since).filter((h) => h.queue === 'poison' && h.action === 'deliver');
    expect(delivers.map((h) => Date.parse(h.time) - sent)).toEqual([0, 300_000, 600_000]);
    expect(hopsOf(app, 'queue', since).find((h) => h.action === 'dlq')).toMatchObject({ receiveCount: 3 });
  });

  it("a failed async invocation is retried after 1 and 2 minutes, then goes to the function's failure queue", async () => {
    const since = app.trace.length;
    const put = app.now().getTime();
    await app.putEvent({ bus: 'app', source: 'test', detailType: 'Ping', detail: { n: 1 } });
    await app.settle();
    const attempts = hopsOf(app, 'invoke', since).filter((h) => h.function === 'flaky');
    expect(attempts.map((h) => Date.parse(h.time) - put)).toEqual([0, 60_000, 180_000]);
    expect(hopsOf(app, 'async', since).at(-1)).toMatchObject({ action: 'failed', attempt: 3 });
    expect(hopsOf(app, 'async', since).at(-1)!.to).toBe('queue function:flaky:dlq');
    const dlq = app.queue('function:flaky:dlq').messages;
    expect(dlq.at(-1)!.data).toMatchObject({ requestContext: { condition: 'RetriesExhausted', approximateInvokeCount: 3 }, requestPayload: { detail: { n: 1 } } });
    expect(app.errors.filter((e) => e.kind === 'async')).toHaveLength(1);
  });

  it('a stream batch waits out its 10-second batch window; a failing one is retried with backoff, then discarded to the failure queue', async () => {
    const since = app.trace.length;
    const put = app.now().getTime();
    await app.table('changes').put({ id: 'c1' });
    await app.settle();
    const first = hopsOf(app, 'invoke', since).filter((h) => h.function === 'onChange');
    expect(first.map((h) => [h.ok, Date.parse(h.time) - put])).toEqual([[true, 10_000]]);

    const bad = app.trace.length;
    await app.table('changes').put({ id: 'c2', bad: true });
    await app.settle();
    const stream = hopsOf(app, 'stream', bad);
    expect(stream.map((h) => h.action)).toEqual(['deliver', 'retry', 'deliver', 'retry', 'deliver', 'discard']);
    const times = hopsOf(app, 'invoke', bad).filter((h) => h.function === 'onChange').map((h) => Date.parse(h.time));
    expect(times.slice(1).map((t, i) => t - times[i]!)).toEqual([500, 1000]);
    expect(app.queue('function:onChange:dlq').messages.at(-1)!.data).toMatchObject({ requestContext: { condition: 'RetryAttemptsExhausted' }, DDBStreamBatchInfo: { batchSize: 1 } });
    expect(app.errors.filter((e) => e.kind === 'stream')).toHaveLength(1);
  });

  it('a Wait state of an hour and Retry intervals pass in virtual time', async () => {
    const wait = await app.startWorkflow('wait-an-hour', {});
    const retrying = await app.startWorkflow('retrying', {});
    await app.settle();
    const runs = app.workflow('wait-an-hour').executions;
    const done = runs.find((e) => e.name === wait)!;
    expect(done).toMatchObject({ status: 'SUCCEEDED', states: ['Wait', 'Done'] });
    expect(Date.parse(done.stopDate!) - Date.parse(done.startDate)).toBe(3_600_000);
    const failed = app.workflow('retrying').executions.find((e) => e.name === retrying)!;
    expect(failed).toMatchObject({ status: 'FAILED', error: 'Error', states: ['Step'] });
    expect(Date.parse(failed.stopDate!) - Date.parse(failed.startDate)).toBe(180_000);
    const retries = hopsOf(app, 'state').filter((h) => h.execution === retrying && h.action === 'retry');
    expect(retries.map((h) => h.delayMs)).toEqual([60_000, 120_000]);
  });

  it('schedules fire as the clock moves: rate(1 hour) 25 times in 25 hours, cron(0 2 * * ? *) at each 02:00 UTC', async () => {
    const results = app.table('results');
    const before = { hourly: (await results.get({ id: 'hourly' }))?.ticks ?? 0, nightly: (await results.get({ id: 'nightly' }))?.ticks ?? 0 };
    // settle() never runs schedules on its own; advance() does
    await app.settle();
    const hourStart = app.now().getTime();
    await app.advance('25h');
    expect(app.now().getTime() - hourStart).toBe(25 * 3_600_000);
    const after = { hourly: (await results.get({ id: 'hourly' }))!.ticks, nightly: (await results.get({ id: 'nightly' }))!.ticks };
    expect((after.hourly as number) - (before.hourly as number)).toBe(25);
    let twoAm = 0;
    for (let day = Math.floor(hourStart / 86_400_000); day <= Math.floor((hourStart + 25 * 3_600_000) / 86_400_000); day++) {
      const t = day * 86_400_000 + 2 * 3_600_000;
      if (t > hourStart && t <= hourStart + 25 * 3_600_000) twoAm++;
    }
    expect(twoAm).toBeGreaterThanOrEqual(1);
    expect((after.nightly as number) - (before.nightly as number)).toBe(twoAm);
    const nightly = hopsOf(app, 'rule').filter((h) => h.rule === 'nightly');
    expect(nightly.at(-1)!.time).toMatch(/T02:00:00\.000Z$/);
  });
});

describe("the handlers' Date", () => {
  it('reads the app clock: a handler invoked after advancing a day sees that day', async () => {
    await app.advance('1d');
    const expected = app.now().getTime();
    const r = await app.invoke('clock', {});
    const value = r.value as { now: string; nowMs: number; isDate: boolean; parsed: number };
    expect(Math.abs(value.nowMs - expected)).toBeLessThan(5_000);
    expect(Math.abs(Date.parse(value.now) - expected)).toBeLessThan(5_000);
    expect(value).toMatchObject({ isDate: true, parsed: Date.parse('2030-01-01T00:00:00Z') });
  });
});

describe('settle() reports what is still pending', () => {
  it('a message waiting out its visibility timeout and a workflow in a Wait state', async () => {
    await app.send('poison', 'again');
    const wf = await app.startWorkflow('wait-an-hour', {});
    const report = await app.settle({ within: '2m' });
    expect(report.idle).toBe(false);
    expect(report.elapsedMs).toBeLessThanOrEqual(120_000);
    expect(report.pending).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'queue', queue: 'poison', inFlight: 1 }),
        expect.objectContaining({ kind: 'workflow', workflow: 'wait-an-hour', execution: wf, status: 'RUNNING' }),
        expect.objectContaining({ kind: 'timer', what: 'queue poison: a message becomes visible', inMs: expect.any(Number) }),
      ]),
    );
    expect((await app.settle()).idle).toBe(true);
  });
});

describe('mocks', () => {
  it('a mocked handler replaces the real one until unmocked', async () => {
    const seen: unknown[] = [];
    app.mock('poison', async (event) => {
      seen.push(event.Records[0].body);
      return {};
    });
    await app.send('poison', 'fine now');
    await app.settle();
    expect(seen).toEqual(['fine now']);
    expect(app.queue('poison').messages).toEqual([]);
    app.unmock('poison');
    const before = app.queue('poison').dlq.messages.length;
    await app.send('poison', 'poison again');
    await app.settle();
    expect(app.queue('poison').dlq.messages).toHaveLength(before + 1);
  });

  it('a mock that throws fails the invocation as the handler would', async () => {
    app.mock('step', () => {
      throw new TypeError('mocked failure');
    });
    const r = await app.invoke('step', {});
    expect(r).toMatchObject({ ok: false, error: { errorType: 'TypeError', errorMessage: 'mocked failure' } });
    app.unmock();
  });

  it('an unknown name is refused with a suggestion', () => {
    expect(() => app.mock('poisn', () => ({}))).toThrow(/no function 'poisn'.*did you mean 'poison'/);
    expect(() => app.queue('jbos')).toThrow(/did you mean 'jobs'/);
  });
});

describe("recipe: a rule's pattern against sample events", () => {
  it.each([
    ['its source', 'test', true],
    ['another source', 'elsewhere', false],
  ])('flaky-rule and an event from %s', async (_, source, matches) => {
    app.mock('flaky', () => ({}));
    try {
      const since = app.trace.length;
      await app.putEvent({ bus: 'app', source: source as string, detailType: 'Sample', detail: { n: 2 } });
      const fired = app.trace.slice(since).flatMap((h) => (h.kind === 'rule' ? [h.rule] : []));
      expect(fired.includes('flaky-rule')).toBe(matches);
    } finally {
      app.unmock();
    }
  });
});

describe('failures never crash the test', () => {
  it('a handler that never returns times out (Sandbox.Timedout) after its timeout of wall time', async () => {
    const wall = performance.now();
    const r = await app.invoke('hang', {});
    expect(performance.now() - wall).toBeGreaterThanOrEqual(1900);
    expect(r).toMatchObject({ ok: false, error: { errorType: 'Sandbox.Timedout' } });
    expect(app.errors.at(-1)).toMatchObject({ kind: 'invoke', source: 'hang', error: { type: 'Sandbox.Timedout' } });
  });

  it('an unhandled rejection fails the invocation and is listed in app.errors', async () => {
    const r = await app.invoke('reject', {});
    expect(r).toMatchObject({ ok: false, error: { errorType: 'Runtime.UnhandledPromiseRejection' } });
    expect(app.errors.map((e) => e.kind)).toContain('crash');
  });
});
