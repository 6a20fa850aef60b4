// The app's WebSocket APIs on loopback, as API Gateway runs them: $connect is invoked before
// the upgrade is accepted (a non-2xx answer or a failure refuses it), each message is routed by
// the API's selection expression ($request.body.action) or goes to $default, $disconnect is
// invoked when either side closes, and the management API (@connections: PostToConnection,
// GetConnection, DeleteConnection) reaches the connections from the handlers' SDK.
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { WebSocketApiModel } from '../model/types.js';
import type { Addresses } from './addresses.js';
import type { Functions, InvokeResult } from './functions.js';
import { apiRequestId, md5 } from './ids.js';
import { listenLoopback } from './listen.js';
import type { Trace } from './trace.js';
import { connectionId, selectRoute, webSocketEvent, type ConnectionFacts } from './websocket-events.js';

export interface WebSocketApisDeps {
  apis: WebSocketApiModel[];
  functions: Functions;
  addresses: Addresses;
  trace: Trace;
  now: () => number;
}

export interface Connection extends ConnectionFacts {
  api: WebSocketApiModel;
  socket: WebSocket;
  lastActiveAt: number;
}

/** AWS's answer to a message no route takes, or whose integration failed. */
const errorFrame = (message: string, c: Connection, requestId: string) => JSON.stringify({ message, connectionId: c.connectionId, requestId });

const status = (result: InvokeResult): number => {
  if (!result.ok) return 500;
  const value = result.value as { statusCode?: unknown } | null;
  return value && typeof value === 'object' && 'statusCode' in value ? Number(value.statusCode) : 200;
};

export class WebSocketApis {
  readonly connections = new Map<string, Connection>();
  private servers: Server[] = [];
  private readonly sockets = new Set<Socket>();
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 128 * 1024 });

  constructor(private readonly deps: WebSocketApisDeps) {}

  /** Listens on 127.0.0.1 from `port` on (0: any free port); returns each api's ws:// URL. */
  async listen(port: number): Promise<Record<string, string>> {
    const urls: Record<string, string> = {};
    let next = port;
    for (const api of this.deps.apis) {
      const server = await listenLoopback(next, async (_req, res) => {
        res.writeHead(426, { 'content-type': 'application/json', upgrade: 'websocket' });
        res.end(JSON.stringify({ message: 'this is a WebSocket API: connect with a WebSocket client' }));
      }, this.sockets);
      server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
        this.upgrade(api, req, socket, head).catch((error) => this.failed(`websocket ${api.name} $connect`, error, () => socket.destroy()));
      });
      this.servers.push(server);
      const actual = (server.address() as AddressInfo).port;
      urls[api.name] = `ws://127.0.0.1:${actual}`;
      next = port === 0 ? 0 : actual + 1;
    }
    return urls;
  }

  private route(api: WebSocketApiModel, key: string) {
    return api.routes.find((r) => r.key === key);
  }

  private async invoke(c: Connection, routeKey: string, eventType: 'CONNECT' | 'MESSAGE' | 'DISCONNECT', extra: { body?: RawData; binary?: boolean; disconnect?: { code: number; reason: string } } = {}): Promise<{ result?: InvokeResult; requestId: string; fn?: string }> {
    const requestId = apiRequestId();
    const route = this.route(c.api, routeKey);
    if (!route) return { requestId };
    const event = webSocketEvent(c, { routeKey, eventType, requestId, time: this.deps.now(), stage: this.deps.addresses.app.stage, ...extra });
    const started = performance.now();
    const result = await this.deps.functions.invoke(route.function, event, { trigger: `websocket ${c.api.name} ${routeKey}`, throttle: true });
    this.deps.trace.emit({ kind: 'http', api: c.api.name, method: eventType, path: routeKey, route: routeKey, function: route.function, status: status(result), ms: performance.now() - started, requestId });
    return { result, requestId, fn: route.function };
  }

  private async upgrade(api: WebSocketApiModel, req: IncomingMessage, socket: Socket, head: Buffer): Promise<void> {
    const now = this.deps.now();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const c = {
      api,
      connectionId: connectionId(),
      connectedAt: now,
      lastActiveAt: now,
      sourceIp: req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1',
      headers: req.headers,
      rawQuery: url.search.slice(1),
      apiId: md5(api.name).slice(0, 10),
      domainName: `127.0.0.1:${req.socket.localPort ?? 0}`,
    } as Connection;
    const { result } = await this.invoke(c, '$connect', 'CONNECT');
    const code = result ? status(result) : 200;
    if (code < 200 || code > 299) {
      const text = code === 500 ? 'Internal Server Error' : 'Forbidden';
      socket.end(`HTTP/1.1 ${code} ${text}\r\ncontent-type: application/json\r\nconnection: close\r\n\r\n${JSON.stringify({ message: text })}`);
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      c.socket = ws;
      this.connections.set(c.connectionId, c);
      ws.on('message', (data, isBinary) => {
        this.message(c, data, isBinary).catch((error) => this.failed(`websocket ${api.name} message`, error, () => ws.readyState === ws.OPEN && ws.send(errorFrame('Internal server error', c, apiRequestId()))));
      });
      ws.on('close', (code, reason) => {
        this.closed(c, code, reason.toString('utf8')).catch((error) => this.failed(`websocket ${api.name} $disconnect`, error, () => undefined));
      });
      ws.on('error', () => ws.terminate());
    });
  }

  private async message(c: Connection, data: RawData, binary: boolean): Promise<void> {
    c.lastActiveAt = this.deps.now();
    const key = binary ? undefined : selectRoute(c.api.routeSelection, data.toString());
    const routeKey = key !== undefined && key !== '$connect' && key !== '$disconnect' && this.route(c.api, key) ? key : '$default';
    const { result, requestId } = await this.invoke(c, routeKey, 'MESSAGE', { body: data, binary });
    if (c.socket.readyState !== c.socket.OPEN) return;
    if (!result) c.socket.send(errorFrame('Forbidden', c, requestId));
    else if (!result.ok) c.socket.send(errorFrame('Internal server error', c, requestId));
  }

  private async closed(c: Connection, code: number, reason: string): Promise<void> {
    if (!this.connections.delete(c.connectionId)) return;
    await this.invoke(c, '$disconnect', 'DISCONNECT', { disconnect: { code, reason } });
  }

  /** A failure of the emulation itself (not of a handler): traced as a warning, the client answered as AWS would. */
  private failed(what: string, error: unknown, answer: () => unknown): void {
    this.deps.trace.emit({ kind: 'warn', message: `${what}: ${error instanceof Error ? error.message : String(error)}` });
    answer();
  }

  /** DeleteConnection: closes it as API Gateway does (1000), then $disconnect runs. */
  disconnect(id: string): boolean {
    const c = this.connections.get(id);
    if (!c) return false;
    c.socket.close(1000, 'Going away');
    return true;
  }

  async close(): Promise<void> {
    for (const c of this.connections.values()) c.socket.terminate();
    this.connections.clear();
    const closing = this.servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve())));
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    this.wss.close();
    await Promise.all(closing);
    this.servers = [];
  }
}
