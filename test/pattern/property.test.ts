// Properties that must hold for any input, checked on generated data.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePattern, matchesPattern, validatePattern } from '../../src/pattern/index.js';

const escapeWildcard = (s: string) => s.replace(/[\\*]/g, '\\$&');
const micro = fc.integer({ min: -999_999_999_999_999, max: 999_999_999_999_999 }).map((n) => n / 1_000_000);

describe('pattern properties', () => {
  it('validation never throws, whatever the input', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(Array.isArray(validatePattern(value))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('a valid pattern never throws on any event', () => {
    const leaf = fc.oneof(fc.string(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null));
    const operator = fc.oneof(
      fc.string().map((s) => ({ prefix: s })),
      fc.string().map((s) => ({ 'anything-but': s })),
      fc.constantFrom({ exists: true }, { exists: false }, { numeric: ['>', 0] }, { cidr: '10.0.0.0/8' }, { wildcard: 'a*b' }),
    );
    const pattern = fc.dictionary(fc.constantFrom('a', 'b', 'c'), fc.array(fc.oneof(leaf, operator), { minLength: 1, maxLength: 3 }), { minKeys: 1 });
    fc.assert(
      fc.property(pattern, fc.jsonValue(), (p, event) => {
        if (validatePattern(p).length > 0) return;
        const match = compilePattern(p);
        expect(typeof match(event)).toBe('boolean');
        expect(typeof match({ a: event, b: [event, { c: event }] })).toBe('boolean');
      }),
      { numRuns: 500 },
    );
  });

  it('string operators agree with their definitions', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const value = a + b;
        expect(matchesPattern({ f: [value] }, { f: value })).toBe(true);
        expect(matchesPattern({ f: [{ 'anything-but': value }] }, { f: value })).toBe(false);
        expect(matchesPattern({ f: [{ prefix: a }] }, { f: value })).toBe(true);
        expect(matchesPattern({ f: [{ suffix: b }] }, { f: value })).toBe(true);
        expect(matchesPattern({ f: [{ wildcard: escapeWildcard(value) }] }, { f: value })).toBe(true);
        expect(matchesPattern({ f: [{ wildcard: `${escapeWildcard(a)}*` }] }, { f: value })).toBe(true);
        expect(matchesPattern({ f: [{ wildcard: `*${escapeWildcard(b)}` }] }, { f: value })).toBe(true);
        // fc.string() draws ASCII, where upper- and lower-casing round-trip.
        expect(matchesPattern({ f: [{ 'equals-ignore-case': value.toUpperCase() }] }, { f: value.toLowerCase() })).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('numeric ranges include their closed bounds and exclude their open ones', () => {
    fc.assert(
      fc.property(micro, micro, (x, y) => {
        fc.pre(x !== y);
        const [low, high] = x < y ? [x, y] : [y, x];
        expect(matchesPattern({ n: [{ numeric: ['>=', low, '<=', high] }] }, { n: low })).toBe(true);
        expect(matchesPattern({ n: [{ numeric: ['>=', low, '<=', high] }] }, { n: high })).toBe(true);
        expect(matchesPattern({ n: [{ numeric: ['>', low, '<', high] }] }, { n: low })).toBe(false);
        expect(matchesPattern({ n: [{ numeric: ['>', low, '<', high] }] }, { n: high })).toBe(false);
        expect(matchesPattern({ n: [{ numeric: ['=', low] }] }, { n: low })).toBe(true);
        expect(matchesPattern({ n: [low] }, { n: low })).toBe(true);
        expect(matchesPattern({ n: [{ 'anything-but': low }] }, { n: high })).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('an array in the event matches when one of its elements does', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { minLength: 1 }), fc.nat(), (values, i) => {
        const chosen = values[i % values.length]!;
        expect(matchesPattern({ f: [chosen] }, { f: values })).toBe(true);
        expect(matchesPattern({ f: { g: [chosen] } }, { f: values.map((g) => ({ g })) })).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
