// End to end: the built CLI runs `eda dev` on a temp copy of the order-pipeline example
// (handlers use the real AWS SDK) and the test drives it like a developer would: an order
// through API → table → bus → rule → workflow → queue → worker, the topic fan-out, a poison
// message to its DLQ, a hot reload, then Ctrl-C.
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { execa, type ResultPromise } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';

const root = resolve(import.meta.dirname, '../..');
const example = join(root, 'examples/order-pipeline');

type Line = Record<string, any> & { kind: string };

async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => res(port));
    });
  });
}

let dir: string;
let dev: ResultPromise;
const lines: Line[] = [];
const waiters: { match: (l: Line) => boolean; resolve: (l: Line) => void }[] = [];
let ready: Line;
let stderr = '';

function waitFor(match: (l: Line) => boolean, timeoutMs = 30_000, from = 0): Promise<Line> {
  const seen = lines.slice(from).find(match);
  if (seen) return Promise.resolve(seen);
  return new Promise((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`timed out waiting; last lines:\n${lines.slice(-15).map((l) => JSON.stringify(l)).join('\n')}\nstderr: ${stderr}`)), timeoutMs);
    waiters.push({ match, resolve: (l) => (clearTimeout(timer), res(l)) });
  });
}

beforeAll(async () => {
  await execa('npm', ['run', 'build'], { cwd: root });
  dir = mkdtempSync(join(tmpdir(), 'eda-dev-e2e-'));
  cpSync(example, dir, { recursive: true, filter: (src) => !src.includes(`${example}/.eda`) });
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  // a short visibility timeout so the poison message reaches its DLQ in seconds, not minutes
  const doc = parseDocument(readFileSync(join(dir, 'app.yaml'), 'utf8'));
  doc.setIn(['functions', 'settlePayment', 'timeout'], 2);
  doc.setIn(['queues', 'payments', 'visibilityTimeout'], 2);
  doc.setIn(['queues', 'payments', 'dlq', 'maxReceives'], 2);
  writeFileSync(join(dir, 'app.yaml'), doc.toString());
  const port = await freePort();
  dev = execa('node', [join(root, 'bin/eda.js'), 'dev', '--cwd', dir, '--port', String(port), '--json'], { cwd: root, reject: false, env: { NO_COLOR: '1' } });
  dev.stderr!.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
  let buffer = '';
  dev.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    let i: number;
    while ((i = buffer.indexOf('\n')) >= 0) {
      const text = buffer.slice(0, i);
      buffer = buffer.slice(i + 1);
      if (!text.trim()) continue;
      const line = JSON.parse(text) as Line;
      lines.push(line);
      for (const w of [...waiters]) {
        if (w.match(line)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(line);
        }
      }
    }
  });
  ready = await waitFor((l) => l.kind === 'ready', 60_000);
}, 120_000);

afterAll(async () => {
  if (dev && dev.exitCode === null) dev.kill('SIGKILL');
  await dev?.catch(() => undefined);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('eda dev (built CLI) on the order-pipeline example', () => {
  let orderId: string;

  it('prints a ready line with the API URL and the AWS endpoints', () => {
    expect(ready.apis.public).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(ready.services).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(ready.queues.payments).toBe(`${ready.services}/000000000000/shop-dev-payments`);
  });

  it('drives an order through API → table → bus → rule → workflow → queue → worker', async () => {
    const res = await fetch(`${ready.apis.public}/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ customerId: 'c-1', items: [{ sku: 'tea', quantity: 2, price: 12.5 }] }),
    });
    expect(res.status).toBe(201);
    const order = (await res.json()) as { id: string; status: string; total: number };
    orderId = order.id;
    expect(order).toMatchObject({ status: 'PLACED', total: 25 });

    const bus = await waitFor((l) => l.kind === 'bus' && l.bus === 'orders' && l.detailType === 'OrderPlaced');
    await waitFor((l) => l.kind === 'rule' && l.rule === 'order-placed' && l.eventId === bus.eventId);
    const start = await waitFor((l) => l.kind === 'workflow' && l.workflow === 'process-order' && l.action === 'start');
    for (const state of ['ValidateOrder', 'ProcessPayment', 'IsPaymentSuccessful', 'ShipOrder']) {
      await waitFor((l) => l.kind === 'state' && l.execution === start.execution && l.state === state && l.action === 'exit');
    }
    await waitFor((l) => l.kind === 'workflow' && l.execution === start.execution && l.action === 'succeed');
    await waitFor((l) => l.kind === 'queue' && l.queue === 'payments' && l.action === 'send');
    await waitFor((l) => l.kind === 'invoke' && l.function === 'settlePayment' && l.ok === true);

    const got = await fetch(`${ready.apis.public}/orders/${orderId}`);
    expect(got.status).toBe(200);
    expect(await got.json()).toMatchObject({ id: orderId, status: 'SHIPPED', paymentId: `pay-${orderId}`, paidAmount: 25 });
  });

  it('fans the shipping notification out to email and the audit queue', async () => {
    await waitFor((l) => l.kind === 'topic' && l.topic === 'notifications' && l.action === 'publish');
    await waitFor((l) => l.kind === 'topic' && l.action === 'deliver' && l.to === 'queue audit' && l.raw === true);
    await waitFor((l) => l.kind === 'topic' && l.action === 'deliver' && String(l.to).startsWith('email ops@example.com'));
    await waitFor((l) => l.kind === 'invoke' && l.function === 'recordAudit' && l.ok === true);
    const log = await waitFor((l) => l.kind === 'log' && l.function === 'recordAudit' && String(l.text).includes(orderId));
    expect(JSON.parse(log.text)).toMatchObject({ audit: true });
  });

  it('retries a poison message and moves it to the DLQ after maxReceives', async () => {
    const sqs = new SQSClient({ endpoint: ready.services, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
    const { MessageId } = await sqs.send(new SendMessageCommand({ QueueUrl: ready.queues.payments, MessageBody: 'this is not a payment' }));
    await waitFor((l) => l.kind === 'queue' && l.action === 'retry' && l.queue === 'payments' && l.messageIds.includes(MessageId) && l.receiveCount === 1);
    await waitFor((l) => l.kind === 'queue' && l.action === 'retry' && l.messageIds.includes(MessageId) && l.receiveCount === 2);
    const moved = await waitFor((l) => l.kind === 'queue' && l.action === 'dlq' && l.messageIds.includes(MessageId));
    expect(moved.to).toBe('payments:dlq');
    const dead = await sqs.send(new ReceiveMessageCommand({ QueueUrl: ready.queues['payments:dlq'], WaitTimeSeconds: 2 }));
    expect(dead.Messages?.[0]).toMatchObject({ MessageId, Body: 'this is not a payment' });
  });

  it('serves the edited handler on the next request (hot reload)', async () => {
    const file = join(dir, 'src/handlers/getOrder.ts');
    writeFileSync(file, readFileSync(file, 'utf8').replace("headers: { 'content-type': 'application/json' }", "headers: { 'content-type': 'application/json', 'x-handler-version': 'edited' }"));
    const started = performance.now();
    const res = await fetch(`${ready.apis.public}/orders/${orderId}`);
    const ms = performance.now() - started;
    expect(res.status).toBe(200);
    expect(res.headers.get('x-handler-version')).toBe('edited');
    const reload = await waitFor((l) => l.kind === 'reload' && l.functions.includes('getOrder'));
    expect(reload.ms).toBeLessThan(500);
    expect(ms).toBeLessThan(5000);
  });

  it('answers an unknown route with 404', async () => {
    const res = await fetch(`${ready.apis.public}/nothing/here`);
    expect(res.status).toBe(404);
    await waitFor((l) => l.kind === 'http' && l.path === '/nothing/here' && l.status === 404);
  });

  it('stops cleanly on Ctrl-C', async () => {
    dev.kill('SIGINT');
    const result = await dev;
    expect(result.exitCode).toBe(0);
    expect(lines.at(-1)).toMatchObject({ kind: 'stopped' });
  });
});

describe('eda invoke (built CLI)', () => {
  it('runs one handler with a sample event for its trigger and prints the result', async () => {
    const r = await execa('node', [join(root, 'bin/eda.js'), 'invoke', 'getOrder', '--cwd', example, '--sample', 'http'], { reject: false, env: { NO_COLOR: '1' } });
    expect(r.exitCode).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result).toMatchObject({ statusCode: 404 });
    expect(JSON.parse(result.body).message).toBe('no order id-123');
    expect(r.stderr).toMatch(/getOrder ← eda invoke \(sample http\) ok/);
  });

  it('exits 1 and prints the error when the handler throws', async () => {
    const event = join(tmpdir(), `eda-invoke-${process.pid}.json`);
    writeFileSync(event, JSON.stringify({ id: 'missing' }));
    const r = await execa('node', [join(root, 'bin/eda.js'), 'invoke', 'validateOrder', '--cwd', example, '--event', event], { reject: false, env: { NO_COLOR: '1' } });
    rmSync(event);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('InvalidOrder: order missing does not exist');
  });
});
