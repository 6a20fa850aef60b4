// EventBridge Pipes and API destinations in eda dev, from a real app.yaml with real handlers:
// what a pipe filters, enriches, templates and delivers, what a partial batch failure leaves
// in the queue, where a stream pipe's failed batch goes, and the calls an http target makes.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startLocal, type LocalRuntime } from '../../src/local/runtime.js';
import { loadProject } from '../../src/pipeline/index.js';
import type { Traced } from '../../src/local/trace.js';

let dir: string;
let rt: LocalRuntime;
let server: Server;
const requests: { method?: string; url?: string; headers: IncomingHttpHeaders; body: string }[] = [];

const appYaml = (port: number) => `name: shop
functions:
  enrich: {}
  settle: {}
  failing: {}
tables:
  users:
    partitionKey: id
    stream: newAndOld
  accounts:
    partitionKey: id
    stream: newAndOld
workflows:
  shape:
    type: express
    definition:
      StartAt: Each
      States:
        Each:
          Type: Map
          ItemsPath: $
          ItemSelector: { id.$: $$.Map.Item.Value.dynamodb.Keys.id.S, event.$: $$.Map.Item.Value.eventName }
          ItemProcessor: { StartAt: P, States: { P: { Type: Pass, End: true } } }
          End: true
queues:
  orders: {}
  payments: { visibilityTimeout: 60 }
  out: {}
  changes: {}
buses:
  app: {}
connections:
  hooks:
    auth:
      apiKey: { header: x-api-key, value: '\${secret:hooks-key}' }
rules:
  account-changes:
    bus: app
    pattern: { source: [shop.accounts] }
    targets: [{ queue: changes }]
  notify:
    bus: app
    pattern: { source: [shop] }
    targets:
      - http: { url: 'http://127.0.0.1:${port}/hooks/orders', connection: hooks }
  elsewhere:
    bus: app
    pattern: { source: [far] }
    targets:
      - http: { url: 'https://hooks.example.com/x', connection: hooks, method: PUT }
pipes:
  orders-out:
    source: { queue: orders, batchSize: 10 }
    filter: { body: { type: [placed] } }
    enrichment: { function: enrich }
    target:
      queue: out
      input: '{"order": <$.id>, "total": <$.total>, "pipe": "<aws.pipes.pipe-name>"}'
  payments-settle:
    source: { queue: payments }
    target: { function: settle }
  accounts-to-app:
    source: { table: accounts, batchSize: 10 }
    filter: { eventName: [INSERT] }
    enrichment: { workflow: shape }
    target: { bus: app, source: shop.accounts, detailType: AccountOpened }
  users-fail:
    source: { table: users, maxRetries: 1 }
    target: { function: failing }
`;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      requests.push({ method: req.method, url: req.url, headers: req.headers, body });
      res.writeHead(202).end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  dir = mkdtempSync(join(tmpdir(), 'eda-pipes-'));
  mkdirSync(join(dir, 'src/handlers'), { recursive: true });
  mkdirSync(join(dir, '.eda'), { recursive: true });
  writeFileSync(join(dir, '.eda/secrets.json'), JSON.stringify({ 'hooks-key': 'k-123' }));
  // the enrichment gets the batch as an array and returns an array: each order with its total
  writeFileSync(join(dir, 'src/handlers/enrich.ts'), 'export const handler = async (records: { body: string }[]) => records.map((r) => { const b = JSON.parse(r.body); return { id: b.id, total: b.qty * 10 }; });');
  // the target reports the messages whose body says fail
  writeFileSync(
    join(dir, 'src/handlers/settle.ts'),
    'export const handler = async (records: { messageId: string; body: string }[]) => ({ batchItemFailures: records.filter((r) => JSON.parse(r.body).fail).map((r) => ({ itemIdentifier: r.messageId })) });',
  );
  writeFileSync(join(dir, 'src/handlers/failing.ts'), "export const handler = async () => { throw new Error('downstream is down'); };");
  writeFileSync(join(dir, 'app.yaml'), appYaml(port));
  const project = await loadProject({ cwd: dir });
  rt = await startLocal({ app: project.app, cwd: dir, watch: false, http: false });
}, 60_000);

afterAll(async () => {
  await rt?.stop();
  server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const waitFor = (match: (e: Traced) => boolean, ms = 20_000) => rt.trace.waitFor(match, ms);

describe('a pipe from a queue', () => {
  it('deletes what its filter drops, enriches the rest as one batch, and delivers each templated record', async () => {
    const orders = rt.queue('orders')!;
    orders.send({ body: JSON.stringify({ type: 'placed', id: 'o1', qty: 2 }) });
    orders.send({ body: JSON.stringify({ type: 'cancelled', id: 'o2', qty: 1 }) });
    orders.send({ body: JSON.stringify({ type: 'placed', id: 'o3', qty: 5 }) });
    await waitFor((e) => e.kind === 'pipe' && e.pipe === 'orders-out' && e.action === 'deliver');
    const filtered = rt.trace.recent.find((e) => e.kind === 'pipe' && e.pipe === 'orders-out' && e.action === 'filtered');
    expect(filtered).toMatchObject({ records: 1 });
    const enriched = rt.trace.recent.find((e) => e.kind === 'pipe' && e.pipe === 'orders-out' && e.action === 'enrich');
    expect(enriched).toMatchObject({ records: 2, out: 2, to: 'function enrich' });
    const out = rt.queue('out')!.receive(10).map((m) => JSON.parse(m.body));
    expect(out).toEqual([
      { order: 'o1', total: 20, pipe: 'shop-dev-orders-out' },
      { order: 'o3', total: 50, pipe: 'shop-dev-orders-out' },
    ]);
    await vi.waitFor(() => expect(orders.counts()).toEqual({ visible: 0, inFlight: 0, delayed: 0 }));
  });

  it('leaves only the messages a function target reports in batchItemFailures', async () => {
    const payments = rt.queue('payments')!;
    for (const [id, fail] of [['p1', false], ['p2', true], ['p3', false]] as const) payments.send({ body: JSON.stringify({ id, fail }) });
    const retry = await waitFor((e) => e.kind === 'pipe' && e.pipe === 'payments-settle' && e.action === 'retry');
    expect(retry).toMatchObject({ records: 1, error: { type: 'batchItemFailures', message: '1 of 3 reported failed' } });
    await vi.waitFor(() => expect(payments.counts()).toEqual({ visible: 0, inFlight: 1, delayed: 0 }));
    expect(retry.kind === 'pipe' && retry.visibleInMs).toBeGreaterThan(50_000);
  });
});

describe('a pipe from a table stream', () => {
  it('retries a failing batch maxRetries times, then describes it to the pipe dead-letter queue', async () => {
    await rt.tables.handle('PutItem', JSON.stringify({ TableName: rt.addresses.tableName('users'), Item: { id: { S: 'u1' } } }));
    const dead = await waitFor((e) => e.kind === 'pipe' && e.pipe === 'users-fail' && e.action === 'dlq');
    expect(dead).toMatchObject({ records: 1, attempt: 2, to: 'pipe:users-fail:dlq', error: { type: 'Error', message: 'downstream is down' } });
    const [message] = rt.queue('pipe:users-fail:dlq')!.receive(1);
    expect(JSON.parse(message!.body)).toMatchObject({ context: { condition: 'RetryAttemptsExhausted', approximateInvokeCount: 2 }, DDBStreamBatchInfo: { batchSize: 1 } });
  });
});

describe('a pipe from a table stream to a bus', () => {
  it('filters stream records, enriches the batch with an express workflow, and puts one event per record', async () => {
    const table = rt.addresses.tableName('accounts');
    await rt.tables.handle('PutItem', JSON.stringify({ TableName: table, Item: { id: { S: 'a1' } } }));
    await rt.tables.handle('PutItem', JSON.stringify({ TableName: table, Item: { id: { S: 'a1' }, plan: { S: 'pro' } } }));
    await waitFor((e) => e.kind === 'pipe' && e.pipe === 'accounts-to-app' && e.action === 'deliver');
    const changes = rt.queue('changes')!;
    await vi.waitFor(() => expect(changes.counts().visible).toBe(1));
    const event = JSON.parse(changes.receive(1)[0]!.body);
    expect(event).toMatchObject({ source: 'shop.accounts', 'detail-type': 'AccountOpened', detail: { id: 'a1', event: 'INSERT' } });
    expect(rt.trace.recent.find((e) => e.kind === 'pipe' && e.pipe === 'accounts-to-app' && e.action === 'enrich')).toMatchObject({ to: 'workflow shape', out: 1 });
  });
});

describe('an API destination', () => {
  it('calls a loopback URL with the connection API key header and the event as body, and traces the status', async () => {
    rt.buses.putEvents([{ Source: 'shop', DetailType: 'OrderPlaced', Detail: JSON.stringify({ id: 'o9' }), EventBusName: rt.addresses.busName('app') }]);
    const call = await waitFor((e) => e.kind === 'destination' && e.rule === 'notify');
    expect(call).toMatchObject({ called: true, status: 202, method: 'POST' });
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ method: 'POST', url: '/hooks/orders' });
    expect(requests[0]!.headers['x-api-key']).toBe('k-123');
    expect(JSON.parse(requests[0]!.body)).toMatchObject({ source: 'shop', 'detail-type': 'OrderPlaced', detail: { id: 'o9' } });
  });

  it('only says it would call a URL that is not loopback', async () => {
    rt.buses.putEvents([{ Source: 'far', DetailType: 'X', Detail: '{}', EventBusName: rt.addresses.busName('app') }]);
    const call = await waitFor((e) => e.kind === 'destination' && e.rule === 'elsewhere');
    expect(call).toMatchObject({ called: false, method: 'PUT', url: 'https://hooks.example.com/x' });
    expect(requests).toHaveLength(1);
  });
});

describe('the trace lines', () => {
  it('print each hop of a pipe and each API destination call', async () => {
    const { Chalk } = await import('chalk');
    const { formatEvent, Trace } = await import('../../src/local/trace.js');
    const trace = new Trace(() => Date.UTC(2025, 0, 1, 12));
    const lines: string[] = [];
    trace.on((e) => lines.push(formatEvent(e, new Chalk({ level: 0 })).slice(13)));
    trace.emit({ kind: 'pipe', pipe: 'orders-out', action: 'poll', records: 3, to: 'queue orders' });
    trace.emit({ kind: 'pipe', pipe: 'orders-out', action: 'filtered', records: 1 });
    trace.emit({ kind: 'pipe', pipe: 'orders-out', action: 'enrich', records: 2, to: 'function enrich', out: 2 });
    trace.emit({ kind: 'pipe', pipe: 'orders-out', action: 'deliver', records: 2, to: 'queue out' });
    trace.emit({ kind: 'pipe', pipe: 'payments', action: 'retry', records: 1, visibleInMs: 60_000, error: { type: 'batchItemFailures', message: '1 of 3 reported failed' } });
    trace.emit({ kind: 'pipe', pipe: 'users', action: 'dlq', records: 1, to: 'pipe:users:dlq', attempt: 2, error: { type: 'Error', message: 'down' } });
    trace.emit({ kind: 'destination', rule: 'notify', method: 'POST', url: 'http://127.0.0.1:9/x', called: true, status: 202, ms: 12 });
    trace.emit({ kind: 'destination', rule: 'notify', method: 'PUT', url: 'https://hooks.example.com/x', called: false });
    expect(lines).toEqual([
      'pipe     orders-out ← 3 records from queue orders',
      'pipe     orders-out ✗ 1 record filtered out',
      'pipe     orders-out ⇄ function enrich 2 records in, 2 out',
      'pipe     orders-out → queue out 2 records',
      'pipe     payments ↻ 1 record failed, visible again in 60s batchItemFailures: 1 of 3 reported failed',
      'pipe     users ⇢ dlq pipe:users:dlq 1 record after 2 attempts Error: down',
      'http out notify POST http://127.0.0.1:9/x 202 12ms',
      'http out notify PUT https://hooks.example.com/x would call (eda dev calls loopback URLs only)',
    ]);
  });
});
