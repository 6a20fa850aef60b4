// events: entries themselves: buses, producers, schema files and their mistakes (positioned in the
// schema file), and the warnings for events nobody consumes or produces.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { validateText } from '../../../src/pipeline/validate.js';

const dir = mkdtempSync(path.join(tmpdir(), 'eda-events-'));
mkdirSync(path.join(dir, 'schemas'));
writeFileSync(path.join(dir, 'schemas/order-placed.json'), '{\n  "type": "object",\n  "properties": {\n    "orderId": { "type": "string" },\n    "total": { "type": "numbr" }\n  }\n}\n');
writeFileSync(path.join(dir, 'schemas/ok.yaml'), 'type: object\nrequired: [orderId]\nproperties:\n  orderId: { type: string }\n');
writeFileSync(path.join(dir, 'schemas/list.json'), '{ "type": "array" }\n');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function diagnostics(yaml: string): string[] {
  return validateText(yaml, { cwd: dir }).diagnostics.map((d) => `${d.file}:${d.line}:${d.col} ${d.severity} ${d.message} | ${d.hint}`);
}

const consumer = `  onOrder:
    triggers:
      - event: { bus: orders, pattern: { source: [shop.orders] } }
`;

describe('events: entries', () => {
  it('a clean contract has no diagnostics', () => {
    const yaml = `name: shop\nbuses:\n  orders: {}\nevents:\n  OrderPlaced: { bus: orders, source: shop.orders, schema: schemas/ok.yaml, producers: [createOrder] }\nfunctions:\n  createOrder: { uses: [{ bus: orders }] }\n${consumer}`;
    expect(diagnostics(yaml)).toEqual([]);
  });

  it('reports an unknown bus, producers that are unknown or may not put on the bus', () => {
    const yaml = `name: shop\nbuses:\n  orders: {}\nevents:\n  OrderPlaced:\n    bus: order\n    source: shop.orders\n    schema: schemas/ok.yaml\n    producers: [createOrder, nope]\nfunctions:\n  createOrder: {}\n`;
    expect(diagnostics(yaml)).toEqual([
      "app.yaml:6:10 error bus 'order' is not declared under buses | did you mean 'orders'?",
      'app.yaml:9:17 error producer \'createOrder\' has no uses: - bus: order, so it may not put OrderPlaced on the bus | add to functions.createOrder.uses:  - bus: order',
      "app.yaml:9:30 error producer 'nope' is not declared under functions | declared functions: createOrder",
    ]);
  });

  it('an event without a schema is one positioned error, not a crash', () => {
    const yaml = 'name: shop\nbuses:\n  orders: {}\nevents:\n  OrderPlaced:\n    bus: orders\n    source: shop.orders\n';
    expect(diagnostics(yaml).filter((d) => d.includes(' error '))).toEqual(["app.yaml:5:3 error events.OrderPlaced is missing 'schema' | an event declares its detail's JSON Schema: a file such as schema: schemas/order-placed.json, or inline"]);
  });

  it('reports a missing schema file at the key, an invalid schema at its line and column', () => {
    const yaml = `name: shop\nevents:\n  A: { source: s, schema: schemas/none.json }\n  B: { source: s, schema: schemas/order-placed.json }\n  C: { source: s, schema: schemas/list.json }\n  D: { source: s, schema: { type: object, required: orderId } }\n  E: { source: s, schema: ../outside.json }\n`;
    expect(diagnostics(yaml)).toEqual([
      "app.yaml:3:27 error schema file 'schemas/none.json' does not exist | create schemas/none.json (a JSON Schema of the event's detail), or write the schema inline",
      'app.yaml:6:53 error invalid JSON Schema for event D: required must be array | event schemas are JSON Schema draft 2020-12',
      "app.yaml:7:27 error schema file '../outside.json' is outside the project folder | keep event schemas in the project, e.g. schemas/E.json",
      'schemas/list.json:1:11 error invalid JSON Schema for event C: an event\'s detail is a JSON object, but this schema\'s type is "array" | event schemas are JSON Schema draft 2020-12',
      'schemas/order-placed.json:5:24 error invalid JSON Schema for event B: type must be equal to one of the allowed values ("array", "boolean", "integer", "null", "number", "object", "string") | did you mean \'number\'?',
    ]);
  });

  it('warns of an event no rule consumes and of a rule consuming an event nobody produces', () => {
    const yaml = `name: shop\nbuses:\n  orders: {}\nevents:\n  OrderPlaced: { bus: orders, source: shop.orders, schema: { type: object } }\n  OrderShipped: { bus: orders, source: shop.shipping, schema: { type: object }, producers: [onOrder] }\nfunctions:\n${consumer}    uses: [{ bus: orders }]\n`;
    expect(diagnostics(yaml)).toEqual([
      'app.yaml:6:3 warning no rule or event trigger consumes event OrderShipped | add a trigger: - event: { bus: orders, pattern: { detail-type: [OrderShipped] } }',
      'app.yaml:10:40 warning this pattern consumes OrderPlaced, which no function of this app produces | list its producers under events.OrderPlaced.producers (ignore this if it comes from outside the app)',
    ]);
  });

  it('checks declared rules on the default bus, and leaves AWS service events alone', () => {
    const yaml = `name: shop\nevents:\n  Ping: { source: my.app, schema: { type: object, properties: { n: { type: number } } } }\nrules:\n  aws: { pattern: { source: [aws.ec2] }, targets: [{ function: f }] }\n  mine: { pattern: { source: [my.ap] }, targets: [{ function: f }] }\nfunctions:\n  f: {}\n`;
    expect(diagnostics(yaml)).toEqual([
      "app.yaml:3:3 warning no rule or event trigger consumes event Ping | add a trigger: - event: { bus: default, pattern: { detail-type: [Ping] } }",
      "app.yaml:6:31 error no event declared on bus 'default' has source 'my.ap' | did you mean 'my.app'?",
    ]);
  });
});
