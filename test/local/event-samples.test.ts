// Sample events for declared events: a corpus of JSON Schemas whose every sample (several seeds)
// validates with ajv; the same seed gives the same sample; a rule's pattern on detail fields is
// honoured; `eda invoke --sample event|<EventName>` delivers such an event to the handler.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { invokeCommand } from '../../src/cli/commands/invoke.js';
import { createUi } from '../../src/cli/kit/output.js';
import { UsageError } from '../../src/core/errors.js';
import { sampleDetail, sampleDetailMatching } from '../../src/local/event-samples.js';
import type { EventModel } from '../../src/model/types.js';
import { matchesPattern } from '../../src/pattern/index.js';

const require = createRequire(import.meta.url);
const Ajv2020 = require('ajv/dist/2020') as typeof import('ajv/dist/2020.js').default;
const addFormats = require('ajv-formats') as typeof import('ajv-formats').default;
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);

const corpus: [string, object][] = [
  ['required fields and types', { type: 'object', required: ['id', 'n', 'ok', 'ratio'], properties: { id: { type: 'string' }, n: { type: 'integer' }, ok: { type: 'boolean' }, ratio: { type: 'number' }, note: { type: ['string', 'null'] } }, additionalProperties: false }],
  ['enums and const', { type: 'object', required: ['status', 'kind', 'level'], properties: { status: { enum: ['PLACED', 'PAID', 'SHIPPED'] }, kind: { const: 'order' }, level: { type: 'integer', enum: [1, 2, 3] } } }],
  ['formats', { type: 'object', required: ['at', 'email', 'id', 'site', 'ip', 'day'], properties: { at: { type: 'string', format: 'date-time' }, email: { type: 'string', format: 'email' }, id: { type: 'string', format: 'uuid' }, site: { type: 'string', format: 'uri' }, ip: { type: 'string', format: 'ipv4' }, day: { type: 'string', format: 'date' } } }],
  ['bounds', { type: 'object', required: ['total', 'qty', 'pct', 'step'], properties: { total: { type: 'number', minimum: 0.01, maximum: 10000 }, qty: { type: 'integer', exclusiveMinimum: 0, exclusiveMaximum: 5 }, pct: { type: 'number', minimum: 0, maximum: 1 }, step: { type: 'integer', multipleOf: 5, minimum: 10, maximum: 50 } } }],
  ['lengths and patterns', { type: 'object', required: ['code', 'sku', 'name'], properties: { code: { type: 'string', pattern: '^[A-Z]{3}-[0-9]{4}$' }, sku: { type: 'string', minLength: 8, maxLength: 8 }, name: { type: 'string', minLength: 1, maxLength: 3 } } }],
  ['arrays', { type: 'object', required: ['tags', 'lines', 'pair'], properties: { tags: { type: 'array', items: { type: 'string' }, minItems: 2, maxItems: 4, uniqueItems: true }, lines: { type: 'array', minItems: 1, items: { type: 'object', required: ['sku', 'qty'], properties: { sku: { type: 'string' }, qty: { type: 'integer', minimum: 1 } } } }, pair: { type: 'array', prefixItems: [{ type: 'string' }, { type: 'number' }], items: false } } }],
  ['nested objects and $ref', { type: 'object', required: ['customer'], properties: { customer: { $ref: '#/$defs/customer' } }, $defs: { customer: { type: 'object', required: ['id', 'address'], properties: { id: { type: 'string' }, address: { type: 'object', required: ['country'], properties: { country: { type: 'string', minLength: 2, maxLength: 2 }, zip: { type: 'string' } } } } } } }],
  ['oneOf', { type: 'object', required: ['payment'], properties: { payment: { oneOf: [{ type: 'object', required: ['card'], properties: { card: { type: 'string', pattern: '^[0-9]{4}$' } }, additionalProperties: false }, { type: 'object', required: ['iban'], properties: { iban: { type: 'string' } }, additionalProperties: false }] } } }],
  ['anyOf and allOf', { type: 'object', allOf: [{ required: ['a'], properties: { a: { type: 'string' } } }, { required: ['b'], properties: { b: { anyOf: [{ type: 'integer', minimum: 1 }, { type: 'null' }] } } }] }],
  ['an empty object schema', { type: 'object' }],
];

describe('sample details valid against their schema', () => {
  for (const [name, schema] of corpus) {
    it(name, () => {
      const validate = ajv.compile(schema);
      for (const seed of [1, 2, 3, 4, 5]) {
        const detail = sampleDetail(schema, seed);
        expect(validate(detail) ? [] : validate.errors, `seed ${seed}: ${JSON.stringify(detail)}`).toEqual([]);
      }
    });
  }

  it('fills in optional fields, and is the same for the same seed', () => {
    const schema = corpus[0]![1];
    expect(Object.keys(sampleDetail(schema) as object).sort()).toEqual(['id', 'n', 'note', 'ok', 'ratio']);
    expect(sampleDetail(schema, 7)).toEqual(sampleDetail(schema, 7));
    expect(sampleDetail(schema, 7)).not.toEqual(sampleDetail(schema, 8));
  });
});

const ORDER_PLACED: EventModel = {
  name: 'OrderPlaced',
  bus: 'orders',
  source: 'shop.orders',
  detailType: 'OrderPlaced',
  producers: [],
  path: [],
  schema: { type: 'object', required: ['orderId', 'total'], properties: { orderId: { type: 'string', format: 'uuid' }, total: { type: 'number', minimum: 0, maximum: 1000 }, coupon: { type: 'string' }, tier: { enum: ['gold', 'silver', 'bronze'] } } },
};

describe('a sample the rule’s pattern matches', () => {
  const cases: [string, Record<string, unknown>][] = [
    ['numeric on a field', { detail: { total: [{ numeric: ['>', 900] }] } }],
    ['a value from the enum', { detail: { tier: ['bronze'] } }],
    ['an optional field absent', { detail: { coupon: [{ exists: false }] } }],
    ['anything-but', { detail: { tier: [{ 'anything-but': ['gold', 'silver'] }] } }],
  ];
  for (const [name, detailPattern] of cases) {
    it(name, () => {
      const pattern = { source: ['shop.orders'], ...detailPattern };
      const detail = sampleDetailMatching(ORDER_PLACED, pattern, 1);
      expect(matchesPattern(pattern, { source: 'shop.orders', 'detail-type': 'OrderPlaced', detail })).toBe(true);
      expect(ajv.validate(ORDER_PLACED.schema as object, detail)).toBe(true);
    });
  }
});

describe('eda invoke --sample with declared events', () => {
  const dir = mkdtempSync(join(tmpdir(), 'eda-event-samples-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'src/handlers'), { recursive: true });
  mkdirSync(join(dir, 'schemas'), { recursive: true });
  writeFileSync(join(dir, 'schemas/order-placed.json'), JSON.stringify(ORDER_PLACED.schema));
  writeFileSync(
    join(dir, 'app.yaml'),
    `name: samples
buses:
  orders: {}
events:
  OrderPlaced:
    bus: orders
    source: shop.orders
    schema: schemas/order-placed.json
  PaymentFailed:
    bus: orders
    source: shop.payments
    schema: { type: object, required: [reason], properties: { reason: { enum: [declined, expired] } } }
functions:
  onOrder:
    triggers:
      - event: { bus: orders, pattern: { detail-type: [OrderPlaced], detail: { total: [{ numeric: [">=", 500] }] } } }
  onAny:
    triggers:
      - event: { bus: orders, pattern: { source: [shop.orders, shop.payments] } }
`,
  );
  const echo = 'export const handler = async (e: unknown) => e;';
  writeFileSync(join(dir, 'src/handlers/onOrder.ts'), echo);
  writeFileSync(join(dir, 'src/handlers/onAny.ts'), echo);

  async function invoke(fn: string, sample: string | true): Promise<Record<string, any>> {
    let out = '';
    const ui = createUi({ stdout: new Writable({ write: (c, _e, cb) => ((out += c), cb()) }), stderr: new Writable({ write: (_c, _e, cb) => cb() }), env: { NO_COLOR: '1' } });
    expect(await invokeCommand(fn, { cwd: dir, sample }, { ui })).toBe(0);
    return JSON.parse(out);
  }

  it('--sample event: the declared event the rule matches, its detail valid and matched by the pattern', async () => {
    const e = await invoke('onOrder', 'event');
    expect(e).toMatchObject({ source: 'shop.orders', 'detail-type': 'OrderPlaced' });
    expect(ajv.validate(ORDER_PLACED.schema as object, e.detail)).toBe(true);
    expect(e.detail.total).toBeGreaterThanOrEqual(500);
    // deterministic: the same detail again
    expect((await invoke('onOrder', true)).detail).toEqual(e.detail);
  });

  it('--sample PaymentFailed names the event', async () => {
    const e = await invoke('onAny', 'PaymentFailed');
    expect(e).toMatchObject({ source: 'shop.payments', 'detail-type': 'PaymentFailed' });
    expect(['declined', 'expired']).toContain(e.detail.reason);
  });

  it('refuses an event the function’s rule does not match, and an unknown name with a suggestion', async () => {
    const refused = await invokeCommand('onOrder', { cwd: dir, sample: 'PaymentFailed' }).catch((e: UsageError) => e);
    expect(refused).toBeInstanceOf(UsageError);
    expect((refused as UsageError).message).toBe("onOrder's event rule does not match PaymentFailed (source shop.payments, detail-type PaymentFailed)");
    expect((refused as UsageError).hint).toBe('its rule matches OrderPlaced');
    const typo = await invokeCommand('onOrder', { cwd: dir, sample: 'OrderPlacd' }).catch((e: UsageError) => e);
    expect((typo as UsageError).hint).toMatch(/^did you mean 'OrderPlaced'\?/);
  });
});
