import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpApiResponse, HttpApis, restApiResponse, Router } from '../../src/local/http.js';
import { Trace } from '../../src/local/trace.js';
import type { ApiModel } from '../../src/model/types.js';
import { LocalAuth } from '../../src/local/authorizers.js';
import { JwtVerifier } from '../../src/local/jwt.js';
import { testIssuer, type TestIssuer } from '../support/jwt.js';
import { addresses, fakeFunctions, makeApp } from './helpers.js';

const route = (method: string, path: string, fn = 'f') => ({ method, path, function: fn, source: [] });

/** Sends a request byte for byte, so header casing and repeats reach the server as written. */
function rawRequest(url: string, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect(Number(new URL(url).port), '127.0.0.1', () => socket.end(text));
    socket.on('data', () => undefined);
    socket.on('close', () => resolve());
    socket.on('error', reject);
  });
}

describe('route matching', () => {
  const router = new Router([
    route('GET', '/orders/{id}', 'getOrder'),
    route('GET', '/orders/new', 'newForm'),
    route('ANY', '/orders/{id}', 'anyOrder'),
    route('POST', '/orders', 'createOrder'),
    route('GET', '/files/{proxy+}', 'files'),
    route('GET', '/', 'root'),
  ]);
  const cases: [string, string, string | undefined, Record<string, string>?][] = [
    ['GET', '/orders/42', 'getOrder', { id: '42' }],
    ['GET', '/orders/new', 'newForm'],
    ['DELETE', '/orders/42', 'anyOrder', { id: '42' }],
    ['POST', '/orders', 'createOrder'],
    ['POST', '/orders/', 'createOrder'],
    ['GET', '/orders', undefined],
    ['GET', '/files/a/b/c.txt', 'files', { proxy: 'a/b/c.txt' }],
    ['GET', '/files', undefined],
    ['GET', '/', 'root'],
    ['GET', '/orders/with%20space', 'getOrder', { id: 'with space' }],
  ];
  for (const [method, path, fn, params] of cases) {
    it(`${method} ${path} → ${fn ?? '404'}`, () => {
      const m = router.match(method, path);
      expect(m?.route.function).toBe(fn);
      if (params) expect(m?.params).toEqual(params);
    });
  }
});

describe('response mapping', () => {
  const ok = (value: unknown) => ({ ok: true as const, value, requestId: 'r', ms: 1 });
  const fail = (errorType = 'Error') => ({ ok: false as const, error: { errorType, errorMessage: 'x' }, requestId: 'r', ms: 1 });
  it('HTTP API (2.0): structured, inferred, cookies, base64, errors', () => {
    const r = httpApiResponse(ok({ statusCode: 201, headers: { 'X-A': 'b' }, body: 'made', cookies: ['a=1', 'b=2'] }));
    expect(r.status).toBe(201);
    expect(r.headers).toMatchObject({ 'x-a': 'b', 'set-cookie': ['a=1', 'b=2'] });
    expect(r.body.toString()).toBe('made');
    const inferred = httpApiResponse(ok({ hello: 'world' }));
    expect([inferred.status, inferred.headers['content-type'], inferred.body.toString()]).toEqual([200, 'application/json', '{"hello":"world"}']);
    expect(httpApiResponse(ok('plain')).body.toString()).toBe('plain');
    expect(httpApiResponse(ok({ statusCode: 200, body: Buffer.from('bin').toString('base64'), isBase64Encoded: true })).body.toString()).toBe('bin');
    expect(httpApiResponse(fail()).status).toBe(500);
    expect(httpApiResponse(fail('Sandbox.Timedout')).status).toBe(503);
  });
  it('REST API (1.0): statusCode required, body must be a string', () => {
    expect(restApiResponse(ok({ statusCode: 200, body: 'x', multiValueHeaders: { 'Set-Cookie': ['a', 'b'] } })).headers['Set-Cookie']).toEqual(['a', 'b']);
    expect(restApiResponse(ok({ hello: 1 })).status).toBe(502);
    expect(restApiResponse(ok({ statusCode: 200, body: { not: 'string' } })).status).toBe(502);
    expect(restApiResponse(fail()).status).toBe(502);
    expect(restApiResponse(fail('Sandbox.Timedout')).status).toBe(504);
  });
});

describe('API servers', () => {
  const apis: ApiModel[] = [
    {
      name: 'public',
      logicalId: 'PublicHttpApi',
      type: 'http',
      implicit: false,
      cors: { origins: ['https://app.example.com'], methods: ['GET', 'POST'], headers: ['content-type', 'authorization'], allowCredentials: true, maxAge: 600 },
      auth: { type: 'none' },
      throttle: { rate: 100, burst: 200 },
      accessLogs: true,
      routes: [route('POST', '/orders/{id}', 'echo'), route('GET', '/boom', 'boom')],
      path: [],
    },
    { name: 'legacy', logicalId: 'LegacyRestApi', type: 'rest', implicit: false, auth: { type: 'none' }, throttle: { rate: 100, burst: 200 }, accessLogs: true, routes: [route('GET', '/items/{id}', 'rest'), route('POST', '/items/{id}', 'rest')], path: [] },
    {
      name: 'secure',
      logicalId: 'SecureHttpApi',
      type: 'http',
      implicit: false,
      auth: { type: 'jwt', authorizer: '', scopes: [] },
      authorizers: [{ name: '', key: 'JwtAuthorizer', type: 'jwt', issuer: 'https://issuer.example.com', audience: ['client-1'], scopes: [], identitySources: [{ in: 'header', name: 'Authorization' }], ttl: 0, path: [] }],
      throttle: { rate: 100, burst: 200 },
      accessLogs: true,
      routes: [route('GET', '/me', 'me')],
      path: [],
    },
  ];
  const app = makeApp({ apis });
  const { functions, calls } = fakeFunctions({
    echo: (event) => ({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ got: event.body }) }),
    boom: () => {
      throw new Error('nope');
    },
    rest: () => ({ statusCode: 200, body: 'rest ok' }),
    me: (event) => event.requestContext.authorizer.jwt.claims,
  });
  let issuer: TestIssuer;
  let http: HttpApis;
  let urls: Record<string, string>;
  beforeAll(async () => {
    issuer = await testIssuer();
    const deps = { functions, addresses: addresses(app), trace: new Trace(), now: () => Date.now() };
    http = new HttpApis({ apis, ...deps, auth: new LocalAuth({ ...deps, jwt: new JwtVerifier(issuer.jwksFile, process.cwd()), apiKey: 'k' }) });
    urls = await http.listen(0);
  });
  afterAll(() => http.close());

  it('sends an HTTP API payload 2.0 event', async () => {
    const res = await fetch(`${urls.public}/orders/o-1?x=1&x=2&y=%20z`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: 'a=1; b=2', 'x-multi': 'v' },
      body: '{"n":1}',
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ got: '{"n":1}' });
    const event = calls.at(-1)!.event;
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'POST /orders/{id}',
      rawPath: '/orders/o-1',
      rawQueryString: 'x=1&x=2&y=%20z',
      cookies: ['a=1', 'b=2'],
      queryStringParameters: { x: '1,2', y: ' z' },
      pathParameters: { id: 'o-1' },
      body: '{"n":1}',
      isBase64Encoded: false,
      requestContext: { accountId: '000000000000', http: { method: 'POST', path: '/orders/o-1', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1' }, routeKey: 'POST /orders/{id}', stage: '$default' },
    });
    expect(event.headers['x-multi']).toBe('v');
    expect(event.headers.cookie).toBeUndefined();
    expect(event.requestContext.time).toMatch(/^\d{2}\/\w{3}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
    expect(typeof event.requestContext.timeEpoch).toBe('number');
  });

  it('base64-encodes binary bodies', async () => {
    await fetch(`${urls.public}/orders/b`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: Buffer.from([0, 1, 2]) });
    const event = calls.at(-1)!.event;
    expect(event.isBase64Encoded).toBe(true);
    expect(Buffer.from(event.body, 'base64')).toEqual(Buffer.from([0, 1, 2]));
  });

  it('answers unknown routes with 404 and handler errors with 500', async () => {
    const missing = await fetch(`${urls.public}/nowhere`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ message: 'Not Found' });
    const wrongMethod = await fetch(`${urls.public}/orders/1`);
    expect(wrongMethod.status).toBe(404);
    const boom = await fetch(`${urls.public}/boom`);
    expect(boom.status).toBe(500);
    expect(await boom.json()).toEqual({ message: 'Internal Server Error' });
  });

  it('answers CORS preflights and adds CORS headers for allowed origins', async () => {
    const pre = await fetch(`${urls.public}/orders/1`, { method: 'OPTIONS', headers: { origin: 'https://app.example.com', 'access-control-request-method': 'POST' } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(pre.headers.get('access-control-allow-methods')).toBe('GET,POST');
    expect(pre.headers.get('access-control-allow-headers')).toBe('content-type,authorization');
    expect(pre.headers.get('access-control-allow-credentials')).toBe('true');
    expect(pre.headers.get('access-control-max-age')).toBe('600');
    const denied = await fetch(`${urls.public}/orders/1`, { method: 'OPTIONS', headers: { origin: 'https://evil.example.com', 'access-control-request-method': 'POST' } });
    expect(denied.headers.get('access-control-allow-origin')).toBeNull();
    const actual = await fetch(`${urls.public}/orders/1`, { method: 'POST', headers: { origin: 'https://app.example.com' }, body: 'x' });
    expect(actual.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
  });

  it('sends a REST API (1.0) event on the next port', async () => {
    expect(Number(new URL(urls.legacy!).port)).toBeGreaterThan(0);
    const res = await fetch(`${urls.legacy}/items/7?a=1&a=2`, { headers: { 'x-h': 'v' } });
    expect(await res.text()).toBe('rest ok');
    const event = calls.at(-1)!.event;
    expect(event).toMatchObject({
      resource: '/items/{id}',
      path: '/items/7',
      httpMethod: 'GET',
      queryStringParameters: { a: '2' },
      multiValueQueryStringParameters: { a: ['1', '2'] },
      pathParameters: { id: '7' },
      stageVariables: null,
      body: null,
      isBase64Encoded: false,
      requestContext: { resourcePath: '/items/{id}', httpMethod: 'GET', path: '/dev/items/7', stage: 'dev', identity: { sourceIp: '127.0.0.1' } },
    });
    expect(event.multiValueHeaders['x-h']).toEqual(['v']);
  });

  it('passes repeated headers as API Gateway does: joined with "," (HTTP API), one value each with the client\'s casing (REST)', async () => {
    await rawRequest(urls.public!, 'POST /orders/h HTTP/1.1\r\nHost: localhost\r\nAuthorization: token\r\nX-Multi: a\r\nX-Multi: b\r\nContent-Length: 1\r\nConnection: close\r\n\r\nx');
    const v2 = calls.at(-1)!.event;
    expect(v2.headers['x-multi']).toBe('a,b');
    expect(v2.headers.authorization).toBe('token');
    await rawRequest(urls.legacy!, 'GET /items/9 HTTP/1.1\r\nHost: localhost\r\nAuthorization: token\r\nX-Multi: a\r\nX-Multi: b\r\nConnection: close\r\n\r\n');
    const v1 = calls.at(-1)!.event;
    expect(v1.headers).toMatchObject({ Host: 'localhost', Authorization: 'token', 'X-Multi': 'b' });
    expect(v1.multiValueHeaders).toMatchObject({ Host: ['localhost'], Authorization: ['token'], 'X-Multi': ['a', 'b'] });
    expect(v1.headers.authorization).toBeUndefined();
  });

  it('passes a REST API body as text: synth declares no binary media types', async () => {
    await rawRequest(urls.legacy!, 'POST /items/2 HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 7\r\nConnection: close\r\n\r\na=1&b=2');
    const v1 = calls.at(-1)!.event;
    expect(v1).toMatchObject({ body: 'a=1&b=2', isBase64Encoded: false });
  });

  it('checks JWTs (signature, issuer, audience, expiry) and passes the claims', async () => {
    const jwt = (claims: object) => issuer.sign({ exp: Math.floor(Date.now() / 1000) + 60, ...claims });
    const good = await jwt({ iss: 'https://issuer.example.com', aud: 'client-1', sub: 'u1' });
    const res = await fetch(`${urls.secure}/me`, { headers: { authorization: `Bearer ${good}` } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ sub: 'u1', aud: 'client-1' });
    expect((await fetch(`${urls.secure}/me`)).status).toBe(401);
    const expired = await jwt({ iss: 'https://issuer.example.com', aud: 'client-1', exp: 1 });
    expect((await fetch(`${urls.secure}/me`, { headers: { authorization: `Bearer ${expired}` } })).status).toBe(401);
    const wrongAud = await jwt({ iss: 'https://issuer.example.com', aud: 'other' });
    expect((await fetch(`${urls.secure}/me`, { headers: { authorization: wrongAud } })).status).toBe(401);
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${good.split('.')[1]}.`;
    expect((await fetch(`${urls.secure}/me`, { headers: { authorization: `Bearer ${unsigned}` } })).status).toBe(401);
  });
});
