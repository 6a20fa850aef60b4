// The Lambda Invoke API (REST JSON): POST /2015-03-31/functions/{name}/invocations with
// RequestResponse (the result, or X-Amz-Function-Error: Unhandled), Event (202) or DryRun.
import type { Addresses } from '../addresses.js';
import type { Functions } from '../functions.js';
import { LIMITS } from '../limits.js';
import type { ApiRequest, ApiResponse } from './protocol.js';

export interface LambdaApiDeps {
  addresses: Addresses;
  functions: Functions;
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}): ApiResponse => ({
  status,
  headers: { 'content-type': 'application/json', 'x-amzn-requestid': crypto.randomUUID(), ...headers },
  body: JSON.stringify(body),
});

export async function handleLambda(deps: LambdaApiDeps, req: ApiRequest): Promise<ApiResponse> {
  const m = /^\/2015-03-31\/functions\/([^/]+)\/invocations\/?$/.exec(req.path);
  if (!m || req.method !== 'POST') {
    return json(404, { Type: 'User', message: `${req.method} ${req.path} is not supported by the local Lambda` }, { 'x-amzn-errortype': 'ResourceNotFoundException' });
  }
  const ref = decodeURIComponent(m[1]!);
  const fn = deps.addresses.functionByNameOrArn(ref);
  if (!fn) {
    return json(404, { Type: 'User', message: `Function not found: ${deps.addresses.functionArn(ref)}` }, { 'x-amzn-errortype': 'ResourceNotFoundException' });
  }
  let payload: unknown = {};
  const type = String(req.headers['x-amz-invocation-type'] ?? 'RequestResponse');
  if (type === 'RequestResponse' && req.body.length > LIMITS.lambdaRequestBytes) {
    return json(413, { Type: 'User', message: `Request must be smaller than ${LIMITS.lambdaRequestBytes} bytes for the InvokeFunction operation` }, { 'x-amzn-errortype': 'RequestEntityTooLargeException' });
  }
  if (req.body.length) {
    try {
      payload = JSON.parse(req.body.toString('utf8'));
    } catch {
      return json(400, { Type: 'User', message: 'Could not parse request body into json' }, { 'x-amzn-errortype': 'InvalidRequestContentException' });
    }
  }
  if (type === 'DryRun') return { status: 204, headers: {}, body: '' };
  if (type === 'Event') {
    deps.functions.invokeAsync(fn, payload, { trigger: 'lambda Invoke (Event)' });
    return { status: 202, headers: { 'x-amzn-requestid': crypto.randomUUID() }, body: '' };
  }
  const result = await deps.functions.invoke(fn, payload, { trigger: 'lambda Invoke', throttle: true });
  const headers = { 'x-amz-executed-version': '$LATEST', 'x-amzn-requestid': result.requestId };
  if (!result.ok && result.error.errorType === 'TooManyRequestsException') {
    return json(429, { Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded', Type: 'User', message: result.error.errorMessage }, { 'x-amzn-errortype': 'TooManyRequestsException' });
  }
  if (!result.ok) {
    return { status: 200, headers: { ...headers, 'content-type': 'application/json', 'x-amz-function-error': 'Unhandled' }, body: JSON.stringify(result.error) };
  }
  return { status: 200, headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(result.value ?? null) };
}
