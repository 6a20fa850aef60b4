// The local console at /_eda/ on eda dev's services port: three static files shipped in the
// package (console/), a Server-Sent Events stream of the trace, and small JSON endpoints.
// The trace is subscribed to only while a page is connected, so without a browser eda dev's
// hops cost nothing more. Only loopback requests addressed to this port are answered, and
// a browser may change something (POST) only from the console's own origin.
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { packageRoot } from '../../core/package-root.js';
import type { Trace, Traced } from '../trace.js';
import { appSummary, bucketObjects, ConsoleError, purgeQueue, queuesView, redriveMessage, tableItems, workflowsView, type ConsoleDeps } from './data.js';
import { hopMark } from './hops.js';
import { send, type SendRequest } from './send.js';

export const CONSOLE_PREFIX = '/_eda';

const STATIC: Record<string, { file: string; type: string }> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/console.js': { file: 'console.js', type: 'text/javascript; charset=utf-8' },
  '/console.css': { file: 'console.css', type: 'text/css; charset=utf-8' },
};

/** How many past records a newly connected page gets. */
const BACKLOG = 500;

const LOOPBACK = /^(?:127\.0\.0\.1|localhost|\[::1\]):(\d+)$/i;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** Why the console refuses a request: a Host other than this loopback port (DNS rebinding), or a cross-origin change. */
export function consoleRefusal(req: IncomingMessage, port: number): string | undefined {
  const host = LOOPBACK.exec(one(req.headers.host) ?? '');
  if (!host || Number(host[1]) !== port) return `the console answers only requests addressed to 127.0.0.1:${port} or localhost:${port}`;
  if (req.method === 'GET' || req.method === 'HEAD') return undefined;
  const origin = one(req.headers.origin);
  const site = one(req.headers['sec-fetch-site']);
  if (origin ? LOOPBACK.exec(origin.replace(/^http:\/\//, ''))?.[1] !== String(port) : site === 'cross-site' || site === 'same-site') {
    return `the console takes changes only from its own page (Origin: ${origin ?? site})`;
  }
  return undefined;
}

/** A trace record as the page reads it: ISO time, and where it lands on the diagram. */
export function consoleRecord(e: Traced): Record<string, unknown> {
  return { ...e, time: new Date(e.time).toISOString(), hop: hopMark(e) };
}

function json(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > 1_048_576) throw new ConsoleError('request body over 1 MiB', 413);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return {};
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // falls through
  }
  throw new ConsoleError('the request body must be a JSON object');
}

/** The trace as Server-Sent Events: the recent records, then each one as it happens, until the page goes. */
function streamTrace(trace: Trace, req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
  const write = (e: Traced) => res.write(`data: ${JSON.stringify(consoleRecord(e))}\n\n`);
  for (const e of trace.recent.slice(-BACKLOG)) write(e);
  res.write(': live\n\n');
  const off = trace.on(write);
  const ping = setInterval(() => res.write(': ping\n\n'), 15_000);
  ping.unref();
  const end = () => {
    off();
    clearInterval(ping);
  };
  req.on('close', end);
  res.on('close', end);
}

export class LocalConsole {
  private graph?: Promise<string>;

  constructor(
    private readonly deps: ConsoleDeps & { trace: Trace },
    private readonly root = path.join(packageRoot(), 'console'),
  ) {}

  /** Answers a request under /_eda (the caller checked the prefix). */
  async serve(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const refused = consoleRefusal(req, req.socket.localPort ?? 0);
    if (refused) {
      req.resume();
      return json(res, 403, { message: refused });
    }
    try {
      await this.route(req, res, url.pathname.slice(CONSOLE_PREFIX.length) || '/');
    } catch (error) {
      if (res.headersSent) return void res.end();
      const status = error instanceof ConsoleError ? error.status : 500;
      json(res, status, { message: (error as Error).message });
    }
  }

  private async route(req: IncomingMessage, res: ServerResponse, p: string): Promise<void> {
    const { deps } = this;
    const method = req.method ?? 'GET';
    const file = STATIC[p];
    if (file && method === 'GET') {
      const body = await readFile(path.join(this.root, file.file));
      res.writeHead(200, { 'content-type': file.type, 'cache-control': 'no-store', 'content-length': body.length });
      return void res.end(body);
    }
    if (method === 'GET') {
      if (p === '/events') return streamTrace(deps.trace, req, res);
      if (p === '/app') return json(res, 200, appSummary(deps));
      if (p === '/graph') return json(res, 200, await this.diagram());
      if (p === '/queues') return json(res, 200, { queues: queuesView(deps) });
      if (p === '/workflows') return json(res, 200, { workflows: workflowsView(deps) });
      if (p === '/trace') return json(res, 200, { records: deps.trace.recent.slice(-BACKLOG).map(consoleRecord) });
      const m = /^\/(tables|buckets)\/([^/]+)$/.exec(p);
      if (m?.[1] === 'tables') return json(res, 200, await tableItems(deps, decodeURIComponent(m[2]!)));
      if (m?.[1] === 'buckets') return json(res, 200, bucketObjects(deps, decodeURIComponent(m[2]!)));
    }
    if (method === 'POST') {
      const body = await readJson(req);
      if (p === '/send') return json(res, 200, await send(deps, body as unknown as SendRequest));
      const m = /^\/queues\/([^/]+)\/(purge|redrive)$/.exec(p);
      if (m?.[2] === 'purge') return json(res, 200, purgeQueue(deps, decodeURIComponent(m[1]!)));
      if (m?.[2] === 'redrive') {
        if (typeof body.messageId !== 'string') throw new ConsoleError('say which message: {"messageId": "…"}');
        return json(res, 200, redriveMessage(deps, decodeURIComponent(m[1]!), body.messageId, typeof body.to === 'string' ? body.to : undefined));
      }
    }
    req.resume();
    throw new ConsoleError(`the console has no ${method} ${CONSOLE_PREFIX}${p}`, 404);
  }

  /** The diagram eda graph draws (SVG, nodes carry data-id, edges data-from/data-to), laid out once. */
  private async diagram(): Promise<{ svg: string }> {
    this.graph ??= (async () => {
      const { buildGraph } = await import('../../graph/build.js');
      const { renderSvg } = await import('../../graph/svg.js');
      return (await renderSvg(buildGraph(this.deps.app))).replace(/^<\?xml[^>]*>\s*/, '');
    })();
    return { svg: await this.graph };
  }
}
