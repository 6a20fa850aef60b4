// eda dev checks events put on a bus with declared events against their schema: a violation is
// a highlighted trace line naming the event, its source, producers and the failing path; the
// event still reaches the rules that match it.
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/kinds/build.js';
import { EventBuses, type TargetSinks } from '../../src/local/bus.js';
import { ManualClock } from '../../src/local/clock.js';
import { formatEvent, Trace, type Traced } from '../../src/local/trace.js';
import { validateText } from '../../src/pipeline/validate.js';
import { addresses } from './helpers.js';

const yaml = `name: shop
buses:
  orders: {}
events:
  OrderPlaced:
    bus: orders
    source: shop.orders
    producers: [createOrder]
    schema:
      type: object
      required: [orderId, total]
      properties:
        orderId: { type: string }
        total: { type: number, minimum: 0 }
functions:
  createOrder:
    uses: [{ bus: orders }]
  onOrder:
    triggers:
      - event: { bus: orders, pattern: { detail-type: [OrderPlaced] } }
`;

function setup() {
  const validated = validateText(yaml, { cwd: '/' });
  expect(validated.diagnostics).toEqual([]);
  const app = buildApp(validated.manifest!, 'dev', { eventSchemas: validated.eventSchemas });
  const clock = new ManualClock(Date.parse('2025-01-01T00:00:00Z'));
  const trace = new Trace(() => clock.now());
  const traced: Traced[] = [];
  trace.on((e) => traced.push(e));
  const delivered: string[] = [];
  const sinks = { function: (name: string) => void delivered.push(name) } as unknown as TargetSinks;
  const buses = new EventBuses({ app, addresses: addresses(app), trace, clock, sinks });
  const put = (detail: unknown, source = 'shop.orders') => buses.putEvents([{ Source: source, DetailType: 'OrderPlaced', Detail: JSON.stringify(detail), EventBusName: 'orders' }]);
  return { put, traced, delivered };
}

describe('event contracts in eda dev', () => {
  it('an event that keeps its contract is traced as usual', () => {
    const { put, traced, delivered } = setup();
    expect(put({ orderId: 'o-1', total: 12 }).FailedEntryCount).toBe(0);
    expect(traced.map((e) => e.kind)).toEqual(['bus', 'rule']);
    expect(delivered).toEqual(['onOrder']);
  });

  it('a violation is a highlighted trace line with the failing paths, and the event still flows', () => {
    const { put, traced, delivered } = setup();
    expect(put({ orderId: 7, total: -1 }).FailedEntryCount).toBe(0);
    const contract = traced.find((e) => e.kind === 'contract');
    expect(contract).toMatchObject({
      kind: 'contract',
      event: 'OrderPlaced',
      bus: 'orders',
      source: 'shop.orders',
      producers: ['createOrder'],
      violations: [
        { path: 'detail.orderId', message: 'must be string' },
        { path: 'detail.total', message: 'must be >= 0' },
      ],
    });
    expect(formatEvent(contract!, new Chalk({ level: 0 })).slice(13)).toMatch(/^contract orders ← OrderPlaced breaks its schema: detail\.orderId must be string; detail\.total must be >= 0 from shop\.orders \(producers: createOrder\) evt /);
    expect(delivered).toEqual(['onOrder']);
  });

  it('a missing required field is named, and events of other sources are not checked', () => {
    const { put, traced } = setup();
    put({ orderId: 'o-1' });
    expect(traced.find((e) => e.kind === 'contract')).toMatchObject({ violations: [{ path: 'detail', message: "must have required property 'total'" }] });
    traced.length = 0;
    put({ anything: true }, 'other.app');
    expect(traced.some((e) => e.kind === 'contract')).toBe(false);
  });
});
