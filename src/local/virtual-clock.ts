// The clocks eda/testing drives the local runtime with. Both know their pending timers (when,
// what for, whether they recur), so a test can settle a flow and be told what is still waiting:
// - VirtualClock only moves when told to, firing due timers in time order, one at a time.
//   A timer tagged `wall` (a handler's timeout, which limits real work) runs on wall time.
// - WatchedRealClock is real time (setTimeout), with the same view of what is pending.
import type { Timer, TimerClock, TimerTag } from '../core/clock.js';
import { sleepOn } from './clock.js';

export interface PendingTimer {
  /** When it fires (epoch ms, on the clock's time line). */
  at: number;
  what?: string;
  recurring: boolean;
}

interface Entry extends PendingTimer {
  seq: number;
  fn: () => void;
}

/** A TimerClock that reports its pending timers. */
export interface WatchedClock extends TimerClock {
  readonly virtual: boolean;
  /** Timers still waiting, earliest first (same time: in the order they were set). */
  pending(): PendingTimer[];
}

const byTime = (a: Entry, b: Entry) => a.at - b.at || a.seq - b.seq;
const view = ({ at, what, recurring }: Entry): PendingTimer => ({ at, what, recurring });

function realTimer(ms: number, fn: () => void): Timer {
  const handle = setTimeout(fn, Math.max(0, ms));
  handle.unref();
  return { cancel: () => clearTimeout(handle) };
}

export class VirtualClock implements WatchedClock {
  readonly virtual = true;
  private time: number;
  private seq = 0;
  private timers = new Set<Entry>();

  constructor(start = Date.UTC(2025, 0, 1, 0, 0, 0)) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  after(ms: number, fn: () => void, tag?: TimerTag): Timer {
    // a handler's timeout limits its real run time: wall time, whatever the app's clock says
    if (tag?.wall) return realTimer(ms, fn);
    const entry: Entry = { at: this.time + Math.max(0, ms), seq: this.seq++, fn, what: tag?.what, recurring: tag?.recurring ?? false };
    this.timers.add(entry);
    return { cancel: () => void this.timers.delete(entry) };
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return sleepOn(this, ms, signal);
  }

  pending(): PendingTimer[] {
    return [...this.timers].sort(byTime).map(view);
  }

  /** Fires the earliest timer due at or before `until`, moving time to it; false when there is none. */
  fireNext(until: number): boolean {
    const next = [...this.timers].sort(byTime)[0];
    if (!next || next.at > until) return false;
    this.timers.delete(next);
    this.time = Math.max(this.time, next.at);
    next.fn();
    return true;
  }

  /** Moves time forward to `at` (never back); timers due by then fire only through fireNext. */
  moveTo(at: number): void {
    this.time = Math.max(this.time, at);
  }
}

export class WatchedRealClock implements WatchedClock {
  readonly virtual = false;
  private seq = 0;
  private timers = new Set<Entry>();

  now(): number {
    return Date.now();
  }

  after(ms: number, fn: () => void, tag?: TimerTag): Timer {
    if (tag?.wall) return realTimer(ms, fn);
    const entry: Entry = { at: Date.now() + Math.max(0, ms), seq: this.seq++, fn, what: tag?.what, recurring: tag?.recurring ?? false };
    this.timers.add(entry);
    const handle = setTimeout(() => {
      this.timers.delete(entry);
      fn();
    }, Math.max(0, ms));
    handle.unref();
    return {
      cancel: () => {
        this.timers.delete(entry);
        clearTimeout(handle);
      },
    };
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return sleepOn(this, ms, signal);
  }

  pending(): PendingTimer[] {
    return [...this.timers].sort(byTime).map(view);
  }
}
