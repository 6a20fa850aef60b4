// eda export asyncapi: every example app, an app with declared events and an app without any
// become AsyncAPI 3.0.0 documents valid against the official JSON Schema (@asyncapi/specs),
// with the channels, messages and operations a reader of app.yaml expects.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { asyncApiDocument } from '../../src/graph/asyncapi.js';
import { loadProject } from '../../src/pipeline/index.js';
import { eda, repoRoot, tempProject } from '../support/cli.js';

const require = createRequire(import.meta.url);
const Ajv = require('ajv') as typeof import('ajv').default;
const addFormats = require('ajv-formats') as typeof import('ajv-formats').default;
const specs = require('@asyncapi/specs') as { schemas: Record<string, object> };

// the AsyncAPI schema embeds the draft-07 meta-schema itself: ajv's own copy would clash with it
const ajv = new Ajv({ allErrors: true, strict: false, meta: false, validateSchema: false });
addFormats(ajv);
const validateAsyncApi = ajv.compile(specs.schemas['3.0.0']!);

function errorsOf(doc: unknown): string[] {
  return validateAsyncApi(doc) ? [] : (validateAsyncApi.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

const EVENTS_APP = `name: shop
buses:
  orders: {}
queues:
  audit: {}
topics:
  alerts:
    subscriptions:
      - queue: audit
events:
  OrderPlaced:
    bus: orders
    source: shop.orders
    producers: [createOrder]
    schema:
      type: object
      required: [orderId, total]
      properties:
        orderId: { type: string, format: uuid }
        total: { type: number, exclusiveMinimum: 0 }
        currency: { const: EUR }
        items: { type: array, prefixItems: [{ $ref: "#/$defs/item" }] }
      $defs:
        item: { type: object, properties: { sku: { type: string } } }
  PaymentFailed:
    bus: orders
    source: shop.payments
    detailType: Payment Failed
    schema: { type: object, properties: { orderId: { type: string } } }
rules:
  toAudit:
    bus: orders
    pattern: { source: [shop.orders] }
    targets: [{ queue: audit }]
functions:
  createOrder:
    uses: [{ bus: orders }, { topic: alerts }]
  onFailure:
    triggers:
      - event: { bus: orders, pattern: { detail-type: [Payment Failed] } }
  auditor:
    triggers: [{ queue: audit }]
`;

describe('AsyncAPI 3.0.0 documents, valid against the official schema', () => {
  const examples = ['api-crud', 'fan-out', 'order-pipeline', 'scheduled', ...readdirSync(path.join(repoRoot, 'examples/patterns')).map((p) => `patterns/${p}`)].filter((e) => existsSync(path.join(repoRoot, 'examples', e, 'app.yaml')));
  for (const example of examples) {
    it(`examples/${example}`, async () => {
      const project = await loadProject({ cwd: path.join(repoRoot, 'examples', example) });
      const doc = asyncApiDocument(project.app);
      expect(errorsOf(doc)).toEqual([]);
      expect(doc.asyncapi).toBe('3.0.0');
    });
  }

  it('an app without events: channels and operations, no messages', async () => {
    const project = await loadProject({ cwd: tempProject({ 'app.yaml': 'name: plain\nqueues:\n  jobs: {}\nfunctions:\n  worker:\n    triggers: [{ queue: jobs }]\n  enqueue:\n    uses: [{ queue: jobs }]\n' }) });
    const doc = asyncApiDocument(project.app) as Record<string, any>;
    expect(errorsOf(doc)).toEqual([]);
    expect(Object.keys(doc.servers)).toEqual(['sqs']);
    expect(doc.servers.sqs).toMatchObject({ host: 'sqs.{region}.amazonaws.com', protocol: 'sqs', variables: { region: { default: 'us-east-1' } } });
    expect(Object.keys(doc.channels)).toEqual(['queue.jobs']);
    expect(doc.operations).toEqual({
      enqueueSendsToJobs: expect.objectContaining({ action: 'send', channel: { $ref: '#/channels/queue.jobs' } }),
      workerReceivesJobs: expect.objectContaining({ action: 'receive', channel: { $ref: '#/channels/queue.jobs' } }),
    });
    expect(doc.components).toBeUndefined();
  });

  it('a queue or topic with a message schema carries it: its senders and receivers name it', async () => {
    const app = `name: jobs
queues:
  work:
    message: { type: object, required: [jobId], properties: { jobId: { type: string, format: uuid }, step: { $ref: "#/$defs/step" } }, $defs: { step: { enum: [start, stop] } } }
topics:
  done:
    message: { type: object, required: [jobId], properties: { jobId: { type: string } } }
functions:
  enqueue:
    uses: [{ queue: work }, { topic: done }]
  worker:
    triggers: [{ queue: work }, { topic: done }]
`;
    const doc = asyncApiDocument((await loadProject({ cwd: tempProject({ 'app.yaml': app }) })).app) as Record<string, any>;
    expect(errorsOf(doc)).toEqual([]);
    expect(doc.channels['queue.work'].messages).toEqual({ WorkQueueMessage: { $ref: '#/components/messages/WorkQueueMessage' } });
    expect(doc.channels['topic.done'].messages).toEqual({ DoneTopicMessage: { $ref: '#/components/messages/DoneTopicMessage' } });
    const work = doc.components.messages.WorkQueueMessage;
    expect(work.payload.properties.step).toEqual({ $ref: '#/components/schemas/WorkQueueMessage.step' });
    expect(doc.components.schemas['WorkQueueMessage.step']).toEqual({ enum: ['start', 'stop'] });
    expect(work.examples[0].payload).toEqual(expect.objectContaining({ jobId: expect.stringMatching(/^[0-9a-f-]{36}$/) }));
    expect(doc.operations.enqueueSendsToWork.messages).toEqual([{ $ref: '#/channels/queue.work/messages/WorkQueueMessage' }]);
    expect(doc.operations.enqueuePublishesToDone.messages).toEqual([{ $ref: '#/channels/topic.done/messages/DoneTopicMessage' }]);
    expect(doc.operations.workerReceivesWork.messages).toEqual([{ $ref: '#/channels/queue.work/messages/WorkQueueMessage' }]);
  });

  describe('an app with events', () => {
    let doc: Record<string, any>;
    beforeAll(async () => {
      const project = await loadProject({ cwd: tempProject({ 'app.yaml': EVENTS_APP }) });
      doc = asyncApiDocument(project.app, { region: 'eu-west-1' });
    });

    it('is valid (and the validator does reject a broken document)', () => {
      expect(errorsOf(doc)).toEqual([]);
      expect(errorsOf({ ...doc, operations: { x: { action: 'publish', channel: { $ref: '#/channels/bus.orders' } } } })).not.toEqual([]);
      expect(errorsOf({ ...doc, info: { title: 'shop' } })).not.toEqual([]);
    });

    it('has a server per service in the region, and a channel per bus, topic and queue', () => {
      expect(Object.keys(doc.servers)).toEqual(['eventbridge', 'sns', 'sqs']);
      expect(doc.servers.eventbridge.variables.region.default).toBe('eu-west-1');
      expect(Object.keys(doc.channels).sort()).toEqual(['bus.orders', 'queue.audit', 'topic.alerts']);
      expect(doc.channels['bus.orders']).toMatchObject({ address: 'shop-dev-orders', servers: [{ $ref: '#/servers/eventbridge' }] });
      expect(doc.channels['bus.orders'].messages).toEqual({ OrderPlaced: { $ref: '#/components/messages/OrderPlaced' }, PaymentFailed: { $ref: '#/components/messages/PaymentFailed' } });
      // the rule passes OrderPlaced on to the audit queue unchanged
      expect(doc.channels['queue.audit'].messages).toEqual({ OrderPlaced: { $ref: '#/components/messages/OrderPlaced' } });
    });

    it('describes each event as its EventBridge envelope, the detail its schema in draft 7', () => {
      const m = doc.components.messages.PaymentFailed;
      expect(m).toMatchObject({ name: 'Payment Failed', contentType: 'application/json', summary: 'source shop.payments, detail-type Payment Failed, on bus orders' });
      expect(m.payload.properties.source).toEqual({ type: 'string', const: 'shop.payments' });
      expect(m.payload.properties['detail-type']).toEqual({ type: 'string', const: 'Payment Failed' });
      const detail = doc.components.messages.OrderPlaced.payload.properties.detail;
      expect(detail.properties.total).toEqual({ type: 'number', exclusiveMinimum: 0 });
      expect(detail.properties.currency).toEqual({ const: 'EUR' });
      // a $ref in an AsyncAPI document resolves from the document's root: the definitions move to components.schemas
      expect(detail.properties.items).toEqual({ type: 'array', items: [{ $ref: '#/components/schemas/OrderPlaced.item' }] });
      expect(doc.components.schemas).toEqual({ 'OrderPlaced.item': { type: 'object', properties: { sku: { type: 'string' } } } });
      expect(detail.definitions).toBeUndefined();
    });

    it('gives each message a sample its own payload schema accepts', () => {
      // the payload validated in place, its $refs resolved from the document's root
      const check = new Ajv({ strict: false, allErrors: true });
      addFormats(check);
      check.addSchema(doc, 'asyncapi.json');
      for (const [name, m] of Object.entries(doc.components.messages) as [string, Record<string, any>][]) {
        const [example] = m.examples;
        expect(example.payload).toMatchObject({ source: m.payload.properties.source.const, 'detail-type': m.payload.properties['detail-type'].const, region: 'eu-west-1' });
        const valid = check.validate({ $ref: `asyncapi.json#/components/messages/${name}/payload` }, example.payload);
        expect(valid ? [] : check.errors).toEqual([]);
      }
      // and the check is a real one: a wrong detail-type or an item that is not an object fails it
      const placed = doc.components.messages.OrderPlaced.examples[0].payload;
      expect(check.validate({ $ref: 'asyncapi.json#/components/messages/OrderPlaced/payload' }, { ...placed, 'detail-type': 'Other' })).toBe(false);
      expect(check.validate({ $ref: 'asyncapi.json#/components/messages/OrderPlaced/payload' }, { ...placed, detail: { ...placed.detail, items: ['x'] } })).toBe(false);
    });

    it('producers send, rule targets, subscribers and queue triggers receive', () => {
      const ops = doc.operations;
      expect(ops.createOrderPutsOrders).toEqual({ action: 'send', channel: { $ref: '#/channels/bus.orders' }, summary: 'createOrder puts events on bus orders (PutEvents)', messages: [{ $ref: '#/channels/bus.orders/messages/OrderPlaced' }] });
      expect(ops.createOrderPublishesToAlerts).toMatchObject({ action: 'send', channel: { $ref: '#/channels/topic.alerts' } });
      expect(ops.auditReceivesToAudit).toMatchObject({ action: 'receive', channel: { $ref: '#/channels/bus.orders' }, messages: [{ $ref: '#/channels/bus.orders/messages/OrderPlaced' }], 'x-eda-delivers-to': { $ref: '#/channels/queue.audit' } });
      const onFailure = Object.entries(ops).find(([k]) => k.startsWith('onFailureReceives'))![1] as Record<string, unknown>;
      expect(onFailure).toMatchObject({ action: 'receive', messages: [{ $ref: '#/channels/bus.orders/messages/PaymentFailed' }] });
      expect(ops.auditReceivesAlerts).toMatchObject({ action: 'receive', channel: { $ref: '#/channels/topic.alerts' } });
      expect(ops.auditorReceivesAudit).toMatchObject({ action: 'receive', channel: { $ref: '#/channels/queue.audit' } });
    });
  });
});

describe('eda export asyncapi', () => {
  it('writes YAML to stdout, JSON to --out; an unknown target or format is a usage error', async () => {
    const dir = tempProject({ 'app.yaml': EVENTS_APP });
    const yaml = await eda(['export', 'asyncapi', '--cwd', dir]);
    expect(yaml.exitCode).toBe(0);
    expect(errorsOf(parse(yaml.stdout))).toEqual([]);
    const file = await eda(['export', 'asyncapi', '--cwd', dir, '--out', 'asyncapi.json']);
    expect(file.exitCode).toBe(0);
    expect(file.stdout).toBe('✓ asyncapi.json: AsyncAPI 3.0.0 (json), 3 channels, 2 messages, 6 operations');
    expect(errorsOf(JSON.parse(readFileSync(path.join(dir, 'asyncapi.json'), 'utf8')))).toEqual([]);
    const typo = await eda(['export', 'asyncapy', '--cwd', dir]);
    expect(typo.exitCode).toBe(2);
    expect(typo.stderr).toContain("eda export has no target 'asyncapy'");
    expect(typo.stderr).toContain("did you mean 'asyncapi'?");
    const format = await eda(['export', 'asyncapi', '--cwd', dir, '--format', 'xml']);
    expect(format.exitCode).toBe(2);
  });

  it('an invalid app.yaml: exit 1, positioned, nothing written', async () => {
    const dir = tempProject({ 'app.yaml': EVENTS_APP.replace('bus: orders\n    source: shop.orders', 'bus: order\n    source: shop.orders') });
    const r = await eda(['export', 'asyncapi', '--cwd', dir, '--out', 'asyncapi.yaml']);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/app\.yaml:\d+:\d+/);
    expect(r.stderr).toContain("did you mean 'orders'?");
    expect(existsSync(path.join(dir, 'asyncapi.yaml'))).toBe(false);
  });
});
