// The S3 REST API, path-style (http://127.0.0.1:port/<bucket>/<key>): PutObject, GetObject,
// HeadObject, DeleteObject and ListObjectsV2, with S3's XML bodies and error codes. Bodies the
// SDK sends aws-chunked (streams with a trailing checksum) are decoded first.
import type { LocalBuckets } from '../buckets.js';
import { uuid } from '../ids.js';
import type { ApiRequest, ApiResponse } from './protocol.js';

const NS = 'http://s3.amazonaws.com/doc/2006-03-01/';
const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

function s3Error(status: number, code: string, message: string, requestId: string, extra: Record<string, string> = {}, head = false): ApiResponse {
  const fields = Object.entries(extra).map(([k, v]) => `<${k}>${escapeXml(v)}</${k}>`).join('');
  const body = head ? '' : `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${escapeXml(message)}</Message>${fields}<RequestId>${requestId}</RequestId></Error>`;
  return { status, headers: { 'content-type': 'application/xml', 'x-amz-request-id': requestId }, body };
}

/** Decodes an aws-chunked body: `<hex size>[;chunk-signature=…]\r\n<data>\r\n` … `0\r\n<trailers>\r\n\r\n`. */
export function decodeAwsChunked(body: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const eol = body.indexOf('\r\n', at);
    if (eol < 0) break;
    const size = parseInt(body.subarray(at, eol).toString('latin1').split(';')[0]!, 16);
    if (!Number.isFinite(size) || size === 0) break;
    parts.push(body.subarray(eol + 2, eol + 2 + size));
    at = eol + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

function isChunked(headers: ApiRequest['headers']): boolean {
  return String(one(headers['content-encoding']) ?? '').includes('aws-chunked') || String(one(headers['x-amz-content-sha256']) ?? '').startsWith('STREAMING-');
}

function objectHeaders(o: { etag: string; contentType: string; metadata: Record<string, string>; lastModified: number; body: Buffer }, requestId: string): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': o.contentType,
    'content-length': String(o.body.length),
    etag: `"${o.etag}"`,
    'last-modified': new Date(o.lastModified).toUTCString(),
    'accept-ranges': 'bytes',
    'x-amz-request-id': requestId,
    'x-amz-server-side-encryption': 'AES256',
  };
  for (const [k, v] of Object.entries(o.metadata)) headers[`x-amz-meta-${k}`] = v;
  return headers;
}

export function handleS3(buckets: LocalBuckets, req: ApiRequest): ApiResponse {
  const requestId = uuid().replace(/-/g, '').slice(0, 16).toUpperCase();
  const [, rawBucket = '', ...rest] = req.path.split('/');
  const physical = decodeURIComponent(rawBucket);
  const key = rest.map(decodeURIComponent).join('/');
  const head = req.method === 'HEAD';
  const bucket = buckets.byName(physical);
  if (!bucket) return s3Error(404, 'NoSuchBucket', 'The specified bucket does not exist', requestId, { BucketName: physical }, head);
  if (!key) {
    if (req.method === 'GET' && req.query.get('list-type') === '2') return listObjectsV2(buckets, bucket, physical, req.query, requestId);
    if (head) return { status: 200, headers: { 'x-amz-request-id': requestId }, body: '' };
    return s3Error(501, 'NotImplemented', `eda dev's S3 serves PutObject, GetObject, HeadObject, DeleteObject and ListObjectsV2 (not ${req.method} on a bucket)`, requestId);
  }
  switch (req.method) {
    case 'PUT': {
      if (one(req.headers['x-amz-copy-source'])) return s3Error(501, 'NotImplemented', "eda dev's S3 does not serve CopyObject", requestId);
      const body = isChunked(req.headers) ? decodeAwsChunked(req.body) : req.body;
      const metadata: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (k.startsWith('x-amz-meta-') && v !== undefined) metadata[k.slice('x-amz-meta-'.length)] = String(one(v));
      const o = buckets.put(bucket, key, body, one(req.headers['content-type']) ?? 'binary/octet-stream', metadata, requestId);
      return { status: 200, headers: { etag: `"${o.etag}"`, 'x-amz-request-id': requestId, 'x-amz-server-side-encryption': 'AES256' }, body: '' };
    }
    case 'GET':
    case 'HEAD': {
      const o = buckets.get(bucket, key);
      if (!o) return s3Error(404, 'NoSuchKey', 'The specified key does not exist.', requestId, { Key: key }, head);
      return { status: 200, headers: objectHeaders(o, requestId), body: head ? '' : o.body };
    }
    case 'DELETE':
      buckets.delete(bucket, key, requestId);
      return { status: 204, headers: { 'x-amz-request-id': requestId }, body: '' };
    default:
      return s3Error(405, 'MethodNotAllowed', `The specified method is not allowed against this resource.`, requestId, { Method: req.method });
  }
}

function listObjectsV2(buckets: LocalBuckets, bucket: string, physical: string, q: URLSearchParams, requestId: string): ApiResponse {
  const prefix = q.get('prefix') ?? '';
  const delimiter = q.get('delimiter') ?? '';
  const maxKeys = Math.min(Math.max(Number(q.get('max-keys') ?? 1000) || 0, 0), 1000);
  const token = q.get('continuation-token');
  const after = token ? Buffer.from(token, 'base64url').toString('utf8') : (q.get('start-after') ?? '');
  const contents: string[] = [];
  const prefixes = new Set<string>();
  let last = '';
  let truncated = false;
  for (const key of buckets.keys(bucket)) {
    if (!key.startsWith(prefix) || (after && Buffer.compare(Buffer.from(key), Buffer.from(after)) <= 0)) continue;
    const cut = delimiter ? key.indexOf(delimiter, prefix.length) : -1;
    const common = cut >= 0 ? key.slice(0, cut + delimiter.length) : undefined;
    if (common && prefixes.has(common)) continue;
    if (contents.length + prefixes.size >= maxKeys) {
      truncated = true;
      break;
    }
    last = key;
    if (common) prefixes.add(common);
    else {
      const o = buckets.get(bucket, key)!;
      contents.push(`<Contents><Key>${escapeXml(key)}</Key><LastModified>${new Date(o.lastModified).toISOString()}</LastModified><ETag>&quot;${o.etag}&quot;</ETag><Size>${o.body.length}</Size><StorageClass>STANDARD</StorageClass></Contents>`);
    }
  }
  const xml = [
    `<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult xmlns="${NS}">`,
    `<Name>${escapeXml(physical)}</Name><Prefix>${escapeXml(prefix)}</Prefix>`,
    delimiter ? `<Delimiter>${escapeXml(delimiter)}</Delimiter>` : '',
    `<KeyCount>${contents.length + prefixes.size}</KeyCount><MaxKeys>${maxKeys}</MaxKeys><IsTruncated>${truncated}</IsTruncated>`,
    token ? `<ContinuationToken>${escapeXml(token)}</ContinuationToken>` : '',
    truncated ? `<NextContinuationToken>${Buffer.from(last).toString('base64url')}</NextContinuationToken>` : '',
    ...contents,
    ...[...prefixes].map((p) => `<CommonPrefixes><Prefix>${escapeXml(p)}</Prefix></CommonPrefixes>`),
    '</ListBucketResult>',
  ].join('');
  return { status: 200, headers: { 'content-type': 'application/xml', 'x-amz-request-id': requestId }, body: xml };
}
