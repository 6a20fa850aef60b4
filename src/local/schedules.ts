// EventBridge Scheduler in eda dev: each enabled schedule fires on time in its time zone, as
// Scheduler does: rate() first at its start date (at once without one), then every period;
// cron() and at() at wall-clock times in the zone; recurring ones only between their start and
// end dates; at() once, whatever the dates. A flexible window fires at its start. Each firing
// delivers the schedule's input to its target; a delivery that fails goes to its DLQ with
// Scheduler's error attributes.
import { isOneTime, nextSchedulerFire } from '../core/scheduler-expression.js';
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
      const since = this.since(s, now);
      this.arm(s, since - 1, since);
    }
  }

  /** When a schedule starts: its start date for a recurring one (if later than now), else now. */
  private since(s: ScheduleModel, now: number): number {
    return s.start && !isOneTime(s.expression) ? Math.max(Date.parse(s.start), now) : now;
  }

  /** When each schedule fires next (undefined: never again). */
  nextFirings(): Record<string, number | undefined> {
    const now = this.deps.clock.now();
    return Object.fromEntries(this.deps.app.schedules.map((s) => [s.name, this.next(s, now - 1, this.since(s, now))]));
  }

  private next(s: ScheduleModel, after: number, since: number): number | undefined {
    const oneTime = isOneTime(s.expression);
    const at = nextSchedulerFire(s.expression, s.timezone, oneTime ? after : Math.max(after, since - 1), since);
    if (at === undefined || (!oneTime && s.end && at >= Date.parse(s.end))) return undefined;
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
      }, { what: `schedule ${s.name}`, recurring: !s.expression.startsWith('at(') }),
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
