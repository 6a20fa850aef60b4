import { describe, expect, it } from 'vitest';
import { closest, distance, suggest } from '../../src/core/did-you-mean.js';

describe('did you mean', () => {
  it('counts a swap of neighbours as one edit', () => {
    expect(distance('jbos', 'jobs')).toBe(1);
    expect(distance('prdo', 'prod')).toBe(1);
    expect(distance('kitten', 'sitting')).toBe(3);
    expect(distance('same', 'same')).toBe(0);
  });

  it('suggests the closest name when it is a likely typo', () => {
    expect(closest('jbos', ['jobs', 'orders'])).toBe('jobs');
    expect(closest('PAYMENTS', ['payments'])).toBe('payments');
    expect(closest('xyz', ['orders', 'payments'])).toBeUndefined();
    expect(closest('a', [])).toBeUndefined();
  });

  it('lists what is declared when nothing is close', () => {
    expect(suggest('paymens', ['payments'], 'queues')).toBe("did you mean 'payments'?");
    expect(suggest('zzz', ['a1', 'b2'], 'queues')).toBe('declared queues: a1, b2');
    expect(suggest('zzz', [], 'queues')).toBe('nothing is declared under queues yet');
  });
});
