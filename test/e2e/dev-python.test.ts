// End to end: the built CLI runs `eda dev` on a mixed app — a TypeScript API handler puts an
// event on a bus, a Python rule target writes it to a table with boto3, a Python queue worker
// reports a partial batch failure whose message lands in the DLQ after maxReceives — and a
// saved .py file is served on the next event.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { execa, type ResultPromise } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pythonInterpreter } from '../../src/local/python/interpreter.js';

const root = resolve(import.meta.dirname, '../..');
type Line = Record<string, any> & { kind: string };

const files: Record<string, string> = {
  'app.yaml': `name: mix
apis:
  public: { type: http }
buses:
  orders: {}
rules:
  order-placed:
    bus: orders
    pattern: { source: [mix.orders], detail-type: [OrderPlaced] }
    targets: [{ function: recordOrder }]
functions:
  placeOrder:
    uses: [{ bus: orders }]
    triggers: [{ http: POST /orders }]
  recordOrder:
    runtime: python3.13
    uses: [{ table: orders }]
  shipWorker:
    runtime: python3.13
    timeout: 2
    triggers: [{ queue: shipments }]
tables:
  orders: { partitionKey: id }
queues:
  shipments:
    visibilityTimeout: 2
    dlq: { maxReceives: 2 }
`,
  'src/handlers/placeOrder.ts': `import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
const events = new EventBridgeClient({});
export const handler = async (event: { body?: string }) => {
  const order = JSON.parse(event.body ?? '{}');
  await events.send(new PutEventsCommand({ Entries: [{ EventBusName: process.env.ORDERS_BUS_NAME, Source: 'mix.orders', DetailType: 'OrderPlaced', Detail: JSON.stringify(order) }] }));
  return { statusCode: 202, body: JSON.stringify({ accepted: order.id }) };
};
`,
  'src/handlers/recordOrder.py': `import os, boto3
table = boto3.resource("dynamodb").Table(os.environ["ORDERS_TABLE_NAME"])
def handler(event, context):
    detail = event["detail"]
    table.put_item(Item={"id": detail["id"], "total": detail["total"], "by": "v1"})
    print("recorded", detail["id"])
`,
  'src/handlers/shipWorker.py': `import json
def handler(event, context):
    failures = []
    for record in event["Records"]:
        if json.loads(record["body"]).get("bad"):
            failures.append({"itemIdentifier": record["messageId"]})
    return {"batchItemFailures": failures}
`,
};

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

function waitFor(match: (l: Line) => boolean, timeoutMs = 30_000): Promise<Line> {
  const seen = lines.find(match);
  if (seen) return Promise.resolve(seen);
  return new Promise((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`timed out waiting; last lines:\n${lines.slice(-15).map((l) => JSON.stringify(l)).join('\n')}\nstderr: ${stderr}`)), timeoutMs);
    waiters.push({ match, resolve: (l) => (clearTimeout(timer), res(l)) });
  });
}

const clients = () => {
  const config = { endpoint: ready.services, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } };
  return { sqs: new SQSClient(config), dynamodb: new DynamoDBClient(config) };
};

beforeAll(async () => {
  await execa('npm', ['run', 'build'], { cwd: root });
  dir = mkdtempSync(join(tmpdir(), 'eda-dev-py-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const port = await freePort();
  // the machine's python3 may be older than python3.13: run on it anyway (the warning stays)
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
}, 180_000);

afterAll(async () => {
  if (dev && dev.exitCode === null) dev.kill('SIGKILL');
  await dev?.catch(() => undefined);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('eda dev (built CLI) on a mixed TypeScript and Python app', () => {
  it('warns at start when the local Python is older than the runtime, and only then', () => {
    const problem = pythonInterpreter('python3.13', process.env).problem;
    const warnings = lines.filter((l) => l.kind === 'warn' && String(l.message).startsWith('python3.13 functions'));
    expect(warnings.map((l) => l.message)).toEqual(problem ? [problem] : []);
  });

  it('API (TypeScript) → bus → rule → Python consumer writing the table with boto3', async () => {
    const res = await fetch(`${ready.apis.public}/orders`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: 'o-1', total: 25 }) });
    expect(res.status).toBe(202);
    await waitFor((l) => l.kind === 'invoke' && l.function === 'recordOrder' && l.ok === true);
    const log = await waitFor((l) => l.kind === 'log' && l.function === 'recordOrder' && l.text === 'recorded o-1');
    expect(log.requestId).toBeTruthy();
    const { Item } = await clients().dynamodb.send(new GetItemCommand({ TableName: 'mix-dev-orders', Key: { id: { S: 'o-1' } } }));
    expect(Item).toEqual({ id: { S: 'o-1' }, total: { N: '25' }, by: { S: 'v1' } });
  });

  it("retries a Python worker's batchItemFailures and moves the failed message to the DLQ after maxReceives", async () => {
    const { sqs } = clients();
    const good = await sqs.send(new SendMessageCommand({ QueueUrl: ready.queues.shipments, MessageBody: JSON.stringify({ id: 's-1' }) }));
    const bad = await sqs.send(new SendMessageCommand({ QueueUrl: ready.queues.shipments, MessageBody: JSON.stringify({ id: 's-2', bad: true }) }));
    await waitFor((l) => l.kind === 'queue' && l.action === 'deliver' && l.messageIds.includes(good.MessageId));
    await waitFor((l) => l.kind === 'queue' && l.action === 'retry' && l.messageIds.includes(bad.MessageId) && l.receiveCount === 1);
    const moved = await waitFor((l) => l.kind === 'queue' && l.action === 'dlq' && l.messageIds.includes(bad.MessageId));
    expect(moved.to).toBe('shipments:dlq');
    const dead = await sqs.send(new ReceiveMessageCommand({ QueueUrl: ready.queues['shipments:dlq'], WaitTimeSeconds: 2 }));
    expect(dead.Messages?.map((m) => m.MessageId)).toEqual([bad.MessageId]);
    // the message the worker did not report was deleted: never retried, never dead-lettered
    expect(lines.some((l) => l.kind === 'queue' && ['retry', 'dlq'].includes(l.action) && l.messageIds.includes(good.MessageId))).toBe(false);
    expect(lines.filter((l) => l.kind === 'queue' && l.action === 'deliver' && l.messageIds.includes(good.MessageId))).toHaveLength(1);
  });

  it('serves a saved .py file on the next event (hot reload)', async () => {
    writeFileSync(join(dir, 'src/handlers/recordOrder.py'), files['src/handlers/recordOrder.py']!.replace('"by": "v1"', '"by": "v2"'));
    await waitFor((l) => l.kind === 'reload' && l.functions.includes('recordOrder'));
    const res = await fetch(`${ready.apis.public}/orders`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: 'o-2', total: 7 }) });
    expect(res.status).toBe(202);
    await waitFor((l) => l.kind === 'log' && l.function === 'recordOrder' && l.text === 'recorded o-2');
    const { Item } = await clients().dynamodb.send(new GetItemCommand({ TableName: 'mix-dev-orders', Key: { id: { S: 'o-2' } } }));
    expect(Item?.by).toEqual({ S: 'v2' });
  });
});
