// Authorization in `eda dev`, request by request as API Gateway answers: Lambda authorizers
// (HTTP payload 2.0 simple and policy responses, REST TOKEN and REQUEST) allowing, denying,
// failing and cached per identity; JWTs and Cognito tokens verified (signature, scopes); API keys.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalAuth } from '../../src/local/authorizers.js';
import { HttpApis } from '../../src/local/http.js';
import { JwtVerifier } from '../../src/local/jwt.js';
import { Trace } from '../../src/local/trace.js';
import type { ApiModel, AuthorizerModel, RouteModel } from '../../src/model/types.js';
import { testIssuer, type TestIssuer } from '../support/jwt.js';
import { addresses, fakeFunctions, makeApp } from './helpers.js';

const header = (name: string) => [{ in: 'header' as const, name }];
const route = (method: string, path: string, fn: string, extra: Partial<RouteModel> = {}): RouteModel => ({ method, path, function: fn, source: [], ...extra });
const api = (name: string, type: 'http' | 'rest', authorizers: AuthorizerModel[], routes: RouteModel[], extra: Partial<ApiModel> = {}): ApiModel => ({
  name, logicalId: `${name}Api`, type, implicit: false, auth: { type: 'none' }, throttle: { rate: 100, burst: 200 }, accessLogs: false, routes, path: [], authorizers, ...extra,
});
const policy = (effect: 'Allow' | 'Deny', resource: string) => ({ principalId: 'user-1', policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: resource }] }, context: { tier: 'gold', n: 7 } });
const ISSUER = 'https://issuer.example.com';

const apis: ApiModel[] = [
  api('simple', 'http', [{ name: 'gate', key: 'GateAuthorizer', type: 'lambda', function: 'gate', responses: 'simple', identitySources: header('Authorization'), ttl: 300, path: [] }], [
    route('GET', '/me', 'echo', { auth: { type: 'lambda', authorizer: 'gate', scopes: [] } }),
    route('GET', '/health', 'echo', { auth: { type: 'none' } }),
  ]),
  api('policy', 'http', [{ name: 'gate', key: 'GateAuthorizer', type: 'lambda', function: 'policyGate', responses: 'iam', identitySources: [...header('Authorization'), { in: 'query', name: 'tenant' }], ttl: 0, path: [] }], [
    route('GET', '/orders/{id}', 'echo', { auth: { type: 'lambda', authorizer: 'gate', scopes: [] } }),
  ]),
  api('legacy', 'rest', [
    { name: 'token', key: 'TokenAuthorizer', type: 'token', function: 'tokenGate', identitySources: header('Authorization'), ttl: 300, validation: '^Bearer ', path: [] },
    { name: 'req', key: 'ReqAuthorizer', type: 'request', function: 'tokenGate', identitySources: header('x-tenant'), ttl: 0, path: [] },
    { name: 'pool', key: 'PoolAuthorizer', type: 'cognito', userPoolArn: 'arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_pool', scopes: [], identitySources: header('Authorization'), ttl: 0, path: [] },
  ], [
    route('GET', '/items/{id}', 'echo', { auth: { type: 'token', authorizer: 'token', scopes: [] }, apiKey: false }),
    route('GET', '/tenant', 'echo', { auth: { type: 'request', authorizer: 'req', scopes: [] }, apiKey: false }),
    route('GET', '/mine', 'echo', { auth: { type: 'cognito', authorizer: 'pool', scopes: ['shop/read'] }, apiKey: false }),
    route('GET', '/keyed', 'echo', { auth: { type: 'none' }, apiKey: true }),
  ], { apiKeys: { plans: [] } }),
  api('jwt', 'http', [{ name: 'users', key: 'UsersAuthorizer', type: 'jwt', issuer: ISSUER, audience: ['client-1'], scopes: [], identitySources: header('Authorization'), ttl: 0, path: [] }], [
    route('GET', '/me', 'echo', { auth: { type: 'jwt', authorizer: 'users', scopes: [] } }),
    route('GET', '/admin', 'echo', { auth: { type: 'jwt', authorizer: 'users', scopes: ['orders/admin'] } }),
  ]),
];

const { functions, calls } = fakeFunctions({
  echo: (event) => ({ statusCode: 200, body: JSON.stringify(event.requestContext.authorizer ?? null) }),
  gate: (event) => ({ isAuthorized: event.identitySource[0] === 'let-me-in', context: { user: 'u-1', roles: ['a'] } }),
  policyGate: (event) => policy(event.identitySource[1] === 'acme' ? 'Allow' : 'Deny', event.routeArn),
  tokenGate: (event) => {
    const token = event.type === 'TOKEN' ? event.authorizationToken : event.headers['x-tenant'];
    if (token === 'Bearer nobody' || token === 'nobody') throw new Error('Unauthorized');
    if (token === 'Bearer broken') throw new Error('boom');
    if (token === 'Bearer elsewhere') return policy('Allow', event.methodArn.replace(/GET\/.*$/, 'POST/other'));
    return policy(token === 'Bearer deny' ? 'Deny' : 'Allow', event.methodArn.replace(/items\/[^/]+$/, 'items/*'));
  },
});

let issuer: TestIssuer;
let http: HttpApis;
let urls: Record<string, string>;
let clock = Date.now();
beforeAll(async () => {
  issuer = await testIssuer();
  const app = makeApp({ apis });
  const deps = { functions, addresses: addresses(app), trace: new Trace(), now: () => clock };
  http = new HttpApis({ apis, ...deps, auth: new LocalAuth({ ...deps, jwt: new JwtVerifier(issuer.jwksFile, process.cwd()), apiKey: 'dev-key-1' }) });
  urls = await http.listen(0);
});
afterAll(() => http.close());

const get = async (url: string, headers: Record<string, string> = {}) => {
  const res = await fetch(url, { headers });
  return { status: res.status, body: await res.json() };
};
const invocations = (fn: string) => calls.filter((c) => c.name === fn).length;

describe('an HTTP API Lambda authorizer (payload 2.0, simple responses)', () => {
  it('refuses a request without the identity source with 401, without calling the authorizer', async () => {
    const before = invocations('gate');
    expect(await get(`${urls.simple}/me`)).toEqual({ status: 401, body: { message: 'Unauthorized' } });
    expect(invocations('gate')).toBe(before);
  });

  it('answers isAuthorized: false with 403 Forbidden', async () => {
    expect(await get(`${urls.simple}/me`, { authorization: 'nope' })).toEqual({ status: 403, body: { message: 'Forbidden' } });
  });

  it("passes the authorizer's context to the route at requestContext.authorizer.lambda, and sends the authorizer a 2.0 REQUEST event", async () => {
    expect(await get(`${urls.simple}/me`, { authorization: 'let-me-in' })).toEqual({ status: 200, body: { lambda: { user: 'u-1', roles: ['a'] } } });
    const event = calls.filter((c) => c.name === 'gate').at(-1)!.event;
    expect(event).toMatchObject({ version: '2.0', type: 'REQUEST', identitySource: ['let-me-in'], routeKey: 'GET /me', rawPath: '/me' });
    expect(event.routeArn).toMatch(/^arn:aws:execute-api:eu-west-1:\d{12}:\w+\/\$default\/GET\/me$/);
  });

  it('caches the result per identity for the ttl', async () => {
    const before = invocations('gate');
    await get(`${urls.simple}/me`, { authorization: 'let-me-in' });
    await get(`${urls.simple}/me`, { authorization: 'let-me-in' });
    expect(invocations('gate')).toBe(before);
    clock += 301_000;
    await get(`${urls.simple}/me`, { authorization: 'let-me-in' });
    expect(invocations('gate')).toBe(before + 1);
  });

  it('lets a route with auth: none through without calling it', async () => {
    const before = invocations('gate');
    expect((await get(`${urls.simple}/health`)).status).toBe(200);
    expect(invocations('gate')).toBe(before);
  });
});

describe('an HTTP API Lambda authorizer with IAM policy responses', () => {
  it("evaluates the policy against the route's ARN", async () => {
    expect((await get(`${urls.policy}/orders/1?tenant=acme`, { authorization: 'x' })).body).toEqual({ lambda: { tier: 'gold', n: 7 } });
    expect(await get(`${urls.policy}/orders/1?tenant=other`, { authorization: 'x' })).toEqual({ status: 403, body: { message: 'Forbidden' } });
    expect((await get(`${urls.policy}/orders/1`, { authorization: 'x' })).status).toBe(401);
  });
});

describe('REST API Lambda authorizers', () => {
  it('TOKEN: allows with the principal and the context as strings at requestContext.authorizer', async () => {
    expect(await get(`${urls.legacy}/items/1`, { authorization: 'Bearer alice' })).toEqual({ status: 200, body: { principalId: 'user-1', tier: 'gold', n: '7' } });
    expect(calls.filter((c) => c.name === 'tokenGate').at(-1)!.event).toEqual({ type: 'TOKEN', authorizationToken: 'Bearer alice', methodArn: expect.stringMatching(/:\w+\/dev\/GET\/items\/1$/) });
  });

  it('TOKEN: an explicit deny is 403 with API Gateway\'s message; a policy not covering the method is 403 too', async () => {
    expect(await get(`${urls.legacy}/items/1`, { authorization: 'Bearer deny' })).toEqual({ status: 403, body: { message: 'User is not authorized to access this resource with an explicit deny' } });
    expect(await get(`${urls.legacy}/items/1`, { authorization: 'Bearer elsewhere' })).toEqual({ status: 403, body: { message: 'User is not authorized to access this resource' } });
  });

  it("TOKEN: the error 'Unauthorized' is 401, any other error 500, a token failing validation 401 without a call", async () => {
    expect(await get(`${urls.legacy}/items/1`, { authorization: 'Bearer nobody' })).toEqual({ status: 401, body: { message: 'Unauthorized' } });
    expect(await get(`${urls.legacy}/items/1`, { authorization: 'Bearer broken' })).toEqual({ status: 500, body: { message: null } });
    const before = invocations('tokenGate');
    expect((await get(`${urls.legacy}/items/1`, { authorization: 'Basic abc' })).status).toBe(401);
    expect(invocations('tokenGate')).toBe(before);
  });

  it('TOKEN: a cached policy is applied to the next method the same token calls', async () => {
    const before = invocations('tokenGate');
    expect((await get(`${urls.legacy}/items/2`, { authorization: 'Bearer alice' })).status).toBe(200);
    expect(invocations('tokenGate')).toBe(before);
  });

  it('REQUEST: reads its identity sources and gets the request', async () => {
    expect((await get(`${urls.legacy}/tenant`)).status).toBe(401);
    expect((await get(`${urls.legacy}/tenant`, { 'x-tenant': 'nobody' })).status).toBe(401);
    expect(await get(`${urls.legacy}/tenant`, { 'x-tenant': 'acme' })).toEqual({ status: 200, body: { principalId: 'user-1', tier: 'gold', n: '7' } });
    expect(calls.filter((c) => c.name === 'tokenGate').at(-1)!.event).toMatchObject({ type: 'REQUEST', resource: '/tenant', httpMethod: 'GET', headers: { 'x-tenant': 'acme' } });
  });
});

describe('JWT and Cognito authorizers', () => {
  const claims = { iss: ISSUER, aud: 'client-1', sub: 'u-1' };
  // valid for 5 minutes on the dev clock (which other tests move on)
  const sign = (c: Record<string, unknown>, o?: Parameters<TestIssuer['sign']>[1]) => issuer.sign({ exp: Math.floor(clock / 1000) + 300, ...c }, o);

  it('accepts an RS256 or ES256 token signed by a key of the JWKS and passes its claims and scopes', async () => {
    const rs = await sign({ ...claims, scope: 'orders/read orders/admin' });
    expect(await get(`${urls.jwt}/me`, { authorization: `Bearer ${rs}` })).toMatchObject({ status: 200, body: { jwt: { claims: { sub: 'u-1' }, scopes: ['orders/read', 'orders/admin'] } } });
    const es = await sign(claims, { alg: 'ES256' });
    expect((await get(`${urls.jwt}/me`, { authorization: `Bearer ${es}` })).status).toBe(200);
  });

  it('refuses a bad signature, another issuer or an expired token with 401', async () => {
    expect(await get(`${urls.jwt}/me`, { authorization: `Bearer ${await sign(claims, { forged: true })}` })).toEqual({ status: 401, body: { message: 'Unauthorized' } });
    expect((await get(`${urls.jwt}/me`, { authorization: `Bearer ${await sign({ ...claims, iss: 'https://evil.example.com' })}` })).status).toBe(401);
    expect((await get(`${urls.jwt}/me`, { authorization: `Bearer ${await sign({ ...claims, exp: Math.floor(clock / 1000) - 10 })}` })).status).toBe(401);
  });

  it("refuses a valid token without the route's scope with 403", async () => {
    const reader = await sign({ ...claims, scope: 'orders/read' });
    expect(await get(`${urls.jwt}/admin`, { authorization: `Bearer ${reader}` })).toEqual({ status: 403, body: { message: 'Forbidden' } });
    const admin = await sign({ ...claims, scope: 'orders/admin' });
    expect((await get(`${urls.jwt}/admin`, { authorization: `Bearer ${admin}` })).status).toBe(200);
  });

  it("checks a Cognito token against its pool's issuer and scopes, refusing with 401, and passes the claims", async () => {
    const pool = 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_pool';
    const ok = await sign({ iss: pool, sub: 'u-2', scope: 'shop/read' });
    expect(await get(`${urls.legacy}/mine`, { authorization: ok })).toMatchObject({ status: 200, body: { claims: { sub: 'u-2' } } });
    expect((await get(`${urls.legacy}/mine`, { authorization: await sign({ iss: pool, scope: 'shop/write' }) })).status).toBe(401);
    expect((await get(`${urls.legacy}/mine`, { authorization: await sign({ iss: ISSUER, scope: 'shop/read' }) })).status).toBe(401);
  });
});

describe('API keys', () => {
  it('refuses a missing or wrong x-api-key with 403 and accepts the dev key', async () => {
    expect(await get(`${urls.legacy}/keyed`)).toEqual({ status: 403, body: { message: 'Forbidden' } });
    expect((await get(`${urls.legacy}/keyed`, { 'x-api-key': 'guess' })).status).toBe(403);
    expect((await get(`${urls.legacy}/keyed`, { 'x-api-key': 'dev-key-1' })).status).toBe(200);
  });
});
