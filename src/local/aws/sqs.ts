// The SQS API (JSON 1.0 protocol, as SDK v3 speaks it; the query protocol for older
// clients' SendMessage, DeleteMessage and GetQueueUrl) over the local queues.
import type { Addresses } from '../addresses.js';
import type { TimerClock } from '../clock.js';
import type { MessageAttributeValue, SqsMessageView } from '../payloads.js';
import { LIMITS, sqsMessageSize } from '../limits.js';
import { QueueError, receiveWaiting, type LocalQueue } from '../queues.js';
import { ApiError, jsonError, jsonResponse, listOf, parseForm, xmlError, xmlResponse, type ApiRequest, type ApiResponse } from './protocol.js';

type Json = Record<string, unknown>;

export interface SqsApiDeps {
  addresses: Addresses;
  clock: TimerClock;
  queue: (name: string) => LocalQueue | undefined;
  queues: () => LocalQueue[];
  signal: AbortSignal;
}

const NS = 'com.amazonaws.sqs';
const XMLNS = 'http://queue.amazonaws.com/doc/2012-11-05/';

function queueFor(deps: SqsApiDeps, url: unknown): LocalQueue {
  const name = typeof url === 'string' ? deps.addresses.queueByUrlOrName(url) : undefined;
  const queue = name ? deps.queue(name) : undefined;
  if (!queue) throw new ApiError('QueueDoesNotExist', 'The specified queue does not exist.', 400, 'AWS.SimpleQueueService.NonExistentQueue');
  return queue;
}

function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof QueueError) return new ApiError(error.code, error.message, error.status, error.code);
  return new ApiError('InternalError', error instanceof Error ? error.message : String(error), 500);
}

function selectAttributes(m: SqsMessageView, names: string[] | undefined): Record<string, string> | undefined {
  if (!names?.length) return undefined;
  if (names.includes('All')) return m.attributes;
  const out: Record<string, string> = {};
  for (const n of names) if (m.attributes[n] !== undefined) out[n] = m.attributes[n]!;
  return Object.keys(out).length ? out : undefined;
}

function selectMessageAttributes(m: SqsMessageView, names: string[] | undefined): Record<string, MessageAttributeValue> | undefined {
  if (!names?.length) return undefined;
  const all = names.includes('All') || names.includes('.*');
  const out: Record<string, MessageAttributeValue> = {};
  for (const [k, v] of Object.entries(m.messageAttributes)) {
    if (all || names.includes(k) || names.some((n) => n.endsWith('.*') && k.startsWith(n.slice(0, -2)))) out[k] = v;
  }
  return Object.keys(out).length ? out : undefined;
}

function queueAttributes(deps: SqsApiDeps, q: LocalQueue, names: string[] | undefined): Record<string, string> {
  const c = q.counts();
  const cfg = q.config;
  const all: Record<string, string> = {
    QueueArn: cfg.arn,
    ApproximateNumberOfMessages: String(c.visible),
    ApproximateNumberOfMessagesNotVisible: String(c.inFlight),
    ApproximateNumberOfMessagesDelayed: String(c.delayed),
    VisibilityTimeout: String(cfg.visibilityTimeoutSeconds),
    MessageRetentionPeriod: String(cfg.retentionSeconds),
    DelaySeconds: String(cfg.delaySeconds),
    MaximumMessageSize: '262144',
    ReceiveMessageWaitTimeSeconds: '0',
    CreatedTimestamp: String(Math.floor(deps.clock.now() / 1000)),
    LastModifiedTimestamp: String(Math.floor(deps.clock.now() / 1000)),
    SqsManagedSseEnabled: 'true',
    ...(cfg.fifo ? { FifoQueue: 'true', ContentBasedDeduplication: String(cfg.contentBasedDeduplication) } : {}),
    ...(cfg.redrive ? { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: cfg.redrive.deadLetter.config.arn, maxReceiveCount: cfg.redrive.maxReceives }) } : {}),
  };
  if (!names?.length || names.includes('All')) return all;
  return Object.fromEntries(Object.entries(all).filter(([k]) => names.includes(k)));
}

async function receive(deps: SqsApiDeps, p: Json): Promise<Json> {
  const q = queueFor(deps, p.QueueUrl);
  const max = Math.min(10, Math.max(1, Number(p.MaxNumberOfMessages ?? 1)));
  const wait = Math.min(20, Number(p.WaitTimeSeconds ?? 0)) * 1000;
  const messages = await receiveWaiting(q, deps.clock, max, wait, p.VisibilityTimeout as number | undefined, deps.signal);
  const attrNames = [...((p.MessageSystemAttributeNames as string[] | undefined) ?? []), ...((p.AttributeNames as string[] | undefined) ?? [])];
  return {
    Messages: messages.map((m) => ({
      MessageId: m.messageId,
      ReceiptHandle: m.receiptHandle,
      MD5OfBody: m.md5OfBody,
      Body: m.body,
      Attributes: selectAttributes(m, attrNames),
      MessageAttributes: selectMessageAttributes(m, p.MessageAttributeNames as string[] | undefined),
      MD5OfMessageAttributes: selectMessageAttributes(m, p.MessageAttributeNames as string[] | undefined) ? m.md5OfMessageAttributes : undefined,
    })),
  };
}

function send(q: LocalQueue, p: Json): Json {
  if (typeof p.MessageBody !== 'string' || p.MessageBody === '') throw new ApiError('MissingParameter', 'The request must contain the parameter MessageBody.', 400, 'MissingParameter');
  if (sqsMessageSize(p.MessageBody, p.MessageAttributes as Record<string, MessageAttributeValue> | undefined) > LIMITS.sqsMessageBytes) {
    throw new ApiError('InvalidParameterValue', `One or more parameters are invalid. Reason: Message must be shorter than ${LIMITS.sqsMessageBytes} bytes.`, 400, 'InvalidParameterValue');
  }
  const out = q.send({
    body: p.MessageBody,
    attributes: p.MessageAttributes as Record<string, MessageAttributeValue> | undefined,
    delaySeconds: p.DelaySeconds as number | undefined,
    groupId: p.MessageGroupId as string | undefined,
    deduplicationId: p.MessageDeduplicationId as string | undefined,
  });
  return { MessageId: out.messageId, MD5OfMessageBody: out.md5OfBody, MD5OfMessageAttributes: out.md5OfMessageAttributes, SequenceNumber: out.sequenceNumber };
}

export async function sqsJson(deps: SqsApiDeps, action: string, p: Json): Promise<Json> {
  switch (action) {
    case 'SendMessage':
      return send(queueFor(deps, p.QueueUrl), p);
    case 'SendMessageBatch': {
      const q = queueFor(deps, p.QueueUrl);
      const entries = (p.Entries as Json[] | undefined) ?? [];
      if (!entries.length) throw new ApiError('EmptyBatchRequest', 'There should be at least one SendMessageBatchRequestEntry in the request.', 400, 'AWS.SimpleQueueService.EmptyBatchRequest');
      if (entries.length > 10) throw new ApiError('TooManyEntriesInBatchRequest', 'Maximum number of entries per request are 10.', 400, 'AWS.SimpleQueueService.TooManyEntriesInBatchRequest');
      const total = entries.reduce((n, e) => n + sqsMessageSize(String(e.MessageBody ?? ''), e.MessageAttributes as Record<string, MessageAttributeValue> | undefined), 0);
      if (total > LIMITS.sqsMessageBytes) {
        throw new ApiError('BatchRequestTooLong', `Batch requests cannot be longer than ${LIMITS.sqsMessageBytes} bytes. You have sent ${total} bytes.`, 400, 'AWS.SimpleQueueService.BatchRequestTooLong');
      }
      const Successful: Json[] = [];
      const Failed: Json[] = [];
      for (const e of entries) {
        try {
          Successful.push({ Id: e.Id, ...send(q, e) });
        } catch (error) {
          const a = asApiError(error);
          Failed.push({ Id: e.Id, Code: a.code, Message: a.message, SenderFault: true });
        }
      }
      return { Successful, Failed };
    }
    case 'ReceiveMessage':
      return receive(deps, p);
    case 'DeleteMessage':
      queueFor(deps, p.QueueUrl).delete(String(p.ReceiptHandle ?? ''));
      return {};
    case 'DeleteMessageBatch': {
      const q = queueFor(deps, p.QueueUrl);
      const Successful: Json[] = [];
      for (const e of (p.Entries as Json[] | undefined) ?? []) {
        q.delete(String(e.ReceiptHandle ?? ''));
        Successful.push({ Id: e.Id });
      }
      return { Successful, Failed: [] };
    }
    case 'ChangeMessageVisibility':
      queueFor(deps, p.QueueUrl).changeVisibility(String(p.ReceiptHandle), Number(p.VisibilityTimeout));
      return {};
    case 'ChangeMessageVisibilityBatch': {
      const q = queueFor(deps, p.QueueUrl);
      const Successful: Json[] = [];
      const Failed: Json[] = [];
      for (const e of (p.Entries as Json[] | undefined) ?? []) {
        try {
          q.changeVisibility(String(e.ReceiptHandle), Number(e.VisibilityTimeout));
          Successful.push({ Id: e.Id });
        } catch (error) {
          const a = asApiError(error);
          Failed.push({ Id: e.Id, Code: a.code, Message: a.message, SenderFault: true });
        }
      }
      return { Successful, Failed };
    }
    case 'GetQueueUrl': {
      const name = deps.addresses.localQueueNames().find((n) => deps.addresses.queueName(n) === p.QueueName || n === p.QueueName);
      if (!name) throw new ApiError('QueueDoesNotExist', 'The specified queue does not exist.', 400, 'AWS.SimpleQueueService.NonExistentQueue');
      return { QueueUrl: deps.addresses.queueUrl(name) };
    }
    case 'GetQueueAttributes': {
      const q = queueFor(deps, p.QueueUrl);
      return { Attributes: queueAttributes(deps, q, p.AttributeNames as string[] | undefined) };
    }
    case 'ListQueues': {
      const prefix = String(p.QueueNamePrefix ?? '');
      return { QueueUrls: deps.queues().map((q) => q.config.url).filter((u) => u.split('/').pop()!.startsWith(prefix)) };
    }
    case 'PurgeQueue':
      queueFor(deps, p.QueueUrl).purge();
      return {};
    default:
      throw new ApiError('UnsupportedOperation', `${action} is not supported by the local SQS`, 400, 'AWS.SimpleQueueService.UnsupportedOperation');
  }
}

export async function handleSqs(deps: SqsApiDeps, req: ApiRequest): Promise<ApiResponse> {
  const contentType = String(req.headers['content-type'] ?? '');
  if (contentType.includes('x-www-form-urlencoded')) return handleSqsQuery(deps, req);
  const target = String(req.headers['x-amz-target'] ?? '');
  const action = target.slice(target.indexOf('.') + 1);
  try {
    const params = req.body.length ? (JSON.parse(req.body.toString('utf8')) as Json) : {};
    return jsonResponse(await sqsJson(deps, action, params), 'application/x-amz-json-1.0');
  } catch (error) {
    return jsonError(asApiError(error), NS);
  }
}

/** The query protocol, for SDKs older than the JSON switch. */
async function handleSqsQuery(deps: SqsApiDeps, req: ApiRequest): Promise<ApiResponse> {
  const form = parseForm(req.body);
  const action = form.Action ?? '';
  const attrs = (prefix: string) =>
    Object.fromEntries(
      listOf(form, prefix).map((e) => [e.Name, { DataType: e['Value.DataType'], StringValue: e['Value.StringValue'], BinaryValue: e['Value.BinaryValue'] }]),
    );
  try {
    const url = form.QueueUrl ?? `${req.path}`;
    switch (action) {
      case 'SendMessage': {
        const r = send(queueFor(deps, url), {
          MessageBody: form.MessageBody,
          MessageAttributes: attrs('MessageAttribute'),
          DelaySeconds: form.DelaySeconds ? Number(form.DelaySeconds) : undefined,
          MessageGroupId: form.MessageGroupId,
          MessageDeduplicationId: form.MessageDeduplicationId,
        });
        return xmlResponse('SendMessage', r, XMLNS);
      }
      case 'DeleteMessage':
        queueFor(deps, url).delete(form.ReceiptHandle ?? '');
        return xmlResponse('DeleteMessage', {}, XMLNS);
      case 'GetQueueUrl': {
        const r = await sqsJson(deps, 'GetQueueUrl', { QueueName: form.QueueName });
        return xmlResponse('GetQueueUrl', r, XMLNS);
      }
      default:
        throw new ApiError('UnsupportedOperation', `${action} (query protocol) is not supported by the local SQS; use a current AWS SDK`, 400);
    }
  } catch (error) {
    return xmlError(asApiError(error), XMLNS);
  }
}
