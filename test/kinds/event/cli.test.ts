// events from the command line: eda add event (with a producer that gets uses: - bus), eda remove
// refusing to remove a bus an event is put on, and eda validate failing on a pattern that names
// a field the event's schema lacks (exit 1, the position, no stack trace, nothing written).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { eda, tempProject } from '../../support/cli.js';

const app = `name: shop
buses:
  orders: {}
functions:
  createOrder: {}
  onOrder:
    triggers:
      - event: { bus: orders, pattern: { detail-type: [OrderPlaced], detail: { total: [{ numeric: [">", 10] }] } } }
`;

describe('eda and events', () => {
  it('add event writes the contract and the producer\'s uses, refused while a pattern cannot match it; remove bus is refused while the event is on it', async () => {
    const dir = tempProject({ 'app.yaml': app, 'schemas/order-placed.json': '{ "type": "object", "properties": { "total": { "type": "number" } } }\n' });
    const args = ['add', 'event', 'OrderPlaced', '--source', 'shop.orders', '--bus', 'orders', '--function', 'createOrder', '--yes', '--cwd', dir];
    // the default inline schema has no total: the trigger's pattern names a field it lacks
    const refused = await eda(args);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toContain('app.yaml:10:80: error detail.total is not in the schema of OrderPlaced: this pattern never matches it');
    expect(refused.stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(path.join(dir, 'app.yaml'), 'utf8')).toBe(app);
    const add = await eda([...args, '--schema', 'schemas/order-placed.json']);
    expect(add.exitCode, add.stderr).toBe(0);
    const text = readFileSync(path.join(dir, 'app.yaml'), 'utf8');
    expect(text).toContain('events:\n  OrderPlaced:\n    bus: orders\n    source: shop.orders\n    schema: schemas/order-placed.json\n    producers: [ createOrder ]\n');
    expect(text).toMatch(/createOrder:\n\s+uses:\n\s+- bus: orders/);
    const valid = await eda(['validate', '--cwd', dir]);
    expect(valid.exitCode, valid.stderr).toBe(0);
    const remove = await eda(['remove', 'bus', 'orders', '--yes', '--cwd', dir]);
    expect(remove.exitCode).toBe(1);
    expect(remove.stderr).toContain('events.OrderPlaced.bus');
    const removeEvent = await eda(['remove', 'event', 'OrderPlaced', '--yes', '--cwd', dir]);
    expect(removeEvent.exitCode, removeEvent.stderr).toBe(0);
    expect(readFileSync(path.join(dir, 'app.yaml'), 'utf8')).not.toContain('OrderPlaced:');
    expect(existsSync(path.join(dir, 'schemas/order-placed.json'))).toBe(true);
  }, 120_000);

  it('validate prints a hint for a pattern reaching several events through source alone, exits 0, and lists it in --json', async () => {
    const dir = tempProject({
      'app.yaml': `name: shop
buses:
  orders: {}
events:
  OrderPlaced: { bus: orders, source: shop.orders, producers: [createOrder], schema: { type: object } }
  OrderCancelled: { bus: orders, source: shop.orders, producers: [createOrder], schema: { type: object } }
functions:
  createOrder:
    uses: [{ bus: orders }]
  onOrder:
    triggers:
      - event: { bus: orders, pattern: { source: [shop.orders] } }
`,
    });
    const r = await eda(['validate', '--cwd', dir]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toContain('app.yaml:12:40: hint this pattern matches 2 declared events only through source (no detail-type): OrderPlaced, OrderCancelled');
    expect(r.stderr).toContain('hint: if you mean all of them, list them: detail-type: [OrderPlaced, OrderCancelled]');
    const json = JSON.parse((await eda(['validate', '--cwd', dir, '--json'])).stdout);
    expect(json.valid).toBe(true);
    expect(json.diagnostics).toEqual([expect.objectContaining({ severity: 'hint', code: 'pattern-broad', line: 12, col: 40 })]);
  }, 60_000);
});
