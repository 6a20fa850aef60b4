// Direct routes in `eda dev`: requests reach the queue, bus, workflow or table without a
// function in front, mapped and answered as the deployed API would (HTTP API integration
// subtypes; REST mapping templates).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocal, type LocalRuntime } from '../../src/local/runtime.js';
import { Trace, type TraceEvent } from '../../src/local/trace.js';
import { loadProject } from '../../src/pipeline/index.js';
import { until } from '../reliability/project.js';

let dir: string;
let rt: LocalRuntime;
const events: TraceEvent[] = [];

const appYaml = (out: string) => `
name: shop
functions:
  worker:
    environment: { OUT: ${out}/worker.out }
    triggers:
      - queue: orders
  payer:
    environment: { OUT: ${out}/payer.out }
    triggers:
      - queue: payments
  listener:
    environment: { OUT: ${out}/listener.out }
    triggers:
      - event: { bus: orders, pattern: { source: [shop.api], detail-type: [OrderRequested] } }
apis:
  ingest:
    routes:
      POST /orders: { queue: orders }
      POST /pay: { queue: payments, messageGroupId: $request.header.x-group }
      POST /events: { bus: orders, source: shop.api, detailType: OrderRequested }
      POST /checkout: { workflow: checkout, sync: true }
      POST /start: { workflow: checkout }
  store:
    type: rest
    routes:
      PUT /orders/{id}: { table: orders }
      GET /orders/{id}: { table: orders }
      DELETE /orders/{id}: { table: orders }
      GET /customers/{customerId}/history: { table: history, action: query }
      POST /history: { table: history }
      POST /checkout: { workflow: checkout, sync: true }
      POST /reject: { workflow: reject, sync: true }
      POST /orders: { queue: orders }
      POST /events: { bus: orders, source: shop.api, detailType: OrderRequested }
queues:
  orders: {}
  payments: { fifo: true }
buses:
  orders: {}
tables:
  orders: { partitionKey: id }
  history: { partitionKey: customerId, sortKey: "at:number" }
workflows:
  checkout:
    type: express
    definition:
      StartAt: Total
      States:
        Total: { Type: Pass, Parameters: { total.$: $.amount, currency: EUR }, End: true }
  reject:
    type: express
    definition:
      StartAt: No
      States:
        No: { Type: Fail, Error: OutOfStock, Cause: nothing left }
`;

const handler = `import { appendFileSync } from 'node:fs';
export const handler = async (event: any) => {
  const bodies = event.Records ? event.Records.map((r: any) => r.body) : [JSON.stringify(event.detail)];
  for (const b of bodies) appendFileSync(process.env.OUT!, b + '\\n');
  return event.Records ? { batchItemFailures: [] } : undefined;
};
`;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'eda-direct-'));
  mkdirSync(join(dir, 'src/handlers'), { recursive: true });
  writeFileSync(join(dir, 'app.yaml'), appYaml(dir));
  for (const fn of ['worker', 'payer', 'listener']) writeFileSync(join(dir, `src/handlers/${fn}.ts`), handler);
  const project = await loadProject({ cwd: dir });
  const trace = new Trace();
  trace.on((e) => void events.push(e));
  rt = await startLocal({ app: project.app, cwd: dir, port: 0, trace, watch: false });
}, 60_000);

afterAll(async () => {
  await rt?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const lines = (file: string) => (existsSync(join(dir, file)) ? readFileSync(join(dir, file), 'utf8').trim().split('\n') : []);
async function call(api: 'ingest' | 'store', method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${rt.endpoints.apis[api]}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, text, json: text ? JSON.parse(text) : undefined };
}

describe('an HTTP API route to a queue', () => {
  it('answers 202 with the message id and delivers the body to the queue worker, no function in front', async () => {
    const r = await call('ingest', 'POST', '/orders', { id: 'o-1' });
    expect(r.status).toBe(202);
    const id = r.json.SendMessageResponse.SendMessageResult.MessageId;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await until(() => lines('worker.out').includes('{"id":"o-1"}'));
    const http = events.find((e) => e.kind === 'http' && e.path === '/orders');
    expect(http).toMatchObject({ status: 202, target: 'queue orders' });
    expect((http as { function?: string }).function).toBeUndefined();
  });

  it('takes a FIFO message group from the header, and refuses a request without one', async () => {
    const ok = await call('ingest', 'POST', '/pay', { n: 1 }, { 'x-group': 'customer-7' });
    expect(ok.status).toBe(202);
    expect(ok.json.SendMessageResponse.SendMessageResult.SequenceNumber).toBeTruthy();
    await until(() => lines('payer.out').includes('{"n":1}'));
    const missing = await call('ingest', 'POST', '/pay', { n: 2 });
    expect(missing.status).toBe(400);
    expect(missing.json.Error.Code).toBe('MissingParameter');
  });
});

describe('a route to a bus', () => {
  it('HTTP: puts the body as the detail; a rule on the bus delivers it', async () => {
    const r = await call('ingest', 'POST', '/events', { sku: 'A-1' });
    expect(r.status).toBe(202);
    expect(r.json).toMatchObject({ FailedEntryCount: 0, Entries: [{ EventId: expect.any(String) }] });
    await until(() => lines('listener.out').includes('{"sku":"A-1"}'));
  });

  it('REST: answers 202 with the event id', async () => {
    const r = await call('store', 'POST', '/events', { sku: 'B-2' });
    expect(r.status).toBe(202);
    expect(Object.keys(r.json)).toEqual(['eventId']);
    await until(() => lines('listener.out').includes('{"sku":"B-2"}'));
  });
});

describe('a sync route to an express workflow', () => {
  it("HTTP: answers with StartSyncExecution's response, output included", async () => {
    const r = await call('ingest', 'POST', '/checkout', { amount: 42 });
    expect(r.status).toBe(200);
    expect(r.json.status).toBe('SUCCEEDED');
    expect(JSON.parse(r.json.output)).toEqual({ total: 42, currency: 'EUR' });
  });

  it('REST: answers with the output itself, and 500 with error and cause when the execution fails', async () => {
    const ok = await call('store', 'POST', '/checkout', { amount: 7 });
    expect(ok).toMatchObject({ status: 200, json: { total: 7, currency: 'EUR' } });
    const failed = await call('store', 'POST', '/reject', {});
    expect(failed).toMatchObject({ status: 500, json: { error: 'OutOfStock', cause: 'nothing left' } });
  });

  it('HTTP: an asynchronous route answers 202 with the execution ARN', async () => {
    const r = await call('ingest', 'POST', '/start', { amount: 1 });
    expect(r.status).toBe(202);
    expect(r.json.executionArn).toMatch(/^arn:aws:states:.*:execution:/);
  });
});

describe('REST routes to a table', () => {
  it('puts the body under the path key, gets it back as plain JSON, deletes it, then answers 404', async () => {
    expect((await call('store', 'PUT', '/orders/o-9', { total: 12.5, paid: true, note: "it's here", tags: ['a'] })).status).toBe(201);
    const got = await call('store', 'GET', '/orders/o-9');
    expect(got).toMatchObject({ status: 200, json: { id: 'o-9', total: 12.5, paid: true, note: "it's here", tags: '["a"]' } });
    expect((await call('store', 'DELETE', '/orders/o-9')).status).toBe(200);
    expect(await call('store', 'GET', '/orders/o-9')).toMatchObject({ status: 404, json: { message: 'Not Found' } });
  });

  it('queries by the partition key from the path', async () => {
    for (const at of [1, 2]) expect((await call('store', 'POST', '/history', { customerId: 'c-1', at, what: `step ${at}` })).status).toBe(201);
    const r = await call('store', 'GET', '/customers/c-1/history');
    expect(r).toMatchObject({ status: 200, json: { items: [{ customerId: 'c-1', at: 1, what: 'step 1' }, { customerId: 'c-1', at: 2, what: 'step 2' }] } });
  });

  it('answers 400 with DynamoDB error when the key is missing from the body', async () => {
    const r = await call('store', 'POST', '/history', { what: 'no key' });
    expect(r.status).toBe(400);
    expect(r.json.__type).toMatch(/ValidationException$/);
  });

  it('refuses a body that is not application/json (passthrough never)', async () => {
    const r = await call('store', 'POST', '/orders', 'plain', { 'content-type': 'text/plain' });
    expect(r).toMatchObject({ status: 415, json: { message: 'Unsupported Media Type' } });
  });

  it('REST queue route answers 202 with just the message id', async () => {
    const r = await call('store', 'POST', '/orders', { id: 'o-rest' });
    expect(r.status).toBe(202);
    expect(Object.keys(r.json)).toEqual(['messageId']);
    await until(() => lines('worker.out').includes('{"id":"o-rest"}'));
  });
});
