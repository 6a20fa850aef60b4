// The events API Gateway's WebSocket APIs send a Lambda proxy integration — CONNECT (with the
// handshake's headers and query string), MESSAGE (the frame as body) and DISCONNECT (with the
// close code and reason) — and how a message's route is chosen by the selection expression.
import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { clfTime } from './payloads.js';

/** What a connection keeps from its handshake. */
export interface ConnectionFacts {
  connectionId: string;
  connectedAt: number;
  sourceIp: string;
  headers: IncomingHttpHeaders;
  rawQuery: string;
  apiId: string;
  domainName: string;
}

export interface WebSocketEventFacts {
  routeKey: string;
  eventType: 'CONNECT' | 'MESSAGE' | 'DISCONNECT';
  requestId: string;
  time: number;
  stage: string;
  body?: Buffer | ArrayBuffer | Buffer[];
  binary?: boolean;
  disconnect?: { code: number; reason: string };
}

/** A connection ID as API Gateway writes them: 12 random bytes, base64 ("L0SM9cOFvHcCIhw="). */
export const connectionId = (): string => randomBytes(10).toString('base64');

/**
 * The route key a message selects: the value at the expression's path in the JSON body
 * ($request.body.action → body.action); undefined when the body is not JSON or has no such value.
 */
export function selectRoute(expression: string, body: string): string | undefined {
  const m = /^\$request\.body\.(.+)$/.exec(expression);
  if (!m) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return undefined;
  }
  for (const key of m[1]!.split('.')) {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
}

function toBuffer(body: WebSocketEventFacts['body']): Buffer {
  if (!body) return Buffer.alloc(0);
  if (Array.isArray(body)) return Buffer.concat(body);
  return Buffer.isBuffer(body) ? body : Buffer.from(body);
}

function handshake(c: ConnectionFacts) {
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(c.headers)) {
    if (v === undefined) continue;
    const values = Array.isArray(v) ? v : [v];
    headers[k] = values.join(',');
    multiValueHeaders[k] = values;
  }
  const query: Record<string, string> = {};
  const multiQuery: Record<string, string[]> = {};
  for (const [k, v] of new URLSearchParams(c.rawQuery)) {
    query[k] = v;
    (multiQuery[k] ??= []).push(v);
  }
  return {
    headers,
    multiValueHeaders,
    ...(Object.keys(query).length ? { queryStringParameters: query, multiValueQueryStringParameters: multiQuery } : {}),
  };
}

/** The Lambda proxy event of one WebSocket event (APIGatewayProxyWebsocketEventV2 and the handshake's fields). */
export function webSocketEvent(c: ConnectionFacts, f: WebSocketEventFacts) {
  const body = toBuffer(f.body);
  const userAgent = c.headers['user-agent'];
  return {
    ...(f.eventType === 'MESSAGE' ? {} : handshake(c)),
    requestContext: {
      routeKey: f.routeKey,
      ...(f.eventType === 'MESSAGE' ? { messageId: randomBytes(10).toString('base64') } : {}),
      ...(f.disconnect ? { disconnectStatusCode: f.disconnect.code, disconnectReason: f.disconnect.reason } : {}),
      eventType: f.eventType,
      extendedRequestId: f.requestId,
      requestTime: clfTime(f.time),
      messageDirection: 'IN',
      stage: f.stage,
      connectedAt: c.connectedAt,
      requestTimeEpoch: f.time,
      identity: { sourceIp: c.sourceIp, ...(typeof userAgent === 'string' ? { userAgent } : {}) },
      requestId: f.requestId,
      domainName: c.domainName,
      connectionId: c.connectionId,
      apiId: c.apiId,
    },
    ...(f.eventType === 'MESSAGE' ? { body: f.binary ? body.toString('base64') : body.toString('utf8') } : {}),
    isBase64Encoded: f.eventType === 'MESSAGE' && Boolean(f.binary),
  };
}
