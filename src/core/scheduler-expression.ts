// EventBridge Scheduler's schedule expressions: rate(...) and cron(...) as EventBridge reads
// them (core/schedule.ts), plus the one-time at(yyyy-mm-ddThh:mm:ss); cron() and at() are read
// in the schedule's time zone. validate checks them (checkSchedulerExpression), eda dev asks
// when they fire next (nextSchedulerFire).
import { checkSchedule, nextCron, parseCron, rateMs, type ScheduleProblem } from './schedule.js';
import { fromWall, toWall } from './timezone.js';

const AT = /^at\((\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\)$/;

/** The wall-clock time of at(...) as UTC fields, or undefined when the text is not a valid at(). */
export function atWall(expression: string): number | undefined {
  const m = AT.exec(expression.trim());
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(wall);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return undefined;
  return wall;
}

/** Why an expression is not one EventBridge Scheduler accepts, or undefined when it is. */
export function checkSchedulerExpression(expression: string): ScheduleProblem | undefined {
  if (expression.startsWith('at(')) {
    if (atWall(expression) !== undefined) return undefined;
    return { message: `'${expression}' is not a valid one-time schedule`, hint: 'write at(yyyy-mm-ddThh:mm:ss), e.g. at(2025-12-31T23:59:00), in the schedule\'s timezone', offset: 0 };
  }
  const problem = checkSchedule(expression);
  if (problem && problem.offset === 0 && !/^(rate|cron)\(/.test(expression)) {
    return { ...problem, hint: 'write rate(5 minutes), cron(0 9 ? * MON-FRI *) (six fields) or at(2025-12-31T23:59:00) (once)' };
  }
  return problem;
}

/** True for a one-time at(...) schedule. */
export const isOneTime = (expression: string): boolean => expression.trim().startsWith('at(');

/**
 * The first firing strictly after `after` (ms) of a schedule in `zone` that started at `since`,
 * or undefined when it fires no more. rate() fires at `since` and every period after it (as
 * Scheduler starts a rate schedule at its start date); cron() and at() are wall-clock times in
 * the zone, and a cron time that daylight saving skips does not fire that day.
 */
export function nextSchedulerFire(expression: string, zone: string, after: number, since: number): number | undefined {
  const at = atWall(expression);
  if (at !== undefined) {
    const instant = fromWall(at, zone);
    return instant > after ? instant : undefined;
  }
  const rate = rateMs(expression);
  if (rate !== undefined) return after < since ? since : since + (Math.floor((after - since) / rate) + 1) * rate;
  const cron = parseCron(expression);
  let wall = toWall(after, zone);
  for (let guard = 0; guard < 1000; guard++) {
    const next = nextCron(cron, wall);
    if (next === undefined) return undefined;
    const instant = fromWall(next, zone);
    // Scheduler skips a time the clocks jump over (spring forward); a repeated one runs once
    if (instant > after && toWall(instant, zone) === next) return instant;
    wall = next;
  }
  return undefined;
}
