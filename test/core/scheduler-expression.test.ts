// EventBridge Scheduler's expressions: at() validation, and firing times in a time zone across
// daylight-saving changes.
import { describe, expect, it } from 'vitest';
import { checkSchedulerExpression, nextSchedulerFire } from '../../src/core/scheduler-expression.js';
import { isTimeZone } from '../../src/core/timezone.js';

const iso = (n?: number) => (n === undefined ? undefined : new Date(n).toISOString());

describe('checkSchedulerExpression', () => {
  it('accepts rate, cron and at', () => {
    for (const e of ['rate(5 minutes)', 'cron(0 9 ? * MON-FRI *)', 'at(2025-12-31T23:59:00)']) expect(checkSchedulerExpression(e)).toBeUndefined();
  });
  it('refuses malformed and impossible at() times', () => {
    for (const e of ['at(2025-12-31 23:59)', 'at(2025-02-30T10:00:00)', 'at(2025-01-01T24:00:00)']) expect(checkSchedulerExpression(e)?.message).toContain('not a valid one-time schedule');
  });
  it('refuses what EventBridge refuses, with a hint naming at()', () => {
    expect(checkSchedulerExpression('every day')?.hint).toContain('at(');
    expect(checkSchedulerExpression('cron(0 9 * * * *)')?.message).toBeDefined();
  });
});

describe('isTimeZone', () => {
  it('knows IANA names and refuses others', () => {
    expect(isTimeZone('Europe/Paris')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Europe/Pariss')).toBe(false);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});

describe('nextSchedulerFire', () => {
  it('fires cron() at the wall-clock time of its zone, across the spring-forward change', () => {
    let t = Date.UTC(2025, 2, 29, 0, 0);
    const fires: (string | undefined)[] = [];
    for (let i = 0; i < 3; i++) fires.push(iso((t = nextSchedulerFire('cron(0 9 * * ? *)', 'Europe/Paris', t, t)!)));
    expect(fires).toEqual(['2025-03-29T08:00:00.000Z', '2025-03-30T07:00:00.000Z', '2025-03-31T07:00:00.000Z']);
  });

  it('skips a wall time the clocks jump over, and runs a repeated one once, as Scheduler does', () => {
    expect(iso(nextSchedulerFire('cron(30 2 * * ? *)', 'Europe/Paris', Date.UTC(2025, 2, 29, 12), 0))).toBe('2025-03-31T00:30:00.000Z');
    const first = nextSchedulerFire('cron(30 2 * * ? *)', 'Europe/Paris', Date.UTC(2025, 9, 25, 12), 0)!;
    expect(iso(first)).toBe('2025-10-26T00:30:00.000Z');
    expect(iso(nextSchedulerFire('cron(30 2 * * ? *)', 'Europe/Paris', first, 0))).toBe('2025-10-27T01:30:00.000Z');
  });

  it('fires at() once, in its zone', () => {
    const at = nextSchedulerFire('at(2025-06-01T12:00:00)', 'America/New_York', 0, 0);
    expect(iso(at)).toBe('2025-06-01T16:00:00.000Z');
    expect(nextSchedulerFire('at(2025-06-01T12:00:00)', 'America/New_York', at!, 0)).toBeUndefined();
  });

  it('fires rate() at its start, then every period', () => {
    expect(nextSchedulerFire('rate(10 minutes)', 'Asia/Tokyo', 999, 1_000)).toBe(1_000);
    expect(nextSchedulerFire('rate(10 minutes)', 'Asia/Tokyo', 1_000, 1_000)).toBe(1_000 + 10 * 60_000);
    expect(nextSchedulerFire('rate(10 minutes)', 'Asia/Tokyo', 1_000 + 25 * 60_000, 1_000)).toBe(1_000 + 30 * 60_000);
  });
});
