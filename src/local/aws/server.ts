// One loopback server for every AWS API the handlers call. Requests are told apart the
// way AWS's endpoints would: X-Amz-Target for the JSON protocols (DynamoDB, SQS,
// EventBridge, Step Functions, Secrets Manager), the signed service or Action for query-protocol bodies
// (SNS, legacy SQS), and the path for Lambda's REST API. Secrets Manager answers from a
// local file.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { listenLoopback } from '../listen.js';
import { LIMITS, readBody } from '../limits.js';
import { CONNECTIONS_PREFIX } from './connections.js';
import { refusal, refusalResponse } from './guard.js';
import type { ApiRequest, ApiResponse } from './protocol.js';
import { ApiError, jsonError, parseForm, signedService } from './protocol.js';

export interface ServiceHandlers {
  dynamodb(action: string, body: Buffer): Promise<ApiResponse>;
  sqs(req: ApiRequest): Promise<ApiResponse>;
  sns(req: ApiRequest): ApiResponse | Promise<ApiResponse>;
  events(req: ApiRequest): ApiResponse | Promise<ApiResponse>;
  sfn(req: ApiRequest): Promise<ApiResponse>;
  lambda(req: ApiRequest): Promise<ApiResponse>;
  secrets(req: ApiRequest): ApiResponse;
  /** The WebSocket APIs' management API (@connections). */
  connections?(req: ApiRequest): ApiResponse;
  s3(req: ApiRequest): ApiResponse;
}

const SNS_ACTIONS = new Set(['Publish', 'PublishBatch', 'ListTopics', 'GetTopicAttributes', 'ListSubscriptions', 'ListSubscriptionsByTopic']);

/** JSON-protocol bodies must be a JSON object; AWS answers anything else with SerializationException. */
function malformedJson(req: ApiRequest): ApiResponse | undefined {
  if (!req.body.length) return undefined;
  try {
    const value: unknown = JSON.parse(req.body.toString('utf8'));
    if (value && typeof value === 'object' && !Array.isArray(value)) return undefined;
  } catch {
    // falls through
  }
  const contentType = String(req.headers['content-type'] ?? '').includes('1.1') ? 'application/x-amz-json-1.1' : 'application/x-amz-json-1.0';
  return jsonError(new ApiError('SerializationException', 'The request body is not a JSON object.'), 'com.amazon.coral.service', contentType);
}

export async function routeServiceRequest(handlers: ServiceHandlers, req: ApiRequest): Promise<ApiResponse> {
  const target = String(req.headers['x-amz-target'] ?? '');
  if (target) {
    const malformed = malformedJson(req);
    if (malformed) return malformed;
  }
  if (target.startsWith('DynamoDB_20120810.')) return handlers.dynamodb(target.slice('DynamoDB_20120810.'.length), req.body);
  if (target.startsWith('AmazonSQS.')) return handlers.sqs(req);
  if (target.startsWith('AWSEvents.')) return handlers.events(req);
  if (target.startsWith('AWSStepFunctions.')) return handlers.sfn(req);
  if (target.startsWith('secretsmanager.')) return handlers.secrets(req);
  if (req.path.startsWith('/2015-03-31/functions/')) return handlers.lambda(req);
  if (req.path.startsWith(CONNECTIONS_PREFIX) && handlers.connections) return handlers.connections(req);
  // S3's REST API is told apart by its signature (…/s3/aws4_request), header or presigned query
  if (signedService(req.headers) === 's3' || /\/s3\/aws4_request$/.test(req.query.get('X-Amz-Credential') ?? '')) return handlers.s3(req);
  const contentType = String(req.headers['content-type'] ?? '');
  if (req.method === 'POST' && contentType.includes('x-www-form-urlencoded')) {
    const service = signedService(req.headers);
    if (service === 'sns') return handlers.sns(req);
    if (service === 'sqs') return handlers.sqs(req);
    const action = parseForm(req.body).Action ?? '';
    return SNS_ACTIONS.has(action) ? handlers.sns(req) : handlers.sqs(req);
  }
  if (req.method === 'GET' && req.path === '/') return { status: 200, headers: { 'content-type': 'text/plain' }, body: 'eda local AWS services\n' };
  return {
    status: 404,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ message: `eda dev does not serve ${req.method} ${req.path}${target ? ` (${target})` : ''}` }),
  };
}

export class ServicesServer {
  private server?: Server;
  private sockets = new Set<Socket>();

  constructor(
    private readonly handlers: ServiceHandlers,
    /** The local console, answering every path under /_eda. */
    private readonly console?: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>,
  ) {}

  async listen(port = 0): Promise<string> {
    const server = await listenLoopback(port, (req, res) => this.serve(req, res), this.sockets);
    this.server = server;
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (this.console && (url.pathname === '/_eda' || url.pathname.startsWith('/_eda/'))) return this.console(req, res, url);
    const refused = refusal(req.headers, url.searchParams, req.socket.localPort ?? 0);
    if (refused) {
      req.resume(); // dropped, not read
      return this.answer(res, refusalResponse(refused, req.headers));
    }
    const body = await readBody(req, LIMITS.servicesRequestBytes);
    if (!body) return this.answer(res, refusalResponse(new ApiError('RequestEntityTooLargeException', 'Request Entity Too Large', 413, 'RequestEntityTooLarge'), req.headers));
    let response: ApiResponse;
    try {
      response = await routeServiceRequest(this.handlers, {
        method: (req.method ?? 'GET').toUpperCase(),
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body,
      });
    } catch (error) {
      response = { status: 500, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: (error as Error).message }) };
    }
    this.answer(res, response);
  }

  private answer(res: ServerResponse, response: ApiResponse): void {
    const body = typeof response.body === 'string' ? Buffer.from(response.body) : response.body;
    if (res.destroyed) return;
    // a HEAD answer says the length of what a GET would return
    res.writeHead(response.status, { ...response.headers, 'content-length': response.headers['content-length'] ?? String(body.length) });
    res.end(body);
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    await closed;
  }
}
