// How eda's SDK clients talk HTTP: bounded waits (an endpoint that accepts a connection
// but never answers must not hang a command), and a check that what answered is AWS
// (a proxy's HTML page must not pass for an empty answer).
import { EdaError } from '../core/errors.js';

/** Per-request limits, from EDA_AWS_TIMEOUT_MS (the whole request) and the 5 s connection limit. */
export interface Timeouts {
  connectMs: number;
  requestMs: number;
}

const DEFAULT_REQUEST_TIMEOUT_MS = 20_000;
export const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
/** Uploads get this much extra time per MiB, over the request timeout. */
const UPLOAD_MS_PER_MIB = 10_000;

export function timeoutsFrom(env: NodeJS.ProcessEnv = process.env): Timeouts {
  const raw = env.EDA_AWS_TIMEOUT_MS?.trim();
  if (!raw) return { connectMs: DEFAULT_CONNECT_TIMEOUT_MS, requestMs: DEFAULT_REQUEST_TIMEOUT_MS };
  const ms = Number(raw);
  if (!/^\d+$/.test(raw) || ms < 1) {
    throw new EdaError(`EDA_AWS_TIMEOUT_MS is "${raw}", not a whole number of milliseconds.`, 'Set it to e.g. 20000, or unset it for the default (20 s).');
  }
  return { connectMs: Math.min(DEFAULT_CONNECT_TIMEOUT_MS, ms), requestMs: ms };
}

/** The request handler options of a client: both limits throw (the SDK only warns by default). */
export function handlerOptions(t: Timeouts) {
  return { connectionTimeout: t.connectMs, requestTimeout: t.requestMs, throwOnRequestTimeout: true };
}

/** The time an upload of `bytes` may take. */
export function uploadTimeout(t: Timeouts, bytes: number): number {
  return t.requestMs + Math.floor((bytes / (1024 * 1024)) * UPLOAD_MS_PER_MIB);
}

/** Something other than AWS answered: a web page, or a body that is not the API's XML. */
class NotAwsResponseError extends Error {
  override name = 'NotAwsResponse';
  readonly $metadata: { httpStatusCode: number };
  constructor(
    status: number,
    /** What came instead, e.g. "a web page". */
    readonly what: string,
  ) {
    super(`The endpoint answered HTTP ${status} with ${what}, not an AWS response.`);
    this.$metadata = { httpStatusCode: status };
  }
}

const HTML = /^\s*(<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])/i;
/** Every query-protocol answer (CloudFormation) is <ActionResponse> or <ErrorResponse>. */
const QUERY_XML = /^\s*(<\?xml[^>]*\?>\s*)?<\w+Response[\s>]/;

async function bytesOf(body: unknown): Promise<Uint8Array> {
  if (body === undefined || body === null) return new Uint8Array();
  if (body instanceof Uint8Array) return body;
  const chunks: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<Buffer | string>) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

/**
 * What is wrong with an answer, or undefined when it can be AWS's. A bodiless answer (to
 * a HEAD) labelled as HTML without any of AWS's x-amz headers is a web server's too.
 */
export function notAwsReason(protocol: 'query' | 'rest-xml', status: number, text: string, headers: Record<string, string> = {}): string | undefined {
  if (HTML.test(text)) return 'a web page';
  const type = Object.entries(headers).find(([h]) => h.toLowerCase() === 'content-type')?.[1] ?? '';
  const fromAws = Object.keys(headers).some((h) => h.toLowerCase().startsWith('x-amz'));
  if (!text.trim() && /html/i.test(type) && !fromAws) return 'a web page';
  if (protocol === 'query' && status >= 200 && status < 300 && !QUERY_XML.test(text)) return text.trim() ? 'a body that is not XML from the API' : 'an empty body';
  return undefined;
}

interface MiddlewareClient {
  middlewareStack: {
    addRelativeTo(middleware: unknown, options: { relation: 'after'; toMiddleware: string; name: string; override?: boolean }): void;
  };
}

/**
 * Adds the check to a client, right under its deserializer: the raw answer is read
 * (eda's answers are all small), checked, and handed on as bytes.
 */
export function guardResponses(client: MiddlewareClient, protocol: 'query' | 'rest-xml'): void {
  const guard =
    (next: (args: unknown) => Promise<{ response: { statusCode: number; body?: unknown; headers?: Record<string, string> } }>) =>
    async (args: unknown) => {
      const result = await next(args);
      const response = result.response;
      if (!response || typeof response.statusCode !== 'number') return result;
      const bytes = await bytesOf(response.body);
      response.body = bytes;
      const reason = notAwsReason(protocol, response.statusCode, Buffer.from(bytes.subarray(0, 512)).toString('utf8'), response.headers);
      if (reason) throw new NotAwsResponseError(response.statusCode, reason);
      return result;
    };
  client.middlewareStack.addRelativeTo(guard, { relation: 'after', toMiddleware: 'deserializerMiddleware', name: 'edaNotAwsGuard', override: true });
}
