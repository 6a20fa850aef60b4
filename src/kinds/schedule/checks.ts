// Schedules: rate(...) and cron(...) expressions, on schedule triggers and scheduled rules.
import type { Problem } from '../../manifest/problems.js';
import { checkSchedule } from '../../core/schedule.js';
import type { Path } from '../../manifest/source.js';
import type { CheckContext } from '../types.js';

export function checkSchedules(c: CheckContext): void {
  for (const { trigger: t, path } of c.triggers('schedule')) checkScheduleAt(t.schedule, [...path, 'schedule'], c.add);
}

export function checkScheduleAt(expression: unknown, path: Path, add: (p: Problem) => void): void {
  if (typeof expression !== 'string') return;
  const problem = checkSchedule(expression);
  if (problem) add({ path, offset: problem.offset, code: 'schedule-invalid', message: problem.message, hint: problem.hint });
}
