// Wire formats of the AWS APIs the local services speak: JSON 1.0/1.1 (DynamoDB, SQS,
// EventBridge, Step Functions), the query protocol with XML responses (SNS), and the
// error shapes each SDK parses.

export interface ApiRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export interface ApiResponse {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
}

/** An error an API handler throws: code, message, HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    /** For SQS: the query-compatible code (x-amzn-query-error). */
    readonly queryCode?: string,
  ) {
    super(message);
  }
}

export function jsonResponse(body: unknown, contentType = 'application/x-amz-json-1.0', status = 200): ApiResponse {
  return { status, headers: { 'content-type': contentType, 'x-amzn-requestid': crypto.randomUUID() }, body: JSON.stringify(body ?? {}) };
}

export function jsonError(error: ApiError, namespace: string, contentType = 'application/x-amz-json-1.0'): ApiResponse {
  const headers: Record<string, string> = { 'content-type': contentType, 'x-amzn-requestid': crypto.randomUUID(), 'x-amzn-errortype': error.code };
  if (error.queryCode) headers['x-amzn-query-error'] = `${error.queryCode};Sender`;
  return { status: error.status, headers, body: JSON.stringify({ __type: `${namespace}#${error.code}`, message: error.message }) };
}

/** Form fields of a query-protocol request body. */
export function parseForm(body: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(body.toString('utf8'))) out[k] = v;
  return out;
}

/**
 * Collects "Prefix.member.N.Field" / "Prefix.entry.N.Name" style keys into arrays of
 * sub-records: listOf(form, 'MessageAttributes.entry') → [{Name, 'Value.DataType', ...}].
 */
export function listOf(form: Record<string, string>, prefix: string): Record<string, string>[] {
  const items = new Map<number, Record<string, string>>();
  for (const [k, v] of Object.entries(form)) {
    if (!k.startsWith(`${prefix}.`)) continue;
    const rest = k.slice(prefix.length + 1);
    const dot = rest.indexOf('.');
    const index = Number(dot < 0 ? rest : rest.slice(0, dot));
    if (!Number.isInteger(index)) continue;
    const item = items.get(index) ?? {};
    item[dot < 0 ? '' : rest.slice(dot + 1)] = v;
    items.set(index, item);
  }
  return [...items.entries()].sort(([a], [b]) => a - b).map(([, v]) => v);
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A tiny XML writer for query-protocol responses: objects become elements, arrays <member>s. */
export function toXml(name: string, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return `<${name}>${value.map((v) => toXml('member', v)).join('')}</${name}>`;
  if (typeof value === 'object') {
    return `<${name}>${Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => toXml(k, v))
      .join('')}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

export function xmlResponse(action: string, result: unknown, namespace: string): ApiResponse {
  const requestId = crypto.randomUUID();
  const body = `<?xml version="1.0"?><${action}Response xmlns="${namespace}">${toXml(`${action}Result`, result ?? {})}<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`;
  return { status: 200, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId }, body };
}

export function xmlError(error: ApiError, namespace: string): ApiResponse {
  const requestId = crypto.randomUUID();
  const body = `<?xml version="1.0"?><ErrorResponse xmlns="${namespace}"><Error><Type>Sender</Type><Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
  return { status: error.status, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId }, body };
}

/** The service a SigV4 Authorization header was signed for (…/region/<service>/aws4_request). */
export function signedService(headers: ApiRequest['headers']): string | undefined {
  const auth = headers.authorization;
  const text = Array.isArray(auth) ? auth[0] : auth;
  const m = text ? /Credential=[^/]+\/\d+\/[^/]+\/([^/]+)\/aws4_request/.exec(text) : null;
  return m?.[1];
}

/** AWS JSON protocols send timestamps as epoch seconds. */
export const epochSeconds = (ms: number | undefined) => (ms === undefined ? undefined : ms / 1000);
