// app.sampleEvent: a declared event with a detail generated from its schema, ready for putEvent;
// the rule's target receives it, eda dev's contract check finds nothing wrong with it, and an
// override that breaks the schema shows as a contract hop.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../../src/testing/index.js';

const dir = mkdtempSync(join(tmpdir(), 'eda-sample-events-'));
mkdirSync(join(dir, 'src/handlers'), { recursive: true });
writeFileSync(
  join(dir, 'app.yaml'),
  `name: samples
buses:
  orders: {}
events:
  OrderPlaced:
    bus: orders
    source: shop.orders
    schema:
      type: object
      required: [orderId, total, email, placedAt]
      properties:
        orderId: { type: string, format: uuid }
        total: { type: number, minimum: 1, maximum: 500 }
        email: { type: string, format: email }
        placedAt: { type: string, format: date-time }
        lines: { type: array, minItems: 1, items: { type: object, required: [sku], properties: { sku: { type: string, pattern: "^[A-Z]{3}[0-9]{3}$" }, qty: { type: integer, minimum: 1 } } } }
functions:
  record:
    triggers:
      - event: { bus: orders, pattern: { detail-type: [OrderPlaced] } }
`,
);
writeFileSync(join(dir, 'src/handlers/record.ts'), 'export const handler = async () => undefined;\n');

let app: TestApp;
beforeAll(async () => {
  app = await startApp({ cwd: dir });
});
afterAll(async () => {
  await app?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('app.sampleEvent', () => {
  it('builds the declared event with a schema-valid detail, the same for the same seed', () => {
    const e = app.sampleEvent('OrderPlaced');
    expect(e).toMatchObject({ bus: 'orders', source: 'shop.orders', detailType: 'OrderPlaced' });
    const d = e.detail as Record<string, any>;
    expect(d.orderId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(d.total).toBeGreaterThanOrEqual(1);
    expect(d.total).toBeLessThanOrEqual(500);
    expect(d.email).toMatch(/^[^@\s]+@[^@\s]+$/);
    expect(Number.isNaN(Date.parse(d.placedAt))).toBe(false);
    for (const line of d.lines) expect(line.sku).toMatch(/^[A-Z]{3}[0-9]{3}$/);
    expect(app.sampleEvent('OrderPlaced')).toEqual(e);
    expect(app.sampleEvent('OrderPlaced', {}, { seed: 2 })).not.toEqual(e);
  });

  it('flows to the rule’s target without a contract violation; overrides are merged in', async () => {
    const since = app.trace.length;
    const received: { source: string; detail: Record<string, unknown> }[] = [];
    app.mock('record', (event) => void received.push(event));
    const e = app.sampleEvent('OrderPlaced', { total: 42 });
    await app.putEvent(e);
    await app.settle();
    app.unmock();
    expect(received).toHaveLength(1);
    expect(received[0]!.source).toBe('shop.orders');
    expect(received[0]!.detail).toEqual({ ...(e.detail as object), total: 42 });
    expect(app.trace.slice(since).filter((h) => h.kind === 'contract')).toEqual([]);
    expect(app.errors).toEqual([]);
  });

  it('an override that breaks the schema is not refused: eda dev reports it as it flows', async () => {
    const since = app.trace.length;
    await app.putEvent(app.sampleEvent('OrderPlaced', { total: 'a lot' }, { seed: 3 }));
    await app.settle();
    expect(app.trace.slice(since)).toContainEqual(expect.objectContaining({ kind: 'contract', event: 'OrderPlaced', violations: [{ path: 'detail.total', message: 'must be number' }] }));
  });

  it('an unknown event name throws with a suggestion', () => {
    expect(() => app.sampleEvent('OrderPlacd')).toThrow(/did you mean 'OrderPlaced'\?/);
  });
});
