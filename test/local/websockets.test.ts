// `eda dev` serving the apigw-websocket-api-lambda pattern end to end, with a real WebSocket
// client and the handlers' unmodified SDK calls: $connect and $disconnect reach their handlers,
// messages are routed by $request.body.action, a handler's PostToConnection reaches the
// clients, and the management API answers GetConnection, DeleteConnection and GoneException.
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { ApiGatewayManagementApiClient, DeleteConnectionCommand, GetConnectionCommand, PostToConnectionCommand } from '@aws-sdk/client-apigatewaymanagementapi';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { devCommand } from '../../src/cli/commands/dev.js';
import { createUi } from '../../src/cli/kit/output.js';
import { eda, repoRoot } from '../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'eda-ws-'));
let out = '';
const controller = new AbortController();
let done: Promise<number>;
let ready: { apis: Record<string, string>; services: string; tables: Record<string, string> };
const credentials = { accessKeyId: 'a', secretAccessKey: 'b' };

const lines = () => out.split('\n').filter(Boolean).map((l) => JSON.parse(l));
async function until<T>(fn: () => T | undefined, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A client that keeps every frame it receives. */
async function connect(url: string): Promise<{ ws: WebSocket; frames: string[]; closed: Promise<number> }> {
  const ws = new WebSocket(url);
  const frames: string[] = [];
  ws.on('message', (data) => frames.push(data.toString()));
  const closed = new Promise<number>((r) => ws.on('close', (code) => r(code)));
  await new Promise<void>((r, j) => {
    ws.once('open', () => r());
    ws.once('error', j);
  });
  return { ws, frames, closed };
}

const connectionIds = async () => {
  const db = new DynamoDBClient({ endpoint: ready.services, region: 'us-east-1', credentials });
  const { Items = [] } = await db.send(new ScanCommand({ TableName: ready.tables.connections }));
  return Items.map((i) => i.connectionId!.S!);
};

beforeAll(async () => {
  cpSync(join(repoRoot, 'examples/patterns/apigw-websocket-api-lambda'), dir, { recursive: true });
  symlinkSync(resolve(repoRoot, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const synth = await eda(['synth', '--cwd', dir]);
  expect(synth.exitCode).toBe(0);
  const stdout = new Writable({ write: (c, _e, cb) => ((out += c), cb()) });
  const ui = createUi({ stdout, stderr: stdout, json: true, env: { NO_COLOR: '1' } });
  done = devCommand({ cwd: dir, port: 0 }, { ui, signal: controller.signal });
  ready = await until(() => lines().find((l) => l.kind === 'ready'));
}, 120_000);

afterAll(async () => {
  controller.abort();
  await done;
  rmSync(dir, { recursive: true, force: true });
});

describe('eda dev: a WebSocket API', () => {
  it('calls $connect, routes by action, delivers PostToConnection and calls $disconnect', async () => {
    expect(ready.apis.chat).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/);
    const a = await connect(ready.apis.chat!);
    const b = await connect(ready.apis.chat!);
    await until(() => (lines().filter((l) => l.kind === 'invoke' && l.function === 'onConnect' && l.ok).length === 2 ? true : undefined));
    expect(await connectionIds()).toHaveLength(2);

    a.ws.send(JSON.stringify({ action: 'post', data: 'hello' }));
    await until(() => (a.frames.includes('hello') && b.frames.includes('hello') ? true : undefined));
    // the handler posts to both connections before it returns: its invoke line is traced after the frames arrive
    expect(await until(() => lines().find((l) => l.kind === 'invoke' && l.function === 'post'))).toMatchObject({ ok: true, trigger: 'websocket chat post' });

    b.ws.close(1000, 'bye');
    expect(await b.closed).toBe(1000);
    await until(() => lines().find((l) => l.kind === 'invoke' && l.function === 'onDisconnect' && l.ok));
    expect(await connectionIds()).toHaveLength(1);

    a.ws.send(JSON.stringify({ action: 'post', data: 'second' }));
    await until(() => (a.frames.includes('second') ? true : undefined));
    expect(b.frames).toEqual(['hello']);
    a.ws.close();
    await a.closed;
  }, 60_000);

  it('answers a message no route takes with Forbidden, as API Gateway does without $default', async () => {
    const c = await connect(ready.apis.chat!);
    c.ws.send(JSON.stringify({ action: 'nope' }));
    c.ws.send('not json');
    await until(() => (c.frames.length === 2 ? true : undefined));
    for (const frame of c.frames) expect(JSON.parse(frame)).toMatchObject({ message: 'Forbidden', connectionId: expect.any(String), requestId: expect.any(String) });
    c.ws.close();
    await c.closed;
  }, 30_000);

  it('serves the management API: GetConnection, PostToConnection, DeleteConnection, GoneException', async () => {
    const known = new Set(await connectionIds());
    const c = await connect(ready.apis.chat!);
    let id: string | undefined;
    for (let i = 0; i < 100 && !id; i++) {
      id = (await connectionIds()).find((x) => !known.has(x));
      if (!id) await new Promise((r) => setTimeout(r, 50));
    }
    expect(id).toBeDefined();
    const client = new ApiGatewayManagementApiClient({ endpoint: `${ready.services}/execute-api/chat/dev`, region: 'us-east-1', credentials });
    const info = await client.send(new GetConnectionCommand({ ConnectionId: id }));
    expect(info.ConnectedAt).toBeInstanceOf(Date);
    expect(info.Identity?.SourceIp).toBe('127.0.0.1');
    await client.send(new PostToConnectionCommand({ ConnectionId: id, Data: 'pushed' }));
    await until(() => (c.frames.includes('pushed') ? true : undefined));
    await client.send(new DeleteConnectionCommand({ ConnectionId: id }));
    expect(await c.closed).toBe(1000);
    const gone = await client.send(new PostToConnectionCommand({ ConnectionId: id, Data: 'late' })).catch((e: Error & { $metadata?: { httpStatusCode?: number } }) => e);
    expect(gone).toMatchObject({ name: 'GoneException', $metadata: { httpStatusCode: 410 } });
  }, 30_000);
});
