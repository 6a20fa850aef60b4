// EventBridge Scheduler in eda dev, on a manual clock: a one-time schedule fires once, a cron
// schedule fires at the right instant of its time zone, start and end dates bound a schedule,
// and a delivery that fails goes to the schedule's DLQ.
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/kinds/build.js';
import type { AppManifest } from '../../src/manifest/app.types.js';
import { ManualClock } from '../../src/local/clock.js';
import { LocalSchedules } from '../../src/local/schedules.js';
import { Trace } from '../../src/local/trace.js';
import { addresses } from './helpers.js';

const utc = (s: string) => Date.parse(s);
const HOUR = 3_600_000;

function setup(schedules: Record<string, unknown>, start = '2025-03-29T00:00:00Z') {
  const m = { name: 'jobs', region: 'eu-west-1', functions: { work: {} }, queues: { inbox: {} }, buses: { ops: {} }, schedules } as unknown as AppManifest;
  const app = buildApp(m, 'dev');
  const clock = new ManualClock(utc(start));
  const trace = new Trace(() => clock.now());
  const delivered: { kind: string; name: string; payload: unknown; at: string }[] = [];
  const dead: { queue: string; body: string; attributes: Record<string, string> }[] = [];
  const at = () => new Date(clock.now()).toISOString();
  const schedulesRt = new LocalSchedules({
    app,
    addresses: addresses(app),
    trace,
    clock,
    sinks: {
      function: (name, payload) => void delivered.push({ kind: 'function', name, payload, at: at() }),
      queue: (name, body) => void delivered.push({ kind: 'queue', name, payload: body, at: at() }),
      topic: (name) => {
        throw new Error(`topic ${name} does not exist`);
      },
      workflow: async () => undefined,
      bus: (name, event) => void delivered.push({ kind: 'bus', name, payload: event, at: at() }),
      http: async () => undefined,
    },
    deadLetter: (queue, body, attributes) => void dead.push({ queue, body, attributes }),
  });
  schedulesRt.start();
  return { clock, delivered, dead, schedules: schedulesRt };
}

describe('eda dev EventBridge Scheduler', () => {
  it('fires a one-time at() schedule once, at its time in its zone, whatever its start and end', async () => {
    const { clock, delivered } = setup({ once: { expression: 'at(2025-03-29T09:30:00)', timezone: 'America/New_York', end: '2025-03-29T01:00:00Z', target: { function: 'work', input: { job: 'once' } } } });
    await clock.advance(24 * HOUR);
    await clock.advance(30 * 24 * HOUR);
    expect(delivered).toEqual([{ kind: 'function', name: 'work', payload: { job: 'once' }, at: '2025-03-29T13:30:00.000Z' }]);
  });

  it('fires a cron schedule at 09:00 Paris time, before and after the clocks change', async () => {
    const { clock, delivered } = setup({ morning: { expression: 'cron(0 9 * * ? *)', timezone: 'Europe/Paris', target: { queue: 'inbox' } } });
    await clock.advance(3 * 24 * HOUR);
    expect(delivered.map((d) => d.at)).toEqual(['2025-03-29T08:00:00.000Z', '2025-03-30T07:00:00.000Z', '2025-03-31T07:00:00.000Z']);
    expect(delivered[0]).toMatchObject({ kind: 'queue', name: 'inbox', payload: '{}' });
  });

  it('fires only between its start and end dates, and not when disabled', async () => {
    const { clock, delivered } = setup({
      bounded: { expression: 'rate(1 hour)', start: '2025-03-29T05:00:00Z', end: '2025-03-29T08:30:00Z', target: { function: 'work' } },
      off: { expression: 'rate(1 hour)', enabled: false, target: { function: 'work' } },
    });
    await clock.advance(24 * HOUR);
    expect(delivered.map((d) => d.at)).toEqual(['2025-03-29T05:00:00.000Z', '2025-03-29T06:00:00.000Z', '2025-03-29T07:00:00.000Z', '2025-03-29T08:00:00.000Z']);
  });

  it('puts an event on a bus target with its detail-type and source', async () => {
    const { clock, delivered } = setup({ tick: { expression: 'rate(5 minutes)', target: { bus: 'ops', input: { n: 1 }, detailType: 'Tick', source: 'jobs.clock' } } });
    await clock.advance(5 * 60_000);
    // a rate schedule without a start date starts at once, then runs every period
    expect(delivered.map((d) => d.at)).toEqual(['2025-03-29T00:00:00.000Z', '2025-03-29T00:05:00.000Z']);
    expect(delivered[1]).toMatchObject({ kind: 'bus', name: 'ops', payload: { source: 'jobs.clock', 'detail-type': 'Tick', detail: { n: 1 }, time: '2025-03-29T00:05:00Z' } });
  });

  it('sends a failed delivery to the schedule DLQ with the error attributes', async () => {
    const { clock, dead } = setup({ broken: { expression: 'rate(1 hour)', target: { function: 'work' } }, lost: { expression: 'rate(1 hour)', target: { topic: 'nowhere' } } });
    await clock.advance(30 * 60_000);
    expect(dead).toEqual([{ queue: 'schedule:lost:dlq', body: '{}', attributes: expect.objectContaining({ ERROR_MESSAGE: 'topic nowhere does not exist', SCHEDULE_ARN: 'arn:aws:scheduler:eu-west-1:000000000000:schedule/jobs-dev/lost' }) }]);
  });
});

describe('eda invoke samples for a function a Scheduler schedule targets', () => {
  it("is the schedule's input", async () => {
    const { sampleEvent, sampleKinds } = await import('../../src/local/samples.js');
    const app = buildApp({ name: 'jobs', functions: { work: {} }, schedules: { s: { expression: 'rate(1 hour)', target: { function: 'work', input: { job: 'x', table: '${functions.work.name}' } } } } } as unknown as AppManifest, 'dev');
    const fn = app.functions[0]!;
    expect(sampleKinds(app, fn)).toEqual(['schedule']);
    expect(sampleEvent(app, fn, 'schedule', addresses(app))).toEqual({ job: 'x', table: 'jobs-dev-work' });
  });
});
