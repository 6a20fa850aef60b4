import { describe, expect, it } from 'vitest';
import { seedIds, uuid, random, receiptHandle } from '../../src/local/ids.js';
import { VirtualClock, WatchedRealClock } from '../../src/local/virtual-clock.js';

describe('VirtualClock', () => {
  it('fires timers one at a time in time order (ties in the order set), only up to the bound', () => {
    const clock = new VirtualClock(0);
    const fired: string[] = [];
    clock.after(300, () => fired.push('c'), { what: 'queue c' });
    clock.after(100, () => fired.push('a'));
    clock.after(100, () => fired.push('b'), { what: 'schedule b', recurring: true });
    const cancelled = clock.after(50, () => fired.push('x'));
    cancelled.cancel();
    expect(clock.pending()).toEqual([
      { at: 100, what: undefined, recurring: false },
      { at: 100, what: 'schedule b', recurring: true },
      { at: 300, what: 'queue c', recurring: false },
    ]);
    while (clock.fireNext(200));
    expect(fired).toEqual(['a', 'b']);
    expect(clock.now()).toBe(100);
    clock.moveTo(250);
    expect(clock.now()).toBe(250);
    expect(clock.fireNext(1000)).toBe(true);
    expect(clock.now()).toBe(300);
    expect(fired).toEqual(['a', 'b', 'c']);
  });

  it("runs a wall timer (a handler's timeout) on real time, outside its pending list", async () => {
    const clock = new VirtualClock(0);
    let fired = false;
    clock.after(20, () => (fired = true), { what: 'fn: timeout', wall: true });
    expect(clock.pending()).toEqual([]);
    expect(clock.fireNext(Infinity)).toBe(false);
    await new Promise((r) => setTimeout(r, 60));
    expect(fired).toBe(true);
    expect(clock.now()).toBe(0);
  });

  it('a sleep ends when its timer fires', async () => {
    const clock = new VirtualClock(0);
    let woke = false;
    const sleeping = clock.sleep(3_600_000).then(() => (woke = true));
    clock.fireNext(3_599_999);
    await Promise.resolve();
    expect(woke).toBe(false);
    clock.fireNext(3_600_000);
    await sleeping;
    expect(clock.now()).toBe(3_600_000);
  });

  it('the real clock lists its timers until they fire or are cancelled', async () => {
    const clock = new WatchedRealClock();
    const t = clock.after(60_000, () => undefined, { what: 'long' });
    let fired = false;
    clock.after(5, () => (fired = true));
    expect(clock.pending().map((p) => p.what)).toEqual([undefined, 'long']);
    await new Promise((r) => setTimeout(r, 30));
    expect(fired).toBe(true);
    t.cancel();
    expect(clock.pending()).toEqual([]);
  });
});

describe('seeded ids', () => {
  it('repeat for the same seed, differ for another, and are random again without one', () => {
    const draw = () => [uuid(), uuid(), random(), receiptHandle()];
    seedIds('a');
    const first = draw();
    seedIds('a');
    expect(draw()).toEqual(first);
    seedIds('b');
    expect(draw()).not.toEqual(first);
    expect(first[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    seedIds(undefined);
    expect(uuid()).not.toBe(uuid());
  });
});
