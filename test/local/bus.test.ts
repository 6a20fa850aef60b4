import { describe, expect, it } from 'vitest';
import { EventBuses, type TargetSinks } from '../../src/local/bus.js';
import { ManualClock } from '../../src/local/clock.js';
import type { EventBridgeEvent } from '../../src/local/payloads.js';
import { nextCron, nextFire, parseCron, rateMs } from '../../src/core/schedule.js';
import { Trace } from '../../src/local/trace.js';
import type { App } from '../../src/model/types.js';
import { addresses, makeApp, makeRule } from './helpers.js';

const utc = (s: string) => Date.parse(s);
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

describe('schedule expressions', () => {
  it('rate', () => {
    expect(rateMs('rate(5 minutes)')).toBe(300_000);
    expect(rateMs('rate(1 hour)')).toBe(3_600_000);
    expect(rateMs('rate(2 days)')).toBe(172_800_000);
    const since = utc('2025-01-01T00:00:00Z');
    expect(iso(nextFire('rate(5 minutes)', since, since))).toBe('2025-01-01T00:05:00.000Z');
    expect(iso(nextFire('rate(5 minutes)', since + 300_000, since))).toBe('2025-01-01T00:10:00.000Z');
  });

  const cron: [string, string, string][] = [
    ['cron(0 12 * * ? *)', '2025-01-01T00:00:00Z', '2025-01-01T12:00:00.000Z'],
    ['cron(0 12 * * ? *)', '2025-01-01T12:00:00Z', '2025-01-02T12:00:00.000Z'],
    ['cron(0/15 * * * ? *)', '2025-01-01T10:07:30Z', '2025-01-01T10:15:00.000Z'],
    ['cron(*/10 9-17 ? * MON-FRI *)', '2025-01-03T17:55:00Z', '2025-01-06T09:00:00.000Z'], // Fri → Mon
    ['cron(0 8 1 * ? *)', '2025-01-15T00:00:00Z', '2025-02-01T08:00:00.000Z'],
    ['cron(0 0 L * ? *)', '2025-02-10T00:00:00Z', '2025-02-28T00:00:00.000Z'],
    ['cron(0 0 L * ? *)', '2024-02-10T00:00:00Z', '2024-02-29T00:00:00.000Z'],
    ['cron(0 9 ? * 6L *)', '2025-01-01T00:00:00Z', '2025-01-31T09:00:00.000Z'], // last Friday of Jan 2025
    ['cron(0 9 ? * 3#2 *)', '2025-01-01T00:00:00Z', '2025-01-14T09:00:00.000Z'], // second Tuesday
    ['cron(0 9 15W * ? *)', '2025-03-01T00:00:00Z', '2025-03-14T09:00:00.000Z'], // 15 Mar 2025 is a Saturday
    ['cron(30 6 ? JAN,JUL MON *)', '2025-02-01T00:00:00Z', '2025-07-07T06:30:00.000Z'],
    ['cron(0 0 1 1 ? 2030)', '2025-01-01T00:00:00Z', '2030-01-01T00:00:00.000Z'],
  ];
  for (const [expr, after, next] of cron) {
    it(`${expr} after ${after}`, () => expect(iso(nextCron(parseCron(expr), utc(after)))).toBe(next));
  }
  it('a cron whose years are past never fires', () => expect(nextCron(parseCron('cron(0 0 1 1 ? 2020)'), utc('2025-01-01T00:00:00Z'))).toBeUndefined());
});

function setup(app: App, clock = new ManualClock(utc('2025-01-01T00:00:00Z'))) {
  const trace = new Trace(() => clock.now());
  const delivered: { kind: string; name: string; payload: unknown }[] = [];
  const dead: { queue: string; event: EventBridgeEvent; error: string }[] = [];
  let buses!: EventBuses;
  const sinks: TargetSinks = {
    function: (name, payload) => void delivered.push({ kind: 'function', name, payload }),
    queue: (name, body) => {
      if (name === 'missing') throw new Error('queue missing does not exist');
      delivered.push({ kind: 'queue', name, payload: body });
    },
    topic: (name, message) => void delivered.push({ kind: 'topic', name, payload: message }),
    workflow: async (name, input) => {
      if (name === 'broken') throw new Error('cannot start');
      delivered.push({ kind: 'workflow', name, payload: input });
    },
    bus: (name, event) => buses.route(name, event),
    http: async (_rule, target, body) => void delivered.push({ kind: 'http', name: target.name, payload: body }),
    deadLetter: (queue, event, error) => void dead.push({ queue, event, error: error.message }),
  };
  buses = new EventBuses({ app, addresses: addresses(app), trace, clock, sinks });
  return { buses, delivered, dead, clock, trace };
}

describe('event buses and rules', () => {
  const app = makeApp({
    buses: [{ name: 'orders', logicalId: 'OrdersBus', path: [] }, { name: 'analytics', logicalId: 'AnalyticsBus', path: [] }],
    rules: [
      makeRule('placed', {
        bus: 'orders',
        pattern: { source: ['shop.orders'], 'detail-type': ['OrderPlaced'], detail: { total: [{ numeric: ['>', 100] }] } },
        targets: [
          { kind: 'workflow', name: 'process', id: 'w', source: [] },
          { kind: 'queue', name: 'audit', id: 'q', source: [], inputPath: '$.detail' },
          { kind: 'function', name: 'notify', id: 'f', source: [], input: { constant: true } },
          { kind: 'bus', name: 'analytics', id: 'b', source: [] },
        ],
        dlq: 'rule:placed:dlq',
      }),
      makeRule('copy', { bus: 'analytics', pattern: { source: [{ prefix: 'shop.' }] }, targets: [{ kind: 'topic', name: 'feed', id: 't', source: [] }] }),
      makeRule('broken', { bus: 'orders', pattern: { 'detail-type': ['Broken'] }, targets: [{ kind: 'workflow', name: 'broken', id: 'x', source: [] }, { kind: 'queue', name: 'missing', id: 'y', source: [] }], dlq: 'rule:broken:dlq' }),
      makeRule('off', { bus: 'orders', enabled: false, pattern: { source: ['shop.orders'] }, targets: [{ kind: 'function', name: 'never', id: 'n', source: [] }] }),
    ],
  });

  it('PutEvents: routes a matching event to every target, with input and inputPath', () => {
    const { buses, delivered } = setup(app);
    const result = buses.putEvents([{ Source: 'shop.orders', DetailType: 'OrderPlaced', Detail: JSON.stringify({ id: 'o1', total: 150 }), EventBusName: 'shop-dev-orders' }]);
    expect(result.FailedEntryCount).toBe(0);
    const id = (result.Entries[0] as { EventId: string }).EventId;
    const wf = delivered.find((d) => d.kind === 'workflow')!.payload as EventBridgeEvent;
    expect(wf).toMatchObject({ version: '0', id, 'detail-type': 'OrderPlaced', source: 'shop.orders', account: '000000000000', region: 'eu-west-1', resources: [], detail: { id: 'o1', total: 150 } });
    expect(wf.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(delivered.find((d) => d.kind === 'queue')!.payload).toBe('{"id":"o1","total":150}');
    expect(delivered.find((d) => d.kind === 'function')!.payload).toEqual({ constant: true });
    // forwarded to the analytics bus, where the copy rule sends it to a topic
    expect(JSON.parse(delivered.find((d) => d.kind === 'topic')!.payload as string).id).toBe(id);
    expect(delivered.some((d) => d.name === 'never')).toBe(false);
  });

  it('substitutes ${...} in patterns, as CloudFormation does when deploying', () => {
    const own = makeApp({ rules: [makeRule('mine', { pattern: { account: ['${AWS::AccountId}'], source: ['${AWS::StackName}.orders'] }, targets: [{ kind: 'function', name: 'f', id: 'f', source: [] }] })] });
    const { buses, delivered } = setup(own);
    buses.putEvents([{ Source: 'shop-dev.orders', DetailType: 'x', Detail: '{}' }]);
    buses.putEvents([{ Source: 'other.orders', DetailType: 'x', Detail: '{}' }]);
    expect(delivered.map((d) => (d.payload as EventBridgeEvent).source)).toEqual(['shop-dev.orders']);
  });

  it('does not route events that miss the pattern', () => {
    const { buses, delivered } = setup(app);
    buses.putEvents([{ Source: 'shop.orders', DetailType: 'OrderPlaced', Detail: '{"total": 5}', EventBusName: 'shop-dev-orders' }]);
    buses.putEvents([{ Source: 'shop.orders', DetailType: 'OrderPlaced', Detail: '{"total": 500}' }]); // default bus
    expect(delivered).toEqual([]);
  });

  it('reports bad entries per entry', () => {
    const { buses } = setup(app);
    const r = buses.putEvents([
      { Source: 'a', DetailType: 'b', Detail: 'not json' },
      { DetailType: 'b', Detail: '{}' },
      { Source: 'a', DetailType: 'b', Detail: '{}', EventBusName: 'nope' },
      { Source: 'a', DetailType: 'b', Detail: '{}' },
    ]);
    expect(r.FailedEntryCount).toBe(3);
    expect(r.Entries.map((e) => ('ErrorCode' in e ? e.ErrorCode : 'ok'))).toEqual(['MalformedDetail', 'InvalidArgument', 'NotFoundException', 'ok']);
  });

  it('sends undeliverable events to the rule’s DLQ', async () => {
    const { buses, dead, trace } = setup(app);
    buses.putEvents([{ Source: 'x', DetailType: 'Broken', Detail: '{}', EventBusName: 'shop-dev-orders' }]);
    await new Promise((r) => setImmediate(r));
    expect(dead.map((d) => [d.queue, d.error])).toEqual([
      ['rule:broken:dlq', 'queue missing does not exist'],
      ['rule:broken:dlq', 'cannot start'],
    ]);
    expect(trace.recent.filter((e) => e.kind === 'delivery')).toHaveLength(2);
  });
});

describe('schedules', () => {
  const app = makeApp({
    rules: [
      makeRule('every5', { schedule: 'rate(5 minutes)', targets: [{ kind: 'function', name: 'tick', id: 't', source: [] }] }),
      makeRule('noon', { schedule: 'cron(0 12 * * ? *)', targets: [{ kind: 'function', name: 'report', id: 'r', source: [], input: { dryRun: false } }] }),
    ],
  });

  it('fires rate and cron schedules on time with scheduled events (or the constant input)', async () => {
    const { buses, delivered, clock } = setup(app);
    buses.startSchedules();
    await clock.advance(4 * 60_000 + 59_999);
    expect(delivered).toEqual([]);
    await clock.advance(1);
    expect(delivered.map((d) => d.name)).toEqual(['tick']);
    const event = delivered[0]!.payload as EventBridgeEvent;
    expect(event).toMatchObject({ source: 'aws.events', 'detail-type': 'Scheduled Event', detail: {}, time: '2025-01-01T00:05:00Z' });
    expect(event.resources[0]).toMatch(/^arn:aws:events:eu-west-1:000000000000:rule\/shop-dev-every5$/);
    await clock.advance(12 * 3_600_000);
    expect(delivered.filter((d) => d.name === 'tick')).toHaveLength(1 + 144);
    expect(delivered.filter((d) => d.name === 'report').map((d) => d.payload)).toEqual([{ dryRun: false }]);
    buses.stop();
    expect(clock.pending).toBe(0);
  });
});
