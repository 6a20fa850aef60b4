// Local stand-ins for a broken AWS endpoint, on free 127.0.0.1 ports:
//   - a web server that answers every request with an HTML page (a proxy error, a wrong port);
//   - a black hole that accepts connections and never answers;
//   - a scripted endpoint whose answer per request may also be 'hang' or 'html';
//   - a proxy to a real endpoint that dies mid-command.
import { createServer as createHttpServer, request as httpRequest, type IncomingMessage, type Server as HttpServer } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';

export interface Endpoint {
  url: string;
  /** The requests seen: the query Action, else "METHOD /path". */
  requests: string[];
  close(): Promise<void>;
}

/** The page of the issue: not even well-formed XML (an unclosed <meta>). */
export const HTML_PAGE = '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>\n';

export type Answer = { status: number; body: string; contentType?: string; headers?: Record<string, string> } | 'hang' | 'html';

function listen(server: HttpServer | TcpServer): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
}

/** The environment of an eda process pointed at `endpoint`, with fake credentials and no AWS config files. */
export function fakeAwsEnv(endpoint: string): Record<string, string> {
  return {
    NO_COLOR: '1',
    AWS_ENDPOINT_URL: endpoint,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_REGION: 'us-east-1',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
  };
}

/** Listens on a free 127.0.0.1 port; `close` also ends the connections still open. */
async function serveOn(server: HttpServer | TcpServer, requests: string[]): Promise<Endpoint> {
  const sockets = new Set<Socket>();
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  const port = await listen(server);
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => resolve(body));
  });
}

/** An HTTP endpoint answering each request as `answer` says. */
export async function scriptedEndpoint(answer: (action: string, params: URLSearchParams, body: string, headers: IncomingMessage['headers']) => Answer): Promise<Endpoint> {
  const requests: string[] = [];
  const server = createHttpServer(async (req, res) => {
    const body = await readBody(req);
    const params = new URLSearchParams(body);
    const action = params.get('Action') ?? `${req.method} ${req.url}`;
    requests.push(action);
    const out = answer(action, params, body, req.headers);
    if (out === 'hang') return;
    if (out === 'html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(HTML_PAGE);
      return;
    }
    res.writeHead(out.status, { 'content-type': out.contentType ?? 'text/xml', ...out.headers });
    res.end(out.body);
  });
  return serveOn(server, requests);
}

/** Answers every request with HTML_PAGE (HTTP 200, text/html). */
export function htmlEndpoint(): Promise<Endpoint> {
  return scriptedEndpoint(() => 'html');
}

/** Accepts TCP connections, reads what is sent, never answers. */
export async function blackHole(): Promise<Endpoint> {
  const requests: string[] = [];
  const server = createTcpServer((socket) => {
    requests.push('connection');
    socket.on('data', () => {});
    socket.on('error', () => {});
  });
  return serveOn(server, requests);
}

/**
 * A proxy to `target` that dies (accepts connections, never answers) once it has passed on
 * the answer to a request for which `cutAfter(action)` is true: an endpoint that goes away
 * in the middle of a command.
 */
export async function dyingProxy(target: string, cutAfter: (action: string) => boolean): Promise<Endpoint & { dead(): boolean }> {
  const to = new URL(target);
  let dead = false;
  const requests: string[] = [];
  const server = createHttpServer(async (req, res) => {
    const body = await readBody(req);
    const action = new URLSearchParams(body).get('Action') ?? `${req.method} ${req.url}`;
    requests.push(action);
    if (dead) return;
    const upstream = httpRequest({ host: to.hostname, port: to.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
      answer.on('end', () => {
        if (cutAfter(action)) dead = true;
      });
    });
    upstream.on('error', () => res.destroy());
    upstream.end(body);
  });
  return { ...(await serveOn(server, requests)), dead: () => dead };
}
