// Time as eda reads it and waits on it. Deploy polls and backs off through a Clock, the local
// runtime runs every delay (visibility timeouts, retries, batch windows, waits, schedules)
// through one, so tests drive time by hand. The implementations live with their users:
// deploy/api.ts (real time) and local/clock.ts (real and manual time, with timers).

export interface Clock {
  now(): number;
  /**
   * A promise that settles after ms. When the signal aborts first, the wait ends early: the
   * local runtime's clocks reject with the signal's reason; deploy's resolves (its loops look at
   * the signal themselves).
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export interface Timer {
  cancel(): void;
}

/** What a timer is for, for clocks that report what is pending (the test clocks of eda/testing). */
export interface TimerTag {
  /** Shown in reports: "schedule nightly", "queue payments". */
  what?: string;
  /** A timer that re-arms itself for ever (a schedule): settling a flow does not wait for it. */
  recurring?: boolean;
  /** The timer measures real work (how long a handler runs): a virtual clock runs it on wall time. */
  wall?: boolean;
}

/** A Clock that also schedules callbacks: what the local runtime's emulators need. */
export interface TimerClock extends Clock {
  /** True when its time is not the wall clock's (eda/testing's virtual clock): Python handlers then read the app's time too. */
  readonly virtual?: boolean;
  /** Calls fn after ms milliseconds; the timer never keeps the process alive on its own. */
  after(ms: number, fn: () => void, tag?: TimerTag): Timer;
}
