// Schedules in the model: their expression and zone, window, dates, retry policy and target
// (its input parsed as the JSON text Scheduler delivers), each with its own dead-letter queue
// unless dlq: false.
import { logicalId, pascal } from '../../core/names.js';
import type { ScheduleModel } from '../../model/types.js';
import { durationSeconds } from '../../manifest/semantics.js';
import { parseDeep, parseValue } from '../../model/values.js';
import { implicitQueue } from '../queue/model.js';
import type { ModelContext } from '../types.js';
import { scheduleTargetKinds } from './checks.js';

const iso = (v: string | undefined) => (v === undefined ? undefined : new Date(v).toISOString().replace('.000Z', 'Z'));

export function modelSchedulerSchedules(c: ModelContext): void {
  for (const [name, s] of Object.entries(c.m.schedules ?? {})) {
    const path = ['schedules', name];
    const kind = scheduleTargetKinds.find((k) => s.target[k] !== undefined)!;
    const input = s.target.input ?? {};
    let dlq: string | undefined;
    if (s.dlq !== false) {
      dlq = `schedule:${name}:dlq`;
      c.implicitQueues.push(implicitQueue(dlq, `${pascal(name)}ScheduleDlq`, 'rule-dlq', path));
    }
    const model: ScheduleModel = {
      name,
      logicalId: logicalId('schedule', name),
      expression: s.expression.trim(),
      timezone: s.timezone ?? 'UTC',
      windowMinutes: s.window === undefined ? undefined : durationSeconds(s.window) / 60,
      start: iso(s.start),
      end: iso(s.end),
      enabled: s.enabled ?? true,
      description: s.description,
      target: {
        kind,
        name: s.target[kind]!,
        input: parseDeep(input),
        inputJson: parseValue(JSON.stringify(input)),
        detailType: s.target.detailType ?? 'Scheduled Event',
        source: s.target.source ?? 'eda.scheduler',
        path: [...path, 'target'],
      },
      maxRetries: s.retries?.maxRetries ?? 185,
      maxEventAgeSeconds: s.retries?.maxEventAge === undefined ? 86400 : durationSeconds(s.retries.maxEventAge),
      dlq,
      path,
    };
    c.app.schedules.push(model);
  }
}
