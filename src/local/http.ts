// The app's APIs on loopback: routes matched the way API Gateway matches them (exact
// segments before {params} before {greedy+}, a method before ANY), requests turned into
// payload 2.0 (HTTP API) or 1.0 (REST API) events, handler results mapped back to
// responses, CORS preflights answered, and an unknown route answered with 404.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { listenLoopback } from './listen.js';
import type { ApiModel, DirectRouteModel, RouteModel } from '../model/types.js';
import type { Addresses } from './addresses.js';
import { LocalAuth } from './authorizers.js';
import { serveDirect, type DirectServices } from './direct-routes.js';
import { JwtVerifier } from './jwt.js';
import { httpApiEvent, restApiEvent, type HttpRequestFacts } from './payloads.js';
import type { Functions, InvokeResult } from './functions.js';
import { apiRequestId, md5 } from './ids.js';
import { randomBytes } from 'node:crypto';
import { LIMITS, readBody } from './limits.js';
import type { Trace } from './trace.js';

/** A function's route, or a route a service serves directly (it has a target). */
export type AnyRoute = RouteModel | DirectRouteModel;

export interface CompiledRoute<R extends AnyRoute = AnyRoute> {
  route: R;
  method: string;
  segments: { literal?: string; param?: string; greedy?: boolean }[];
  rank: number[];
}

export function compileRoute<R extends AnyRoute>(route: R): CompiledRoute<R> {
  const parts = route.path.split('/').filter(Boolean);
  const segments = parts.map((p) => {
    const m = /^\{([^}+]+)(\+)?\}$/.exec(p);
    if (!m) return { literal: p };
    return m[2] ? { param: m[1], greedy: true } : { param: m[1] };
  });
  const literals = segments.filter((s) => s.literal !== undefined).length;
  const greedy = segments.some((s) => s.greedy) ? 1 : 0;
  const method = route.method.toUpperCase();
  // higher sorts first: no greedy, more segments, more literals, a real method over ANY
  const rank = [route.path === '$default' ? -1 : 0, -greedy, segments.length, literals, method === 'ANY' ? 0 : 1];
  return { route, method, segments, rank };
}

function matchPath(route: CompiledRoute, parts: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  const segs = route.segments;
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i]!;
    if (s.greedy) {
      if (i >= parts.length) return undefined;
      params[s.param!] = parts.slice(i).join('/');
      return params;
    }
    const part = parts[i];
    if (part === undefined) return undefined;
    if (s.literal !== undefined) {
      if (s.literal !== part) return undefined;
    } else {
      params[s.param!] = part;
    }
  }
  return parts.length === segs.length ? params : undefined;
}

export class Router<R extends AnyRoute = RouteModel> {
  private readonly routes: CompiledRoute<R>[];
  constructor(routes: R[]) {
    this.routes = routes
      .map(compileRoute)
      .sort((a, b) => {
        for (let i = 0; i < a.rank.length; i++) if (a.rank[i] !== b.rank[i]) return b.rank[i]! - a.rank[i]!;
        return 0;
      });
  }

  match(method: string, path: string): { route: R; params: Record<string, string> } | undefined {
    const parts = path
      .split('/')
      .filter(Boolean)
      .map((p) => {
        try {
          return decodeURIComponent(p);
        } catch {
          return p;
        }
      });
    for (const r of this.routes) {
      if (r.route.path === '$default') return { route: r.route, params: {} };
      if (r.method !== 'ANY' && r.method !== method) continue;
      const params = matchPath(r, parts);
      if (params) return { route: r.route, params };
    }
    return undefined;
  }

  /** Methods some route accepts at this path (for CORS preflights). */
  hasPath(path: string): boolean {
    const parts = path.split('/').filter(Boolean);
    return this.routes.some((r) => r.route.path === '$default' || matchPath(r, parts) !== undefined);
  }
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
}

const json = (status: number, value: unknown, headers: Record<string, string> = {}): HttpResponse => ({
  status,
  headers: { 'content-type': 'application/json', ...headers },
  body: Buffer.from(JSON.stringify(value)),
});

/** Maps a handler result to a response the way an HTTP API (payload 2.0) does. */
/** Lambda throttled the function (its reservedConcurrency is reached): API Gateway answers 429. */
const throttled = (result: InvokeResult) => !result.ok && result.error.errorType === 'TooManyRequestsException';

export function httpApiResponse(result: InvokeResult): HttpResponse {
  if (throttled(result)) return json(429, { message: 'Too Many Requests' });
  if (!result.ok) {
    return result.error.errorType === 'Sandbox.Timedout' ? json(503, { message: 'Service Unavailable' }) : json(500, { message: 'Internal Server Error' });
  }
  const value = result.value;
  if (value && typeof value === 'object' && !Array.isArray(value) && 'statusCode' in value) {
    const r = value as { statusCode: unknown; headers?: Record<string, unknown>; body?: unknown; isBase64Encoded?: boolean; cookies?: string[] };
    const status = Number(r.statusCode);
    if (!Number.isInteger(status) || status < 100 || status > 599) return json(500, { message: 'Internal Server Error' });
    const headers: Record<string, string | string[]> = {};
    for (const [k, v] of Object.entries(r.headers ?? {})) headers[k.toLowerCase()] = String(v);
    if (Array.isArray(r.cookies) && r.cookies.length) headers['set-cookie'] = r.cookies.map(String);
    const text = r.body === undefined || r.body === null ? '' : typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
    const body = r.isBase64Encoded ? Buffer.from(text, 'base64') : Buffer.from(text);
    return { status, headers, body };
  }
  const text = typeof value === 'string' ? value : JSON.stringify(value ?? null);
  return { status: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from(text) };
}

/** Maps a handler result the way a REST API Lambda proxy integration does. */
export function restApiResponse(result: InvokeResult): HttpResponse {
  if (throttled(result)) return json(429, { message: 'Too Many Requests' });
  if (!result.ok) {
    return result.error.errorType === 'Sandbox.Timedout' ? json(504, { message: 'Endpoint request timed out' }) : json(502, { message: 'Internal server error' });
  }
  const r = result.value as { statusCode?: unknown; headers?: Record<string, unknown>; multiValueHeaders?: Record<string, unknown[]>; body?: unknown; isBase64Encoded?: boolean } | null;
  const status = Number(r?.statusCode);
  if (!r || typeof r !== 'object' || !Number.isInteger(status) || (r.body !== undefined && r.body !== null && typeof r.body !== 'string')) {
    return json(502, { message: 'Internal server error' });
  }
  const headers: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(r.headers ?? {})) headers[k] = String(v);
  for (const [k, v] of Object.entries(r.multiValueHeaders ?? {})) headers[k] = (v ?? []).map(String);
  const text = typeof r.body === 'string' ? r.body : '';
  return { status, headers, body: r.isBase64Encoded ? Buffer.from(text, 'base64') : Buffer.from(text) };
}

export interface HttpApisDeps {
  apis: ApiModel[];
  functions: Functions;
  addresses: Addresses;
  trace: Trace;
  now: () => number;
  /** The services direct routes reach (apis.X.routes). */
  direct?: DirectServices;
  /** Authorizers and API keys (default: keys from EDA_DEV_JWKS, the key EDA_DEV_API_KEY or a random one). */
  auth?: LocalAuth;
}

export class HttpApis {
  private servers = new Map<string, Server>();
  private routers = new Map<string, Router<AnyRoute>>();
  private sockets = new Set<import('node:net').Socket>();

  private readonly auth: LocalAuth;

  constructor(private readonly deps: HttpApisDeps) {
    for (const api of deps.apis) this.routers.set(api.name, new Router<AnyRoute>([...api.routes, ...(api.directRoutes ?? [])]));
    this.auth = deps.auth ?? new LocalAuth({ ...deps, jwt: new JwtVerifier(process.env.EDA_DEV_JWKS, process.cwd()), apiKey: devApiKey() });
  }

  /** Listens on 127.0.0.1: the first api on `port`, the next on port+1, ... (0: any free port). */
  async listen(port: number): Promise<Record<string, string>> {
    const urls: Record<string, string> = {};
    let next = port;
    for (const api of this.deps.apis) {
      const server = await listenLoopback(next, (req, res) => this.handle(api, req, res), this.sockets);
      this.servers.set(api.name, server);
      const actual = (server.address() as AddressInfo).port;
      urls[api.name] = `http://127.0.0.1:${actual}`;
      next = port === 0 ? 0 : actual + 1;
    }
    return urls;
  }

  private async handle(api: ApiModel, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    // API Gateway refuses payloads over 10 MB; reading stops there
    const received = await readBody(req, LIMITS.apiRequestBytes);
    const body = received ?? Buffer.alloc(0);
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    const rawQuery = q < 0 ? '' : url.slice(q + 1);
    const method = (req.method ?? 'GET').toUpperCase();
    const requestId = apiRequestId();
    let response: HttpResponse;
    let fnName: string | undefined;
    let routeKey: string | undefined;
    let target: string | undefined;
    try {
      const preflight = this.preflight(api, method, path, req);
      if (!received) response = json(413, { message: 'Request Entity Too Large' });
      else if (preflight) response = preflight;
      else {
        const match = this.routers.get(api.name)!.match(method, path);
        if (!match) response = json(404, { message: 'Not Found' });
        else {
          routeKey = match.route.path === '$default' ? '$default' : `${match.route.method.toUpperCase()} ${match.route.path}`;
          const facts: HttpRequestFacts = {
            method,
            path,
            rawQuery,
            headers: req.headers,
            rawHeaders: req.rawHeaders,
            body,
            sourceIp: req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1',
            time: this.deps.now(),
            requestId,
            apiId: md5(api.name).slice(0, 10),
            domainName: `127.0.0.1:${(req.socket.localPort ?? 0).toString()}`,
            stage: api.type === 'http' ? '$default' : this.deps.addresses.app.stage,
            routeKey,
            resource: match.route.path,
            pathParameters: match.params,
          };
          const auth = await this.auth.authorize(api, match.route, facts);
          if (!auth.ok) response = json(auth.refusal.status, auth.refusal.body);
          else {
            facts.authorizer = auth.authorizer;
            if ('target' in match.route) {
              target = `${match.route.target.kind} ${match.route.target.name}`;
              response = await this.direct(api, match.route, facts);
            } else {
              fnName = match.route.function;
              const event = api.type === 'http' ? httpApiEvent(facts) : restApiEvent(facts);
              const result = await this.deps.functions.invoke(fnName, event, { trigger: `http ${method} ${path}`, throttle: true });
              response = api.type === 'http' ? httpApiResponse(result) : restApiResponse(result);
            }
          }
        }
      }
    } catch (error) {
      response = json(500, { message: 'Internal Server Error' });
      this.deps.trace.emit({ kind: 'warn', message: `http ${method} ${path}: ${error instanceof Error ? error.message : String(error)}` });
    }
    if (api.cors && api.type === 'http') this.corsHeaders(api, req, response);
    response.headers[api.type === 'http' ? 'apigw-requestid' : 'x-amzn-requestid'] = requestId;
    res.writeHead(response.status, response.headers);
    res.end(method === 'HEAD' ? undefined : response.body);
    this.deps.trace.emit({ kind: 'http', api: api.name, method, path, route: routeKey, function: fnName, target, status: response.status, ms: performance.now() - started, requestId });
  }

  private async direct(api: ApiModel, route: DirectRouteModel, facts: HttpRequestFacts): Promise<HttpResponse> {
    if (!this.deps.direct) return json(500, { message: 'Internal Server Error' });
    const r = await serveDirect(api, route, { headers: facts.headers, rawQuery: facts.rawQuery, params: facts.pathParameters ?? {}, body: facts.body, requestId: facts.requestId }, this.deps.direct);
    return { status: r.status, headers: { 'content-type': 'application/json' }, body: Buffer.from(r.body) };
  }

  private allowedOrigin(api: ApiModel, origin: string | undefined): string | undefined {
    if (!origin || !api.cors) return undefined;
    if (api.cors.origins.includes('*')) return api.cors.allowCredentials ? origin : '*';
    return api.cors.origins.find((o) => o === origin || (o.includes('*') && new RegExp(`^${o.split('*').map(escapeRe).join('.*')}$`).test(origin)))
      ? origin
      : undefined;
  }

  private preflight(api: ApiModel, method: string, path: string, req: IncomingMessage): HttpResponse | undefined {
    if (method !== 'OPTIONS' || !api.cors) return undefined;
    const requested = headerOf(req, 'access-control-request-method');
    if (!requested) return undefined;
    const cors = api.cors;
    const origin = this.allowedOrigin(api, headerOf(req, 'origin'));
    const headers: Record<string, string> = {};
    const methodAllowed = cors.methods.includes('*') || cors.methods.map((m) => m.toUpperCase()).includes(requested.toUpperCase());
    if (origin && methodAllowed) {
      headers['access-control-allow-origin'] = origin;
      headers['access-control-allow-methods'] = cors.methods.join(',');
      const reqHeaders = headerOf(req, 'access-control-request-headers');
      if (cors.headers.length) headers['access-control-allow-headers'] = cors.headers.includes('*') && reqHeaders ? reqHeaders : cors.headers.join(',');
      if (cors.allowCredentials) headers['access-control-allow-credentials'] = 'true';
      if (cors.maxAge !== undefined) headers['access-control-max-age'] = String(cors.maxAge);
      if (origin !== '*') headers.vary = 'Origin';
    }
    return { status: 204, headers, body: Buffer.alloc(0) };
  }

  private corsHeaders(api: ApiModel, req: IncomingMessage, response: HttpResponse): void {
    const origin = this.allowedOrigin(api, headerOf(req, 'origin'));
    if (!origin || response.headers['access-control-allow-origin']) return;
    response.headers['access-control-allow-origin'] = origin;
    if (api.cors?.allowCredentials) response.headers['access-control-allow-credentials'] = 'true';
    if (origin !== '*') response.headers.vary = 'Origin';
  }

  async close(): Promise<void> {
    const closing = [...this.servers.values()].map((s) => new Promise<void>((resolve) => s.close(() => resolve())));
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    await Promise.all(closing);
    this.servers.clear();
  }
}

/** The API key `eda dev` accepts: EDA_DEV_API_KEY, or a random one printed at start. */
export function devApiKey(): string {
  return process.env.EDA_DEV_API_KEY || randomBytes(20).toString('base64url');
}

function headerOf(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
