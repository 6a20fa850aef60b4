// eda synth writes a type per declared event into src/generated/resources.ts and, for producers,
// a typed events.<name>.put(detail): a handler that puts a wrong detail fails to typecheck.
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { synthesizedProject, typecheckHandler } from '../support/typecheck.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { load } from 'js-yaml';
import { cfnLint, samTranslate } from '../support/cfn.js';
import { eda } from '../support/cli.js';

const app = `name: typed
buses:
  orders: {}
events:
  OrderPlaced:
    bus: orders
    source: shop.orders
    schema: schemas/order-placed.json
    producers: [createOrder]
  OrderCancelled:
    detailType: Order Cancelled
    bus: orders
    source: shop.orders
    schema:
      type: object
      required: [orderId]
      properties: { orderId: { type: string }, reason: { enum: [customer, fraud] } }
functions:
  createOrder:
    uses: [{ bus: orders }]
  onOrder:
    triggers:
      - event: { bus: orders, pattern: { source: [shop.orders] } }
`;

const schema = {
  type: 'object',
  required: ['orderId', 'total', 'items'],
  properties: {
    orderId: { type: 'string' },
    total: { type: 'number' },
    items: { type: 'array', items: { $ref: '#/$defs/item' } },
  },
  $defs: { item: { type: 'object', required: ['sku'], properties: { sku: { type: 'string' }, qty: { type: 'integer' } } } },
};

let dir: string;
beforeAll(async () => {
  dir = await synthesizedProject('.tmp-events-', app, { 'schemas/order-placed.json': JSON.stringify(schema, null, 2) });
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const typecheck = (handler: string) => typecheckHandler(dir, handler);

describe('typed events', () => {
  it('writes the detail types, envelopes and a put helper for produced events only', () => {
    const text = readFileSync(path.join(dir, 'src', 'generated', 'resources.ts'), 'utf8');
    expect(text).toContain("import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';");
    expect(text).toContain('export type OrderPlaced = OrderPlacedContract.OrderPlaced;');
    expect(text).toContain('export type OrderPlacedEvent = EventEnvelope<"OrderPlaced", OrderPlaced>;');
    expect(text).toContain('export type OrderCancelledEvent = EventEnvelope<"Order Cancelled", OrderCancelled>;');
    expect(text).toContain('put: (detail: OrderPlaced): Promise<string> => putEvent(read("ORDERS_BUS_NAME"');
    expect(text).not.toContain('"orderCancelled": {');
  });

  it('types a consumer\'s stub with the envelopes of the declared events its rule delivers', () => {
    const stub = readFileSync(path.join(dir, 'src', 'handlers', 'onOrder.ts'), 'utf8');
    expect(stub).toContain("import type { OrderPlacedEvent, OrderCancelledEvent } from '../generated/resources.js';");
    expect(stub).toContain('export const handler = async (event: OrderPlacedEvent | OrderCancelledEvent): Promise<void> => {');
  });

  it('a handler putting a valid detail and reading a typed event compiles', async () => {
    const out = await typecheck(
      [
        "import { events, type OrderCancelledEvent } from '../generated/resources.js';",
        'export async function handler(e: OrderCancelledEvent): Promise<string> {',
        "  const reason: 'customer' | 'fraud' | undefined = e.detail.reason;",
        "  return events.orderPlaced.put({ orderId: e.detail.orderId + (reason ?? ''), total: 12.5, items: [{ sku: 'a', qty: 1 }] });",
        '}',
        '',
      ].join('\n'),
    );
    expect(out).toBe('');
    expect(await typecheck(readFileSync(path.join(dir, 'src', 'handlers', 'onOrder.ts'), 'utf8'))).toBe('');
  }, 120_000);

  it('a wrong detail fails the typecheck', async () => {
    const out = await typecheck(
      [
        "import { events } from '../generated/resources.js';",
        'export async function handler(): Promise<string> {',
        "  return events.orderPlaced.put({ orderId: 'o-1', total: '12', items: [{ qty: 1 }] });",
        '}',
        '',
      ].join('\n'),
    );
    expect(out).toMatch(/probe\.ts\(3,\d+\): error TS2322: Type 'string' is not assignable to type 'number'/);
    expect(out).toMatch(/probe\.ts\(3,\d+\): error TS2741: Property 'sku' is missing/);
  }, 120_000);

  it('registers each event in the app\'s schema registry as a draft 4 schema of its envelope, cfn-lint and SAM clean', async () => {
    const file = path.join(dir, 'template.yaml');
    const template = load(readFileSync(file, 'utf8')) as { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> };
    expect(template.Resources.EventsSchemaRegistry).toEqual({ Type: 'AWS::EventSchemas::Registry', Properties: { RegistryName: { 'Fn::Sub': '${AWS::StackName}-events' }, Description: 'Event contracts of typed (events: in app.yaml)' } });
    const placed = template.Resources.OrderPlacedEventSchema!;
    expect(placed.Type).toBe('AWS::EventSchemas::Schema');
    expect(placed.Properties).toMatchObject({ RegistryName: { 'Fn::GetAtt': ['EventsSchemaRegistry', 'RegistryName'] }, SchemaName: 'shop.orders@OrderPlaced', Type: 'JSONSchemaDraft4' });
    const content = JSON.parse(placed.Properties.Content as string);
    expect(content).toEqual({
      $schema: 'http://json-schema.org/draft-04/schema#',
      title: 'OrderPlaced',
      type: 'object',
      required: ['source', 'detail-type', 'detail'],
      properties: {
        source: { type: 'string', enum: ['shop.orders'] },
        'detail-type': { type: 'string', enum: ['OrderPlaced'] },
        detail: { type: 'object', required: ['orderId', 'total', 'items'], properties: { orderId: { type: 'string' }, total: { type: 'number' }, items: { type: 'array', items: { $ref: '#/definitions/item' } } } },
      },
      definitions: { item: { type: 'object', required: ['sku'], properties: { sku: { type: 'string' }, qty: { type: 'integer' } } } },
    });
    expect(JSON.parse(template.Resources.OrderCancelledEventSchema!.Properties.Content as string).properties.detail.properties.reason).toEqual({ enum: ['customer', 'fraud'] });
    const lint = await cfnLint([file]);
    expect(lint.output).toBe('');
    const [translated] = await samTranslate([file]);
    expect(translated!.errors ?? []).toEqual([]);
    expect(translated!.ok).toBe(true);
  }, 300_000);
});
