// EventBridge Scheduler under eda/testing's virtual clock: a cron in a time zone across the
// daylight-saving change, and a one-time at() schedule that fires once. settle() runs the one-time
// schedule (work due within its bound, and the recurring firings before it); advance() the rest.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type Hop, type TestApp } from '../../src/testing/index.js';

let app: TestApp;
beforeAll(async () => {
  app = await startApp({ cwd: path.join(import.meta.dirname, 'fixtures', 'scheduler'), clock: 'virtual', startTime: '2026-03-28T12:00:00Z' });
});
afterAll(async () => {
  await app?.stop();
});

describe('Scheduler schedules in virtual time', () => {
  it('fires each at its time in its zone, the one-time schedule once', async () => {
    const report = await app.settle();
    expect(report.idle).toBe(true);
    const fired = () => app.trace.filter((h) => h.kind === 'schedule').map((h) => `${(h as { schedule: string }).schedule} ${h.time}`);
    // Paris is UTC+1 until 02:00 on 29 March 2026, then UTC+2: 09:00 there is 07:00Z from then on
    expect(fired()).toEqual(['morning 2026-03-29T07:00:00.000Z', 'once 2026-03-29T08:00:00.000Z']);
    await app.advance('3d');
    expect(fired()).toEqual(['morning 2026-03-29T07:00:00.000Z', 'once 2026-03-29T08:00:00.000Z', 'morning 2026-03-30T07:00:00.000Z', 'morning 2026-03-31T07:00:00.000Z', 'morning 2026-04-01T07:00:00.000Z']);
    expect(app.trace.filter((h) => h.kind === 'invoke' && h.ok)).toHaveLength(5);
    expect(app.errors).toEqual([]);
  });
});
