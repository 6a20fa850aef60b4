// eda export eventcatalog: the declared events, the buses carrying them and the functions
// sending and receiving them as an EventCatalog folder whose references all resolve.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { eventCatalogFiles } from '../../src/graph/eventcatalog.js';
import { loadProject } from '../../src/pipeline/index.js';
import { eda, tempProject } from '../support/cli.js';

const APP = `name: shop
buses:
  orders: {}
events:
  OrderPlaced:
    bus: orders
    source: shop.orders
    producers: [createOrder]
    schema: { type: object, required: [orderId], properties: { orderId: { type: string } } }
  PaymentFailed:
    bus: orders
    source: shop.payments
    detailType: Payment Failed
    producers: [createOrder]
    schema: { type: object, properties: { reason: { enum: [declined] } } }
functions:
  createOrder:
    description: Takes orders
    uses: [{ bus: orders }]
  onOrder:
    triggers:
      - event: { bus: orders, pattern: { detail-type: [OrderPlaced] } }
  onFailure:
    triggers:
      - event: { bus: orders, pattern: { detail-type: [Payment Failed] } }
  unrelated: {}
`;

const frontmatter = (text: string) => parse(/^---\n([\s\S]*?)\n---\n/.exec(text)![1]!) as Record<string, any>;

describe('EventCatalog folder', () => {
  it('an event per declared event with its schema, a channel per bus, a service per function that sends or receives', async () => {
    const { app } = await loadProject({ cwd: tempProject({ 'app.yaml': APP }) });
    const files = eventCatalogFiles(app);
    expect([...files.keys()].sort()).toEqual([
      'channels/bus.orders/index.mdx',
      'events/OrderPlaced/index.mdx',
      'events/OrderPlaced/schema.json',
      'events/PaymentFailed/index.mdx',
      'events/PaymentFailed/schema.json',
      'services/createOrder/index.mdx',
      'services/onFailure/index.mdx',
      'services/onOrder/index.mdx',
    ]);
    expect(frontmatter(files.get('events/PaymentFailed/index.mdx')!)).toEqual({ id: 'PaymentFailed', name: 'PaymentFailed', version: '1.0.0', summary: 'detail-type "Payment Failed" from source shop.payments, put on bus orders', schemaPath: 'schema.json' });
    expect(JSON.parse(files.get('events/OrderPlaced/schema.json')!)).toEqual({ type: 'object', required: ['orderId'], properties: { orderId: { type: 'string' } } });
    expect(frontmatter(files.get('channels/bus.orders/index.mdx')!)).toMatchObject({ id: 'bus.orders', address: 'shop-dev-orders', protocols: ['eventbridge'] });
    expect(frontmatter(files.get('services/createOrder/index.mdx')!)).toEqual({
      id: 'createOrder',
      name: 'createOrder',
      version: '1.0.0',
      summary: 'Takes orders',
      sends: [
        { id: 'OrderPlaced', version: '1.0.0', to: [{ id: 'bus.orders' }] },
        { id: 'PaymentFailed', version: '1.0.0', to: [{ id: 'bus.orders' }] },
      ],
    });
    expect(frontmatter(files.get('services/onFailure/index.mdx')!).receives).toEqual([{ id: 'PaymentFailed', version: '1.0.0', from: [{ id: 'bus.orders' }] }]);
  });

  it('eda export eventcatalog writes the folder; every sends/receives names an event and a channel it wrote', async () => {
    const dir = tempProject({ 'app.yaml': APP });
    const r = await eda(['export', 'eventcatalog', '--cwd', dir, '--out', 'catalog']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toBe('✓ catalog/: EventCatalog, 2 events, 1 channels, 3 services');
    const root = path.join(dir, 'catalog');
    for (const service of readdirSync(path.join(root, 'services'))) {
      const fm = frontmatter(readFileSync(path.join(root, 'services', service, 'index.mdx'), 'utf8'));
      for (const m of [...(fm.sends ?? []), ...(fm.receives ?? [])]) {
        expect(existsSync(path.join(root, 'events', m.id, 'index.mdx'))).toBe(true);
        for (const c of [...(m.to ?? []), ...(m.from ?? [])]) expect(existsSync(path.join(root, 'channels', c.id, 'index.mdx'))).toBe(true);
      }
    }
    const none = await eda(['export', 'eventcatalog', '--cwd', tempProject({ 'app.yaml': 'name: plain\nfunctions:\n  f: {}\n' })]);
    expect(none.exitCode).toBe(1);
    expect(none.stderr).toContain('app.yaml declares no events: there is nothing for EventCatalog');
    const format = await eda(['export', 'eventcatalog', '--cwd', dir, '--format', 'json']);
    expect(format.exitCode).toBe(2);
  });
});
