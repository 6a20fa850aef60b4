// Patterns checked against declared events: a corpus of good and bad patterns (nested objects,
// arrays, anything-but, exists, $or, numeric, prefix/suffix/wildcard, optional fields, oneOf),
// each bad one with the exact position and message a user sees.
import { describe, expect, it } from 'vitest';
import { validateText } from '../../../src/pipeline/validate.js';

const EVENTS = `name: shop
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
        total: { type: number }
        currency: { enum: [EUR, USD] }
        coupon: { type: string }
        tags: { type: array, items: { type: string } }
        meta: { type: object }
        customer:
          type: object
          properties:
            id: { type: string }
            tier: { enum: [gold, silver] }
            address: { properties: { country: { type: string } } }
        items:
          type: array
          items: { $ref: "#/$defs/item" }
      $defs:
        item: { type: object, properties: { sku: { type: string }, qty: { type: integer } } }
  PaymentFailed:
    bus: orders
    source: shop.payments
    detailType: Payment Failed
    producers: [createOrder]
    schema:
      type: object
      properties: { orderId: { type: string } }
      oneOf:
        - properties: { reason: { const: card }, card: { properties: { last4: { type: string } } } }
        - properties: { reason: { const: bank }, iban: { type: string } }
functions:
  createOrder:
    uses: [{ bus: orders }]
  onOrder:
    triggers:
      - event:
          bus: orders
          pattern: PATTERN
`;
const LINE = EVENTS.split('\n').findIndex((l) => l.includes('PATTERN')) + 1;
const COL0 = EVENTS.split('\n')[LINE - 1]!.indexOf('PATTERN');

function errors(pattern: string): string[] {
  const { diagnostics } = validateText(EVENTS.replace('PATTERN', pattern), { cwd: '/' });
  return diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.line}:${d.col} ${d.message} | ${d.hint}`);
}

/** The position of the nth occurrence of token in the pattern, as line:col of app.yaml. */
function at(pattern: string, token: string, nth = 1): string {
  let i = -1;
  for (let n = 0; n < nth; n++) i = pattern.indexOf(token, i + 1);
  if (i < 0) throw new Error(`${token} not in ${pattern}`);
  return `${LINE}:${COL0 + i + 1}`;
}

const good: [string, string][] = [
  ['numeric on a number', '{ source: [shop.orders], detail-type: [OrderPlaced], detail: { total: [{ numeric: [">", 100] }] } }'],
  ['nested objects', '{ detail: { customer: { tier: [gold], address: { country: [{ prefix: D }] } } } }'],
  ['array elements through $ref', '{ detail: { items: { sku: [{ wildcard: "ab*" }], qty: [{ numeric: [">=", 2] }] }, tags: [vip] } }'],
  ['anything-but', '{ detail: { currency: [{ anything-but: [EUR] }], orderId: [{ anything-but: { prefix: test- } }] } }'],
  ['an optional field that must be absent', '{ detail-type: [OrderPlaced], detail: { coupon: [{ exists: false }] } }'],
  ['$or over detail fields', '{ source: [shop.orders], $or: [{ detail: { total: [{ numeric: [">", 1] }] } }, { detail: { coupon: [{ exists: true }] } }] }'],
  ['a oneOf branch field', '{ detail-type: [Payment Failed], detail: { reason: [card], card: { last4: [{ suffix: "4" }] } } }'],
  ['the other oneOf branch', '{ detail: { reason: [bank], iban: [{ equals-ignore-case: de00 }] } }'],
  ['an open object', '{ detail: { meta: { anything: [x] } } }'],
  ['a suffix on detail-type', '{ detail-type: [{ suffix: Placed }] }'],
  ['an expression in a source may match any event', '{ source: ["${AWS::StackName}.orders"], detail: { total: [{ numeric: [">", 1] }] } }'],
  ['AWS service events are not checked', '{ source: [aws.s3], detail: { bucket: { name: [b] } } }'],
];

describe('patterns that fit the declared events', () => {
  for (const [name, pattern] of good) it(name, () => expect(errors(pattern)).toEqual([]));
});

const bad: { name: string; pattern: string; expect: [token: string, message: string, nth?: number][] }[] = [
  { name: 'a detail-type typo', pattern: '{ detail-type: [OrderPlacd] }', expect: [['OrderPlacd', "no event declared on bus 'orders' has detail-type 'OrderPlacd' | did you mean 'OrderPlaced'?"]] },
  { name: 'a source typo', pattern: '{ source: [shop.order] }', expect: [['shop.order', "no event declared on bus 'orders' has source 'shop.order' | did you mean 'shop.orders'?"]] },
  { name: 'a nested field typo', pattern: '{ detail: { customer: { tierr: [gold] } } }', expect: [['tierr', "detail.customer.tierr is not in the schema of OrderPlaced, PaymentFailed: this pattern never matches it | did you mean 'tier'?"]] },
  { name: 'numeric on a string', pattern: '{ detail: { orderId: [{ numeric: [">", 1] }] } }', expect: [['{ numeric', 'detail.orderId is a string in the schema: numeric never matches it | compare strings with prefix, suffix, wildcard or an exact value']] },
  { name: 'prefix on a number', pattern: '{ detail-type: [OrderPlaced], detail: { total: [{ prefix: "1" }] } }', expect: [['{ prefix', 'detail.total is a number in the schema: prefix matches strings only | compare numbers with numeric, e.g. { numeric: [">", 0] }']] },
  { name: 'a quoted number', pattern: '{ detail-type: [OrderPlaced], detail: { total: ["100"] } }', expect: [['"100"', 'detail.total is a number in the schema: "100" never matches it | write 100 without quotes, or { numeric: ["=", 100] }']] },
  { name: 'anything-but a string on a number', pattern: '{ detail-type: [OrderPlaced], detail: { total: [{ anything-but: "0" }] } }', expect: [['{ anything-but', 'detail.total is a number in the schema: anything-but strings matches every event | write the number values to exclude']] },
  { name: 'a value outside the enum', pattern: '{ detail: { currency: [GBP, EUR] } }', expect: [['GBP', 'detail.currency is one of "EUR", "USD" in the schema: "GBP" never matches it | declared values: EUR, USD']] },
  { name: 'no declared event matches', pattern: '{ source: [shop.orders], detail-type: [{ prefix: Payment }] }', expect: [['{', "this pattern matches none of the events declared on bus 'orders' | declared: OrderPlaced (shop.orders), PaymentFailed (shop.payments)"]] },
  { name: 'an unknown field in one $or branch', pattern: '{ $or: [{ detail: { total: [{ numeric: [">", 1] }] } }, { detail: { cupon: [{ exists: true }] } }] }', expect: [['cupon', "detail.cupon is not in the schema of OrderPlaced, PaymentFailed: this pattern never matches it | did you mean 'coupon'?"]] },
  { name: 'a value no oneOf branch allows', pattern: '{ detail-type: [Payment Failed], detail: { reason: [cash] } }', expect: [['cash', 'detail.reason is one of "card", "bank" in the schema: "cash" never matches it | declared values: card, bank']] },
  { name: 'a field of array elements', pattern: '{ detail: { items: { skus: [a] } } }', expect: [['skus', "detail.items.skus is not in the schema of OrderPlaced, PaymentFailed: this pattern never matches it | did you mean 'sku'?"]] },
  { name: 'an object compared as a value', pattern: '{ detail-type: [OrderPlaced], detail: { customer: [x] } }', expect: [['x]', 'detail.customer is an object in the schema: "x" never matches it | undefined']] },
  { name: 'wildcard on an integer in an array', pattern: '{ detail: { items: { qty: [{ wildcard: "1*" }] } } }', expect: [['{ wildcard', 'detail.items.qty is a number in the schema: wildcard matches strings only | compare numbers with numeric, e.g. { numeric: [">", 0] }']] },
  { name: 'a field only the other event has', pattern: '{ detail-type: [OrderPlaced], detail: { iban: [x] } }', expect: [['iban', 'detail.iban is not in the schema of OrderPlaced: this pattern never matches it | declared fields at detail: orderId, total, currency, coupon, tags, meta, customer, items']] },
];

describe('patterns that cannot match what the declared events carry', () => {
  for (const c of bad) {
    it(c.name, () => {
      expect(errors(c.pattern)).toEqual(c.expect.map(([token, message, nth]) => `${at(c.pattern, token, nth)} ${message}`));
    });
  }
});

function hints(pattern: string, text = EVENTS): string[] {
  const { diagnostics } = validateText(text.replace('PATTERN', pattern), { cwd: '/' });
  return diagnostics.filter((d) => d.severity === 'hint').map((d) => `${d.line}:${d.col} ${d.message} | ${d.hint}`);
}

// Two events from the same source, so that a pattern on source alone reaches both.
const SAME_SOURCE = EVENTS.replace('source: shop.payments', 'source: shop.orders');

describe('patterns that match more declared events than they seem to (hints, not errors)', () => {
  it('source alone reaching two events', () => {
    const p = '{ source: [shop.orders] }';
    expect(errors(p)).toEqual([]);
    expect(hints(p, SAME_SOURCE)).toEqual([`${at(p, '{')} this pattern matches 2 declared events only through source (no detail-type): OrderPlaced, PaymentFailed | if you mean all of them, list them: detail-type: [OrderPlaced, Payment Failed]`]);
  });
  it('anything-but on detail-type', () => {
    const p = '{ detail-type: [{ anything-but: [Refunded] }] }';
    expect(hints(p)).toEqual([`${at(p, '[{')} this pattern matches 2 declared events through anything-but on detail-type: OrderPlaced, PaymentFailed | if you mean all of them, list them: detail-type: [OrderPlaced, Payment Failed]`]);
  });
  it('a wildcard on detail-type', () => {
    const p = '{ source: [shop.orders, shop.payments], detail-type: [{ wildcard: "*a*" }] }';
    expect(hints(p)).toEqual([`${at(p, '[{')} this pattern matches 2 declared events through wildcard on detail-type: OrderPlaced, PaymentFailed | if you mean all of them, list them: detail-type: [OrderPlaced, Payment Failed]`]);
  });
  it('detail fields alone that both schemas have', () => {
    const p = '{ detail: { orderId: [{ prefix: o- }] } }';
    expect(hints(p)).toEqual([`${at(p, '{')} this pattern matches 2 declared events with no source or detail-type: OrderPlaced, PaymentFailed | if you mean all of them, list them: detail-type: [OrderPlaced, Payment Failed]`]);
  });
  const quiet: [string, string][] = [
    ['detail-types listed by name', '{ detail-type: [OrderPlaced, Payment Failed] }'],
    ['a prefix reaching one event', '{ detail-type: [{ prefix: Order }] }'],
    ['source alone reaching one event', '{ source: [shop.orders] }'],
    ['a detail field only one schema has', '{ detail: { total: [{ numeric: [">", 0] }] } }'],
  ];
  for (const [name, p] of quiet) it(`no hint: ${name}`, () => expect(hints(p)).toEqual([]));
});
