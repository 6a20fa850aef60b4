import { describe, expect, it } from 'vitest';
import type { Clock, TimerClock } from '../../src/core/clock.js';
import { realClock as deployClock } from '../../src/deploy/api.js';
import { ManualClock, realClock as localClock } from '../../src/local/clock.js';

describe('one Clock', () => {
  it('is what deploy and the local runtime both implement', async () => {
    const clocks: Clock[] = [deployClock, localClock, new ManualClock()];
    for (const c of clocks) expect(typeof c.now()).toBe('number');
    const timers: TimerClock = new ManualClock(0);
    let fired = false;
    timers.after(10, () => (fired = true));
    await (timers as ManualClock).advance(10);
    expect(fired).toBe(true);
    expect(timers.now()).toBe(10);
  });

  it('ends a sleep early when its signal aborts', async () => {
    const abort = new AbortController();
    abort.abort(new Error('stop'));
    await expect(deployClock.sleep(60_000, abort.signal)).resolves.toBeUndefined();
    await expect(localClock.sleep(60_000, abort.signal)).rejects.toThrow('stop');
  });
});
