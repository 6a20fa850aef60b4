// Running an app's work to its end. Handlers run in worker threads in real time; everything
// that waits (visibility timeouts, retries, batch windows, Wait states, schedules) waits on the
// app's clock. settle() alternates the two: let the running work finish (quiesce), then move
// the clock to the next timer and fire it — at once under the virtual clock, by waiting under
// the real one — until nothing but recurring schedules is left or the bound is reached.
import type { LocalRuntime } from '../local/runtime.js';
import { VirtualClock, type PendingTimer, type WatchedClock } from '../local/virtual-clock.js';
import type { Activity } from './activity.js';
import type { Pending, SettleReport } from './types.js';



const tick = () => new Promise<void>((r) => setImmediate(r));
const pause = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref());

export class Driver {
  constructor(
    private readonly runtime: LocalRuntime,
    private readonly clock: WatchedClock,
    private readonly activity: Activity,
    private readonly stallMs: number,
  ) {}

  /**
   * Waits until no handler or table call is running and nothing changed for a few turns of the
   * event loop. 'stalled': handlers are running but nothing happened for stallMs (a handler
   * awaiting the app's clock, e.g. a long poll): time may move on to the next timer. (A
   * handler's own timeout runs on wall time, so a hung handler ends by itself.)
   */
  async quiesce(): Promise<'idle' | 'stalled'> {
    let quiet = 0;
    let seen = this.activity.changes;
    let since = performance.now();
    for (;;) {
      if (this.activity.busy() > 0) {
        await pause(1);
        quiet = 0;
      } else {
        await tick();
        quiet++;
      }
      if (this.activity.changes !== seen) {
        seen = this.activity.changes;
        since = performance.now();
        quiet = 0;
      } else if (quiet >= 5) return 'idle';
      if (this.activity.busy() > 0 && performance.now() - since > this.stallMs) return 'stalled';
    }
  }

  private nextTimer(until: number, includeRecurring: boolean): PendingTimer | undefined {
    return this.clock.pending().find((t) => t.at <= until && (includeRecurring || !t.recurring));
  }

  /** One step of time: fire (virtual) or wait for (real) the earliest timer due by `until`. */
  private async step(until: number): Promise<boolean> {
    const next = this.nextTimer(until, true);
    if (!next) return false;
    if (this.clock instanceof VirtualClock) return this.clock.fireNext(until);
    await pause(Math.max(1, Math.min(next.at - this.clock.now() + 1, 50)));
    return true;
  }

  async settle(withinMs: number): Promise<SettleReport> {
    const start = this.clock.now();
    const bound = start + withinMs;
    for (;;) {
      const state = await this.quiesce();
      // recurring schedules fire as time passes, but never keep a settle going on their own
      const work = this.nextTimer(bound, false);
      if (work) await this.step(work.at);
      else if (state === 'idle') break;
      // stalled with no timer to move to: the running handlers end (or time out) on their own
    }
    return this.report(start);
  }

  /** Lets work run and time move (as settle does) until `promise` settles; resolves with it. */
  async runUntil<T>(promise: Promise<T>): Promise<T> {
    let done = false;
    const watched = promise.finally(() => (done = true));
    watched.catch(() => undefined);
    for (;;) {
      const state = await Promise.race([this.quiesce(), watched.then(() => 'done' as const, () => 'done' as const)]);
      if (done) return watched;
      // a handler waiting on nothing that will come: time moves on to its timeout
      if (state === 'stalled' && this.nextTimer(Infinity, true)) await this.step(this.nextTimer(Infinity, true)!.at);
      else await pause(1);
    }
  }

  async advance(ms: number): Promise<SettleReport> {
    const start = this.clock.now();
    const end = start + ms;
    await this.quiesce();
    if (this.clock instanceof VirtualClock) {
      while (this.clock.fireNext(end)) await this.quiesce();
      this.clock.moveTo(end);
    } else {
      while (this.clock.now() < end) await pause(Math.min(50, end - this.clock.now()));
    }
    await this.quiesce();
    return this.report(start);
  }

  report(start: number): SettleReport {
    const now = this.clock.now();
    const pending: Pending[] = [];
    for (const t of this.clock.pending()) {
      if (!t.recurring) pending.push({ kind: 'timer', at: new Date(t.at).toISOString(), inMs: t.at - now, what: t.what, recurring: false });
    }
    // messages in a queue nothing consumes (or resting in a dead-letter queue) are an outcome, not pending work
    const consumed = new Set(this.runtime.app.functions.flatMap((f) => f.triggers.flatMap((t) => (t.type === 'queue' ? [t.queue] : []))));
    for (const name of consumed) {
      const counts = this.runtime.queue(name)?.counts();
      if (counts && counts.visible + counts.inFlight + counts.delayed > 0) pending.push({ kind: 'queue', queue: name, ...counts });
    }
    for (const w of this.runtime.app.workflows) {
      for (const e of this.runtime.workflows.list(w.name)) {
        if (e.status === 'RUNNING') pending.push({ kind: 'workflow', workflow: w.name, execution: e.name, status: 'RUNNING' });
      }
    }
    for (const [fn, count] of Object.entries(this.activity.invocations())) pending.push({ kind: 'invocation', function: fn, count });
    return { idle: pending.length === 0, now: new Date(now).toISOString(), elapsedMs: now - start, pending };
  }
}
