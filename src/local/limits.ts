// AWS's payload limits, enforced by `eda dev` with AWS's own errors so a payload that would
// fail in the cloud fails locally too, and request bodies read only up to what may arrive.
import type { IncomingMessage } from 'node:http';

export const LIMITS = {
  /** API Gateway (HTTP and REST APIs): request payload. */
  apiRequestBytes: 10 * 1024 * 1024,
  /** Lambda: synchronous (RequestResponse) invocation request and response payloads. */
  lambdaRequestBytes: 6 * 1024 * 1024,
  lambdaResponseBytes: 6291556,
  /** SQS message (body and attributes), and a whole SendMessageBatch. */
  sqsMessageBytes: 262144,
  /** SNS message (body, subject and attributes), and a whole PublishBatch. */
  snsMessageBytes: 262144,
  /** EventBridge: all entries of one PutEvents request. */
  eventsRequestBytes: 262144,
  /** Step Functions: execution input. */
  sfnInputBytes: 262144,
  /** Any request to the local AWS endpoints (DynamoDB's HTTP limit, the largest of them). */
  servicesRequestBytes: 16 * 1024 * 1024,
} as const;

const bytes = (s: string | undefined) => (s === undefined ? 0 : Buffer.byteLength(s));

/** What SQS counts against its limit: the body plus each attribute's name, type and value. */
export function sqsMessageSize(body: string, attributes: Record<string, { DataType?: string; StringValue?: string; BinaryValue?: unknown }> | undefined): number {
  let size = bytes(body);
  for (const [name, v] of Object.entries(attributes ?? {})) {
    const binary = typeof v?.BinaryValue === 'string' ? Buffer.from(v.BinaryValue, 'base64').length : v?.BinaryValue instanceof Uint8Array ? v.BinaryValue.length : 0;
    size += bytes(name) + bytes(v?.DataType) + bytes(v?.StringValue) + binary;
  }
  return size;
}

/** An EventBridge entry's size as AWS documents it: 14 bytes for Time, then Source, DetailType, Detail and Resources. */
export function eventEntrySize(e: { Time?: unknown; Source?: string; DetailType?: string; Detail?: string; Resources?: string[] }): number {
  return (e.Time !== undefined ? 14 : 0) + bytes(e.Source) + bytes(e.DetailType) + bytes(e.Detail) + (e.Resources ?? []).reduce((n, r) => n + bytes(r), 0);
}

/**
 * Reads a request body up to `max` bytes. Over it (by Content-Length, or while streaming)
 * it resolves undefined at once and keeps nothing more: the rest is drained and dropped, so
 * the client reads the answer on an intact connection, up to four times the limit, after
 * which the connection is cut.
 */
export function readBody(req: IncomingMessage, max: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = Number(req.headers['content-length']) > max;
    if (over) resolve(undefined);
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > max * 4) req.destroy();
      if (over) return;
      if (size <= max) chunks.push(chunk);
      else {
        over = true;
        chunks.length = 0;
        resolve(undefined);
      }
    });
    req.on('end', () => resolve(over ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
