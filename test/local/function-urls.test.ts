// eda dev's function URLs (payload format 2.0 as Lambda's function URLs send it, CORS) and the
// WebSocket handshake: a $connect answer other than 2xx refuses the upgrade with that status,
// and the events carry AWS's WebSocket shape (CONNECT with the handshake, MESSAGE with the frame),
// as do the samples eda invoke builds.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startLocal, type LocalRuntime } from '../../src/local/runtime.js';
import { parseValue } from '../../src/model/values.js';
import { buildApp } from '../../src/kinds/build.js';
import { sampleEvent, sampleKinds } from '../../src/local/samples.js';
import type { AppManifest } from '../../src/manifest/app.types.js';
import { addresses, makeApp, makeFunction } from './helpers.js';

let dir: string;
let rt: LocalRuntime;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'eda-url-'));
  mkdirSync(join(dir, 'src/handlers'), { recursive: true });
  writeFileSync(join(dir, 'src/handlers/echo.ts'), "export const handler = async (event: { body?: string }) => ({ statusCode: 201, headers: { 'x-echo': 'yes' }, body: JSON.stringify(event) });");
  // $connect accepts only a token=ok query string; messages are echoed into a table-less log
  writeFileSync(
    join(dir, 'src/handlers/gate.ts'),
    "export const handler = async (event: { queryStringParameters?: Record<string, string> }) => ({ statusCode: event.queryStringParameters?.token === 'ok' ? 200 : 403 });",
  );
  writeFileSync(join(dir, 'src/handlers/fallback.ts'), 'export const handler = async () => ({ statusCode: 200 });');
  const app = makeApp({
    functions: [
      makeFunction('echo', { url: { auth: 'iam', invokeMode: 'BUFFERED', cors: { origins: ['https://app.example.com'], methods: ['GET', 'POST'], headers: ['content-type'], allowCredentials: false, maxAge: 60 }, path: [] } }),
      makeFunction('gate'),
      makeFunction('fallback'),
    ],
    websocketApis: [
      {
        name: 'live',
        logicalId: 'LiveWebSocketApi',
        routeSelection: '$request.body.meta.kind',
        auth: 'none',
        routes: [
          { key: '$connect', function: 'gate', source: [] },
          { key: '$default', function: 'fallback', source: [] },
        ],
        throttle: { rate: 100, burst: 200 },
        accessLogs: true,
        path: [],
      },
    ],
  });
  rt = await startLocal({ app, cwd: dir, watch: false, port: 0 });
}, 60_000);

afterAll(async () => {
  await rt?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('function URLs in eda dev', () => {
  it('sends a payload format 2.0 event with routeKey $default and maps the result back', async () => {
    const url = rt.endpoints.functionUrls!.echo!;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const res = await fetch(`${url}orders/7?x=1`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-echo')).toBe('yes');
    const event = await res.json();
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: '$default',
      rawPath: '/orders/7',
      rawQueryString: 'x=1',
      queryStringParameters: { x: '1' },
      body: '{"a":1}',
      isBase64Encoded: false,
      requestContext: { stage: '$default', http: { method: 'POST', path: '/orders/7' }, authorizer: { iam: expect.objectContaining({ accountId: '000000000000' }) } },
    });
    // ${functions.echo.url} in another function's environment is this URL locally
    expect(rt.addresses.resolve(parseValue('${functions.echo.url}'))).toBe(url);
  });

  it('answers CORS preflights from the function\'s cors settings', async () => {
    const url = rt.endpoints.functionUrls!.echo!;
    const ok = await fetch(url, { method: 'OPTIONS', headers: { origin: 'https://app.example.com', 'access-control-request-method': 'POST' } });
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(ok.headers.get('access-control-allow-methods')).toBe('GET,POST');
    expect(ok.headers.get('access-control-max-age')).toBe('60');
    const other = await fetch(url, { method: 'OPTIONS', headers: { origin: 'https://evil.example.com', 'access-control-request-method': 'POST' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('a WebSocket handshake in eda dev', () => {
  const open = (url: string) =>
    new Promise<{ ws?: WebSocket; status?: number }>((resolve) => {
      const ws = new WebSocket(url);
      ws.once('open', () => resolve({ ws }));
      ws.once('unexpected-response', (_req, res) => resolve({ status: res.statusCode }));
    });

  it('refuses the upgrade with the status $connect answers, and accepts a 2xx', async () => {
    const url = rt.endpoints.apis.live!;
    expect(await open(`${url}/?token=bad`)).toEqual({ status: 403 });
    const { ws } = await open(`${url}/?token=ok`);
    expect(ws).toBeDefined();
    const connect = await rt.trace.waitFor((e) => e.kind === 'invoke' && e.function === 'gate' && e.ok);
    expect(connect).toMatchObject({ trigger: 'websocket live $connect' });
    ws!.send(JSON.stringify({ meta: { kind: 'unknown' } }));
    const message = await rt.trace.waitFor((e) => e.kind === 'invoke' && e.function === 'fallback');
    expect(message).toMatchObject({ ok: true, trigger: 'websocket live $default' });
    ws!.close();
  });

  it('builds the events API Gateway sends: CONNECT with the handshake, MESSAGE with the frame', async () => {
    const url = rt.endpoints.apis.live!;
    const events: { kind: string; event: any }[] = [];
    const original = rt.functions.invoke.bind(rt.functions);
    rt.functions.invoke = (name, event, options) => {
      events.push({ kind: name, event });
      return original(name, event, options);
    };
    try {
      const { ws } = await open(`${url}/?token=ok`);
      ws!.send('{"meta":{"kind":"x"},"text":"hi"}');
      await rt.trace.waitFor((e) => e.kind === 'invoke' && e.function === 'fallback' && events.length >= 2);
      const [connect, message] = events.map((e) => e.event);
      expect(connect).toMatchObject({
        headers: { host: expect.stringMatching(/^127\.0\.0\.1:\d+$/) },
        queryStringParameters: { token: 'ok' },
        requestContext: { routeKey: '$connect', eventType: 'CONNECT', messageDirection: 'IN', stage: 'dev', connectionId: expect.any(String), identity: { sourceIp: '127.0.0.1' } },
        isBase64Encoded: false,
      });
      expect(message).toMatchObject({
        body: '{"meta":{"kind":"x"},"text":"hi"}',
        requestContext: { routeKey: '$default', eventType: 'MESSAGE', connectionId: connect.requestContext.connectionId, messageId: expect.any(String), connectedAt: connect.requestContext.connectedAt },
        isBase64Encoded: false,
      });
      expect(message.headers).toBeUndefined();
      ws!.close();
    } finally {
      rt.functions.invoke = original;
    }
  });
});

describe('eda invoke --sample websocket', () => {
  it('builds the event of the function\'s route: a message naming it where routeSelection looks, or a connection', () => {
    const app = buildApp(
      { name: 'shop', apis: { live: { type: 'websocket', routeSelection: '$request.body.meta.kind', routes: { $connect: 'gate', chat: 'talk' } } }, functions: { gate: {}, talk: {} } } as AppManifest,
      'dev',
    );
    const at = addresses(app);
    expect(sampleKinds(app, app.functions[1]!)).toEqual(['websocket']);
    const message = sampleEvent(app, app.functions[1]!, 'websocket', at) as any;
    expect(message.requestContext).toMatchObject({ routeKey: 'chat', eventType: 'MESSAGE', stage: 'dev' });
    expect(JSON.parse(message.body)).toEqual({ meta: { kind: 'chat' }, example: true });
    const connect = sampleEvent(app, app.functions[0]!, 'websocket', at) as any;
    expect(connect.requestContext).toMatchObject({ routeKey: '$connect', eventType: 'CONNECT' });
    expect(connect.body).toBeUndefined();
    expect(connect.headers).toHaveProperty('host');
  });
});
