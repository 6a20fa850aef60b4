// EventBridge Scheduler schedules: valid rate()/cron()/at() expressions, an IANA time zone, a
// flexible window of whole minutes, start before end, a declared target it can deliver to.
import { closest } from '../../core/did-you-mean.js';
import { checkSchedulerExpression } from '../../core/scheduler-expression.js';
import { isTimeZone, timeZoneNames } from '../../core/timezone.js';
import type { SchedulerScheduleSpec } from '../../manifest/app.types.js';
import { durationSeconds } from '../../manifest/semantics.js';
import type { Path } from '../../manifest/source.js';
import type { CheckContext } from '../types.js';

export const scheduleTargetKinds = ['function', 'workflow', 'queue', 'topic', 'bus'] as const;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

export function checkSchedulerSchedules(c: CheckContext): void {
  for (const [name, s] of Object.entries(c.m.schedules ?? {})) {
    if (!s) continue;
    const base: Path = ['schedules', name];
    if (typeof s.expression === 'string') {
      const problem = checkSchedulerExpression(s.expression);
      if (problem) c.add({ path: [...base, 'expression'], offset: problem.offset, code: 'schedule-invalid', message: problem.message, hint: problem.hint });
    }
    if (typeof s.timezone === 'string' && !isTimeZone(s.timezone)) {
      const near = closest(s.timezone, timeZoneNames());
      c.add({ path: [...base, 'timezone'], code: 'schedule-timezone', message: `'${s.timezone}' is not an IANA time zone`, hint: near ? `did you mean '${near}'?` : 'write a name such as Europe/Paris, America/New_York or UTC' });
    }
    if (s.window !== undefined) {
      const seconds = durationSeconds(s.window);
      if (seconds % 60 !== 0 || seconds < 60 || seconds > 86400) c.add({ path: [...base, 'window'], code: 'schedule-window', message: 'a flexible time window is whole minutes from 1m to 24h', hint: 'e.g. window: 15m' });
    }
    checkDates(c, s, base);
    const age = s.retries?.maxEventAge;
    if (age !== undefined && (durationSeconds(age) < 60 || durationSeconds(age) > 86400)) {
      c.add({ path: [...base, 'retries', 'maxEventAge'], code: 'schedule-event-age', message: 'maxEventAge is from 60s to 24h', hint: 'e.g. maxEventAge: 1h' });
    }
    checkTarget(c, s, [...base, 'target']);
  }
}

function checkDates(c: CheckContext, s: SchedulerScheduleSpec, base: Path): void {
  const at = (key: 'start' | 'end'): number | undefined => {
    const v = s[key];
    if (typeof v !== 'string') return undefined;
    const t = ISO.test(v) ? Date.parse(v) : NaN;
    if (Number.isNaN(t)) c.add({ path: [...base, key], code: 'schedule-date', message: `'${v}' is not an ISO 8601 date-time with a zone`, hint: `write e.g. ${key}: 2025-01-01T00:00:00Z` });
    return Number.isNaN(t) ? undefined : t;
  };
  const start = at('start');
  const end = at('end');
  if (start !== undefined && end !== undefined && end <= start) {
    c.add({ path: [...base, 'end'], code: 'schedule-end', message: `the schedule ends (${s.end}) before it starts (${s.start})`, hint: 'end must be later than start' });
  }
}

function checkTarget(c: CheckContext, s: SchedulerScheduleSpec, path: Path): void {
  const t = s.target;
  if (!t || typeof t !== 'object') return;
  const kind = c.oneKind(t as Record<string, unknown>, scheduleTargetKinds, path, 'a target');
  if (!kind) return;
  if (!(kind === 'bus' && t.bus === 'default')) c.ref(kind, t[kind], [...path, kind]);
  if (kind === 'topic' && c.m.topics?.[t.topic!]?.fifo) c.add({ path: [...path, 'topic'], code: 'target-fifo-topic', message: 'EventBridge Scheduler cannot publish to FIFO topics', hint: 'target a FIFO queue, or a standard topic' });
  for (const key of ['detailType', 'source'] as const) {
    if (t[key] !== undefined && kind !== 'bus') c.add({ path: [...path, key], at: 'key', code: 'target-key', message: `'${key}' applies to bus targets only` });
  }
  if (typeof t.source === 'string' && t.source.startsWith('aws.')) c.add({ path: [...path, 'source'], code: 'target-source', message: `sources starting with 'aws.' are reserved for AWS services`, hint: 'e.g. source: my.app.scheduler' });
}
