// Lambda function URLs on loopback: one port per function with `url:`, any method and path,
// the request as the payload format 2.0 event function URLs send (routeKey and stage $default),
// the result mapped back as function URLs map it (the HTTP API rules), and CORS preflights
// answered from the function's cors settings. IAM auth is not checked locally (requests are
// not signed); the event carries an iam authorizer context as AWS's would.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { FunctionModel } from '../model/types.js';
import type { Addresses } from './addresses.js';
import type { Functions } from './functions.js';
import { httpApiResponse, type HttpResponse } from './http.js';
import { apiRequestId, md5 } from './ids.js';
import { LIMITS, readBody } from './limits.js';
import { listenLoopback } from './listen.js';
import { httpApiEvent } from './payloads.js';
import type { Trace } from './trace.js';

export interface FunctionUrlsDeps {
  functions: FunctionModel[];
  invoker: Functions;
  addresses: Addresses;
  trace: Trace;
  now: () => number;
}

const header = (req: IncomingMessage, name: string) => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

export class FunctionUrls {
  private servers: Server[] = [];
  private readonly sockets = new Set<Socket>();

  constructor(private readonly deps: FunctionUrlsDeps) {}

  /** Listens on 127.0.0.1 from `port` on (0: any free port); returns each function's URL. */
  async listen(port: number): Promise<Record<string, string>> {
    const urls: Record<string, string> = {};
    let next = port;
    for (const fn of this.deps.functions.filter((f) => f.url)) {
      const server = await listenLoopback(next, (req, res) => this.handle(fn, req, res), this.sockets);
      this.servers.push(server);
      const actual = (server.address() as AddressInfo).port;
      urls[fn.name] = `http://127.0.0.1:${actual}/`;
      next = port === 0 ? 0 : actual + 1;
    }
    return urls;
  }

  private async handle(fn: FunctionModel, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const method = (req.method ?? 'GET').toUpperCase();
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    const requestId = apiRequestId();
    const cors = fn.url!.cors;
    let response: HttpResponse;
    const received = await readBody(req, LIMITS.apiRequestBytes);
    if (!received) response = { status: 413, headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify({ Message: 'Request must be smaller than 6291456 bytes for the InvokeFunction operation' })) };
    else if (method === 'OPTIONS' && cors && header(req, 'access-control-request-method')) response = this.preflight(fn, req);
    else {
      const urlId = md5(fn.name).slice(0, 32);
      const event = httpApiEvent({
        method,
        path,
        rawQuery: q < 0 ? '' : url.slice(q + 1),
        headers: req.headers,
        rawHeaders: req.rawHeaders,
        body: received,
        sourceIp: req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1',
        time: this.deps.now(),
        requestId,
        apiId: urlId,
        domainName: `127.0.0.1:${req.socket.localPort ?? 0}`,
        stage: '$default',
        routeKey: '$default',
        resource: path,
        authorizer: fn.url!.auth === 'iam' ? { iam: { accountId: this.deps.addresses.account, userId: 'AIDAEDALOCAL', callerId: 'AIDAEDALOCAL', accessKey: 'AKIAEDALOCAL00000000' } } : undefined,
      });
      try {
        response = httpApiResponse(await this.deps.invoker.invoke(fn.name, event, { trigger: `url ${method} ${path}`, throttle: true }));
      } catch (error) {
        this.deps.trace.emit({ kind: 'warn', message: `url ${fn.name} ${method} ${path}: ${error instanceof Error ? error.message : String(error)}` });
        response = { status: 500, headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify({ Message: 'Internal Server Error' })) };
      }
    }
    const origin = this.allowedOrigin(fn, header(req, 'origin'));
    if (origin && !response.headers['access-control-allow-origin']) {
      response.headers['access-control-allow-origin'] = origin;
      if (cors?.allowCredentials) response.headers['access-control-allow-credentials'] = 'true';
    }
    response.headers['x-amzn-requestid'] = requestId;
    res.writeHead(response.status, response.headers);
    res.end(method === 'HEAD' ? undefined : response.body);
    this.deps.trace.emit({ kind: 'http', api: `url ${fn.name}`, method, path, function: fn.name, status: response.status, ms: performance.now() - started, requestId });
  }

  private allowedOrigin(fn: FunctionModel, origin: string | undefined): string | undefined {
    const cors = fn.url?.cors;
    if (!origin || !cors) return undefined;
    if (cors.origins.includes('*')) return cors.allowCredentials ? origin : '*';
    return cors.origins.includes(origin) ? origin : undefined;
  }

  private preflight(fn: FunctionModel, req: IncomingMessage): HttpResponse {
    const cors = fn.url!.cors!;
    const origin = this.allowedOrigin(fn, header(req, 'origin'));
    const requested = header(req, 'access-control-request-method')!.toUpperCase();
    const headers: Record<string, string> = {};
    if (origin && (cors.methods.includes('*') || cors.methods.map((m) => m.toUpperCase()).includes(requested))) {
      headers['access-control-allow-origin'] = origin;
      headers['access-control-allow-methods'] = cors.methods.join(',');
      const wanted = header(req, 'access-control-request-headers');
      if (cors.headers.length) headers['access-control-allow-headers'] = cors.headers.includes('*') && wanted ? wanted : cors.headers.join(',');
      if (cors.allowCredentials) headers['access-control-allow-credentials'] = 'true';
      if (cors.maxAge !== undefined) headers['access-control-max-age'] = String(cors.maxAge);
    }
    return { status: 200, headers, body: Buffer.alloc(0) };
  }

  async close(): Promise<void> {
    const closing = this.servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve())));
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    await Promise.all(closing);
    this.servers = [];
  }
}
