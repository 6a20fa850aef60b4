// Who may call the local AWS endpoints: only clients on this machine that address them as
// 127.0.0.1 / localhost on their own port (no DNS-rebound name), that are not a browser
// page (no Origin, no cross-site Sec-Fetch-Site) and that sign their requests as the AWS SDKs and CLI do.
// Anything else is refused with 403 in the error shape the caller's protocol expects.
import type { IncomingHttpHeaders } from 'node:http';
import { ApiError, jsonError, xmlError, type ApiResponse } from './protocol.js';

/** A Host the SDKs send to the loopback endpoint; `sync-127.0.0.1` is an SDK host prefix (StartSyncExecution). */
const LOOPBACK_HOST = /^(?:(?:[a-z0-9-]+-)?127\.0\.0\.1|localhost|\[::1\]):(\d+)$/i;
const SIGV4_HEADER = /^AWS4-HMAC-SHA256 Credential=[^/\s]+\/\d{8}\/[^/\s]+\/[^/\s]+\/aws4_request,\s*SignedHeaders=[a-z0-9;_.-]+,\s*Signature=[0-9a-f]+$/i;

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

function signed(headers: IncomingHttpHeaders, query: URLSearchParams): boolean {
  if (SIGV4_HEADER.test(one(headers.authorization) ?? '')) return true;
  // presigned URLs carry the signature in the query string
  return query.get('X-Amz-Algorithm') === 'AWS4-HMAC-SHA256' && Boolean(query.get('X-Amz-Credential')) && /^[0-9a-f]+$/i.test(query.get('X-Amz-Signature') ?? '');
}

/** Why a request may not reach the local services, if it may not. */
export function refusal(headers: IncomingHttpHeaders, query: URLSearchParams, port: number): ApiError | undefined {
  const host = LOOPBACK_HOST.exec(one(headers.host) ?? '');
  if (!host || Number(host[1]) !== port) {
    return new ApiError('AccessDeniedException', `eda dev's AWS endpoints answer only requests addressed to 127.0.0.1:${port} or localhost:${port} (Host was '${one(headers.host) ?? ''}')`, 403, 'AccessDenied');
  }
  // browsers send Origin on every cross-origin POST, and Sec-Fetch-Site even where they don't
  const site = one(headers['sec-fetch-site']);
  const origin = one(headers.origin) ?? (site === 'cross-site' || site === 'same-site' ? `a ${site} page` : undefined);
  if (origin) return new ApiError('AccessDeniedException', `eda dev's AWS endpoints do not answer browser requests (Origin: ${origin})`, 403, 'AccessDenied');
  if (!signed(headers, query)) return new ApiError('MissingAuthenticationTokenException', 'Request is missing Authentication Token', 403, 'MissingAuthenticationToken');
  return undefined;
}

/** The refusal in the shape the caller's protocol parses: XML for query-protocol forms, else JSON. */
export function refusalResponse(error: ApiError, headers: IncomingHttpHeaders): ApiResponse {
  if (String(headers['content-type'] ?? '').includes('x-www-form-urlencoded')) return xmlError(new ApiError(error.queryCode ?? error.code, error.message, error.status), 'http://sns.amazonaws.com/doc/2010-03-31/');
  const contentType = String(headers['content-type'] ?? '').includes('x-amz-json-1.1') ? 'application/x-amz-json-1.1' : 'application/x-amz-json-1.0';
  return jsonError(new ApiError(error.code, error.message, error.status), 'com.amazon.coral.service', contentType);
}
