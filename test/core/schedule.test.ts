// One reader of EventBridge schedule expressions for validate and eda dev: AWS's documented
// examples are accepted and fire when AWS says; what EventBridge refuses is refused.
import { describe, expect, it } from 'vitest';
import { checkSchedule, nextCron, nextFire, parseCron } from '../../src/core/schedule.js';

const utc = (s: string) => Date.parse(s);
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

describe('AWS cron', () => {
  const fires: [string, string, string][] = [
    ['cron(0 10 ? * 6L *)', '2025-01-01T00:00:00Z', '2025-01-31T10:00:00.000Z'], // last Friday
    ['cron(0 8 ? * 2#1 *)', '2025-01-01T00:00:00Z', '2025-01-06T08:00:00.000Z'], // first Monday
    ['cron(0 9 15W * ? *)', '2025-03-01T00:00:00Z', '2025-03-14T09:00:00.000Z'], // 15 Mar 2025 is a Saturday
    ['cron(0 9 1W * ? *)', '2025-03-01T00:00:00Z', '2025-03-03T09:00:00.000Z'], // 1 Mar is a Saturday: not into February
    ['cron(0 12 LW * ? *)', '2025-08-01T00:00:00Z', '2025-08-29T12:00:00.000Z'], // 31 Aug 2025 is a Sunday
    ['cron(0 12 L-2 * ? *)', '2025-02-01T00:00:00Z', '2025-02-26T12:00:00.000Z'],
    ['cron(0/15 * * * ? *)', '2025-01-01T00:00:00Z', '2025-01-01T00:15:00.000Z'],
    ['cron(0/10 * ? * MON-FRI *)', '2025-01-04T00:00:00Z', '2025-01-06T00:00:00.000Z'],
    ['cron(15 10 ? * 6L 2022-2032)', '2025-01-01T00:00:00Z', '2025-01-31T10:15:00.000Z'],
    ['cron(0 18 ? * MON-FRI *)', '2025-01-04T00:00:00Z', '2025-01-06T18:00:00.000Z'],
    ['cron(0 0 ? * L *)', '2025-01-01T00:00:00Z', '2025-01-04T00:00:00.000Z'], // day-of-week L: Saturday
    ['cron(0 0 ? * FRI-MON *)', '2025-01-01T00:00:00Z', '2025-01-03T00:00:00.000Z'], // a range that wraps
  ];
  for (const [expression, after, next] of fires) {
    it(`${expression} is valid and fires next at ${next}`, () => {
      expect(checkSchedule(expression)).toBeUndefined();
      expect(iso(nextCron(parseCron(expression), utc(after)))).toBe(next);
    });
  }

  const refused: [string, RegExp][] = [
    ['cron(0 12 * * * *)', /needs \? in either day-of-month or day-of-week/],
    ['cron(0 12 ? * ? *)', /cannot have \? in both/],
    ['cron(0 12 * *)', /has 4 fields; EventBridge cron has 6/],
    ['cron(60 12 * * ? *)', /minutes field '60': 60 is outside 0-59/],
    ['cron(0 12 ? * 8 *)', /day-of-week field '8'/],
    ['cron(0 12 ? * 2#6 *)', /day-of-week field '2#6'/],
    ['cron(0 12 * * ? 1969)', /year field '1969'/],
    ['cron(0 12 * ? * *)', /month field '\?': \? is only allowed in day-of-month and day-of-week/],
    ['cron(0/0 12 * * ? *)', /'0' is not a step/],
    ['rate(1 minutes)', /must use the singular unit/],
    ['every day', /is not a schedule expression/],
  ];
  for (const [expression, message] of refused) {
    it(`refuses ${expression}`, () => {
      expect(checkSchedule(expression)?.message).toMatch(message);
      if (expression.startsWith('cron(')) expect(() => parseCron(expression)).toThrow(message);
    });
  }

  it('points at the field in error', () => expect(checkSchedule('cron(0 99 * * ? *)')?.offset).toBe('cron(0 '.length));

  it('rate fires every interval from the start', () => {
    const since = utc('2025-01-01T00:00:00Z');
    expect(iso(nextFire('rate(1 hour)', since, since))).toBe('2025-01-01T01:00:00.000Z');
    expect(iso(nextFire('cron(0 12 * * ? *)', since, since))).toBe('2025-01-01T12:00:00.000Z');
  });
});
