// Direct routes in `eda dev`: a request sent straight to the local queue, bus, workflow or table
// with the mapping synth writes — an HTTP API's integration subtype answers with the service's
// JSON (202 for queue, bus and StartExecution routes); a REST API's mapping templates answer
// with the message id, event id, execution output or item (src/kinds/route/direct-rest.ts).
import type { ApiModel, DirectRouteModel, RequestValue } from '../model/types.js';
import type { Addresses } from './addresses.js';
import { ApiError } from './aws/protocol.js';
import { sfnCall } from './aws/sfn.js';
import type { EventBuses } from './bus.js';
import { directTableCall } from './direct-tables.js';
import type { LocalQueue } from './queues.js';
import { QueueError } from './queues.js';
import type { LocalTables } from './tables.js';
import type { Workflows } from './workflows.js';

export interface DirectServices {
  addresses: Addresses;
  queue(name: string): LocalQueue | undefined;
  buses(): EventBuses;
  workflows(): Workflows;
  tables(): LocalTables;
}

/** The parts of a request a direct route reads. */
export interface DirectRequest {
  headers: Record<string, string | string[] | undefined>;
  rawQuery: string;
  params: Record<string, string>;
  body: Buffer;
  requestId: string;
}

export interface DirectResponse {
  status: number;
  body: string;
}

const reply = (status: number, value: unknown): DirectResponse => ({ status, body: typeof value === 'string' ? value : JSON.stringify(value) });

/** A request value ($request.header.x, ...), or undefined when the request has none. */
export function readRequestValue(v: RequestValue, req: DirectRequest): string | undefined {
  if (v.from === 'header') {
    const h = req.headers[v.name.toLowerCase()];
    return Array.isArray(h) ? h[0] : h;
  }
  if (v.from === 'querystring') return new URLSearchParams(req.rawQuery).get(v.name) ?? undefined;
  if (v.from === 'path') return req.params[v.name];
  let value: unknown;
  try {
    value = JSON.parse(req.body.toString('utf8'));
  } catch {
    return undefined;
  }
  for (const key of v.name.split('.')) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return value === undefined || value === null ? undefined : typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** The body as a REST mapping template's $input.json('$') reads it: {} when empty; undefined when not JSON. */
function bodyJson(req: DirectRequest): unknown {
  const text = req.body.toString('utf8');
  if (!text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export async function serveDirect(api: ApiModel, route: DirectRouteModel, req: DirectRequest, services: DirectServices): Promise<DirectResponse> {
  const rest = api.type === 'rest';
  if (rest) {
    // passthroughBehavior never: only the mapped content type gets through
    const type = String(req.headers['content-type'] ?? 'application/json').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/json') return reply(415, { message: 'Unsupported Media Type' });
    if (route.target.kind !== 'queue' && bodyJson(req) === undefined) return reply(400, { message: 'Could not parse request body into json' });
  }
  try {
    switch (route.target.kind) {
      case 'queue':
        return sendToQueue(route.target, req, services, rest);
      case 'bus':
        return putEvent(route.target, req, services, rest);
      case 'workflow':
        return await startWorkflow(route.target, req, services, rest);
      case 'table':
        return await directTableCall(route, req, services.tables(), services.addresses, bodyJson(req));
    }
  } catch (error) {
    if (error instanceof QueueError) return reply(error.status, { Error: { Code: error.code, Message: error.message, Type: 'Sender' }, RequestId: req.requestId });
    if (error instanceof ApiError) return reply(error.status, { __type: error.code, message: error.message });
    throw error;
  }
}

type Target<K extends string> = Extract<DirectRouteModel['target'], { kind: K }>;

function sendToQueue(t: Target<'queue'>, req: DirectRequest, services: DirectServices, rest: boolean): DirectResponse {
  const queue = services.queue(t.name);
  if (!queue) throw new ApiError('AWS.SimpleQueueService.NonExistentQueue', 'The specified queue does not exist.');
  const body = req.body.toString('utf8');
  if (!body) throw new QueueError('MissingParameter', 'The request must contain the parameter MessageBody.');
  const groupId = t.messageGroupId ? readRequestValue(t.messageGroupId, req) : undefined;
  const sent = queue.send({ body, groupId: groupId || undefined });
  if (rest) return reply(202, { messageId: sent.messageId });
  const result = { MD5OfMessageAttributes: null, MD5OfMessageBody: sent.md5OfBody, MD5OfMessageSystemAttributes: null, MessageId: sent.messageId, SequenceNumber: sent.sequenceNumber ?? null };
  return reply(202, { SendMessageResponse: { ResponseMetadata: { RequestId: req.requestId }, SendMessageResult: result } });
}

function putEvent(t: Target<'bus'>, req: DirectRequest, services: DirectServices, rest: boolean): DirectResponse {
  const detail = rest ? JSON.stringify(bodyJson(req)) : req.body.toString('utf8');
  const out = services.buses().putEvents([{ Source: t.source, DetailType: t.detailType, Detail: detail, EventBusName: services.addresses.busName(t.name) }]);
  if (!rest) return reply(202, out);
  const entry = out.Entries[0]!;
  return 'EventId' in entry ? reply(202, { eventId: entry.EventId }) : reply(500, { message: entry.ErrorMessage });
}

async function startWorkflow(t: Target<'workflow'>, req: DirectRequest, services: DirectServices, rest: boolean): Promise<DirectResponse> {
  const deps = { addresses: services.addresses, workflows: services.workflows };
  const input = rest ? JSON.stringify(bodyJson(req)) : req.body.toString('utf8') || '{}';
  const params = { stateMachineArn: services.addresses.workflowArn(t.name), input };
  if (!t.sync) return reply(202, await sfnCall(deps, 'StartExecution', params));
  const out = await sfnCall(deps, 'StartSyncExecution', params);
  if (!rest) return reply(200, out);
  if (out.status === 'SUCCEEDED') return reply(200, String(out.output));
  return reply(out.status === 'TIMED_OUT' ? 504 : 500, { error: out.error ?? '', cause: out.cause ?? '' });
}
