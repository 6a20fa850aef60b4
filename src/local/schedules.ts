// EventBridge Scheduler in eda dev: each enabled schedule fires on time in its time zone
// (rate() fires one period after its start, cron() and at() are wall-clock times in the zone; a flexible
// window fires at its start), between its start and end dates; at() fires once. Each firing
// delivers the schedule's input to its target; a delivery that fails goes to its DLQ with
// Scheduler's error attributes.
import { nextSchedulerFire } from '../core/scheduler-expression.js';
import type { App, ScheduleModel } from '../model/types.js';
import type { Addresses } from './addresses.js';
import type { TargetSinks } from './bus.js';
import type { Timer, TimerClock } from './clock.js';
import { eventBridgeEvent } from './payloads.js';
import type { ErrorInfo, Trace } from './trace.js';

export interface SchedulesDeps {
  app: App;
  addresses: Addresses;
  trace: Trace;
  clock: TimerClock;
  sinks: Omit<TargetSinks, 'deadLetter'>;
  /** Sends to a queue of the app (a schedule's DLQ). */
  deadLetter(queue: string, body: string, attributes: Record<string, string>): void;
}

export class LocalSchedules {
  private timers = new Map<string, Timer>();
  private stopped = false;

  constructor(private readonly deps: SchedulesDeps) {}

  /** Arms every enabled schedule. */
  start(): void {
    const now = this.deps.clock.now();
    for (const s of this.deps.app.schedules) {
      if (!s.enabled) continue;
      const since = s.start ? Math.max(Date.parse(s.start), now) : now;
      this.arm(s, since, since);
    }
  }

  /** When each schedule fires next (undefined: never again). */
  nextFirings(): Record<string, number | undefined> {
    const now = this.deps.clock.now();
    return Object.fromEntries(this.deps.app.schedules.map((s) => [s.name, this.next(s, now, s.start ? Math.max(Date.parse(s.start), now) : now)]));
  }

  private next(s: ScheduleModel, after: number, since: number): number | undefined {
    const at = nextSchedulerFire(s.expression, s.timezone, Math.max(after, since), since);
    if (at === undefined || (s.end && at >= Date.parse(s.end))) return undefined;
    return at;
  }

  private arm(s: ScheduleModel, after: number, since: number): void {
    if (this.stopped) return;
    let at: number | undefined;
    try {
      at = this.next(s, after, since);
    } catch (error) {
      this.deps.trace.emit({ kind: 'warn', message: `schedule ${s.name}: ${(error as Error).message}` });
      return;
    }
    if (at === undefined) return;
    const delay = Math.min(at - this.deps.clock.now(), 2 ** 31 - 1);
    this.timers.set(
      s.name,
      this.deps.clock.after(delay, () => {
        if (this.deps.clock.now() < at) return this.arm(s, after, since); // a very long wait, re-armed
        this.fire(s, at);
        this.arm(s, at, since);
      }),
    );
  }

  /** Delivers the schedule's input to its target now (also used by tests). */
  fire(s: ScheduleModel, at: number): void {
    const { addresses, sinks, trace } = this.deps;
    const input = addresses.resolveDeep(s.target.input);
    const text = JSON.stringify(input);
    const target = `${s.target.kind} ${s.target.name}`;
    const fail = (error: unknown) => {
      const info: ErrorInfo = { type: (error as { code?: string }).code ?? (error as Error).name ?? 'Error', message: (error as Error).message ?? String(error) };
      trace.emit({ kind: 'schedule', schedule: s.name, target, expression: s.expression, ok: false, error: info, dlq: s.dlq });
      if (s.dlq) {
        this.deps.deadLetter(s.dlq, text, {
          ERROR_CODE: info.type,
          ERROR_MESSAGE: info.message.slice(0, 1000),
          EXHAUSTED_RETRY_CONDITION: 'MaximumRetryAttempts',
          RETRY_ATTEMPTS: '0',
          SCHEDULE_ARN: `arn:aws:scheduler:${addresses.region}:${addresses.account}:schedule/${addresses.stackName}/${s.name}`,
          TARGET_ARN: `${s.target.kind}:${s.target.name}`,
        });
      }
    };
    trace.emit({ kind: 'schedule', schedule: s.name, target, expression: s.expression, ok: true });
    try {
      switch (s.target.kind) {
        case 'function':
          sinks.function(s.target.name, input, `schedule ${s.name}`);
          break;
        case 'queue':
          sinks.queue(s.target.name, text, s.name);
          break;
        case 'topic':
          sinks.topic(s.target.name, text);
          break;
        case 'workflow':
          sinks.workflow(s.target.name, input).catch(fail);
          break;
        case 'bus':
          sinks.bus(s.target.name, eventBridgeEvent({ source: s.target.source, detailType: s.target.detailType, detail: input, region: addresses.region, time: at }));
          break;
      }
    } catch (error) {
      fail(error);
    }
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers.values()) t.cancel();
    this.timers.clear();
  }
}
