// Turns AWS SDK and network failures into one clear sentence (an EdaError), and
// retries throttled calls with exponential backoff: awsCall wraps every AWS request.
import { EdaError } from '../core/errors.js';
import type { Clock } from './api.js';

interface AwsLikeError {
  name?: string;
  code?: string;
  message?: string;
  Code?: string;
  $metadata?: { httpStatusCode?: number };
  $response?: { statusCode?: number };
  cause?: unknown;
  errors?: unknown[];
}

const THROTTLING = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'ProvisionedThroughputExceededException',
]);

const BAD_CREDENTIALS = new Set([
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'SignatureDoesNotMatch',
  'InvalidAccessKeyId',
  'InvalidToken',
  'ExpiredToken',
  'ExpiredTokenException',
  'AuthFailure',
  'IncompleteSignature',
  'InvalidSignatureException',
]);

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
]);

function errorName(error: unknown): string {
  const e = error as AwsLikeError;
  return String(e?.name ?? e?.Code ?? '');
}

/** The OS-level network code of an error or of its causes (AggregateError included). */
export function networkCode(error: unknown, depth = 0): string | undefined {
  if (!error || typeof error !== 'object' || depth > 4) return undefined;
  const e = error as AwsLikeError;
  if (e.code && NETWORK_CODES.has(e.code)) return e.code;
  if (e.name === 'TimeoutError' || e.name === 'RequestTimeout') return 'ETIMEDOUT';
  for (const inner of [e.cause, ...(Array.isArray(e.errors) ? e.errors : [])]) {
    const code = networkCode(inner, depth + 1);
    if (code) return code;
  }
  return undefined;
}

export function isThrottling(error: unknown): boolean {
  const e = error as AwsLikeError;
  if (THROTTLING.has(errorName(error))) return true;
  if ((e?.$metadata?.httpStatusCode ?? e?.$response?.statusCode) === 429) return true;
  return /rate exceeded|throttl/i.test(String(e?.message ?? ''));
}

/** CloudFormation's "stack does not exist" (a ValidationError with that message). */
export function isStackMissing(error: unknown): boolean {
  const e = error as AwsLikeError;
  return /does not exist/i.test(String(e?.message ?? '')) && /ValidationError|ValidationException/.test(errorName(error) || 'ValidationError');
}

export function isNotFound(error: unknown): boolean {
  const e = error as AwsLikeError;
  const name = errorName(error);
  return name === 'NotFound' || name === 'NoSuchKey' || name === 'NoSuchBucket' || e?.$metadata?.httpStatusCode === 404;
}

/** The SDK could not read the answer as AWS's (an XML parse error, an unknown error shape). */
function isUnreadableAnswer(message: string): boolean {
  return !message || /^Unknown(Error)?$/.test(message) || /Deserialization error|XML parse error|^char '.' is not expected|Unexpected token/i.test(message);
}

/** The limit a request hit when it was sent but never answered (the SDK's requestTimeout). */
function requestTimeoutMs(error: unknown): number | undefined {
  const m = /exceeded the configured (\d+) ms requestTimeout/.exec(String((error as AwsLikeError)?.message ?? ''));
  return m ? Number(m[1]) : undefined;
}

function formatSeconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}

export interface ErrorContext {
  /** What was being done, e.g. "describe stack order-pipeline-dev". */
  action: string;
  region?: string;
  endpoint?: string;
  profile?: string;
}

const REGION_HINT = 'Pass --region, set AWS_REGION, or set region in app.yaml or in your AWS profile.';

/** One sentence (and a hint) for a failure talking to AWS. Never a stack trace. */
export function toEdaError(error: unknown, ctx: ErrorContext): EdaError {
  if (error instanceof EdaError) return error;
  const e = (error ?? {}) as AwsLikeError;
  const name = errorName(error);
  const message = String(e.message ?? error ?? '').trim();
  const where = ctx.endpoint ? ctx.endpoint : `AWS in ${ctx.region ?? 'the configured region'}`;

  if (/region is missing/i.test(message) || name === 'NoRegionError') {
    return new EdaError('No AWS region is configured.', REGION_HINT);
  }
  if (name === 'CredentialsProviderError' || /could not load credentials|credential.*not.*(found|load)|unable to (load|locate) credentials/i.test(message)) {
    if (ctx.profile || /profile/i.test(message)) {
      return new EdaError(
        `Could not load AWS credentials${ctx.profile ? ` for profile "${ctx.profile}"` : ''}: ${message}`,
        'Check ~/.aws/config and ~/.aws/credentials, or run `aws sso login` if the profile uses SSO.',
      );
    }
    return new EdaError(
      'No AWS credentials were found.',
      'Set AWS_PROFILE (or pass --profile), or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.',
    );
  }
  if (BAD_CREDENTIALS.has(name)) {
    return new EdaError(
      `AWS rejected the credentials while trying to ${ctx.action} (${name}).`,
      name.startsWith('Expired') ? 'Refresh them (for SSO: `aws sso login`).' : 'Check the access key, secret and session token, or the --profile.',
    );
  }
  const httpStatus = e.$metadata?.httpStatusCode ?? e.$response?.statusCode;
  if (name === 'NotAwsResponse' || (httpStatus && httpStatus !== 429 && isUnreadableAnswer(message))) {
    // The SDK found no AWS error in the response: something else answered.
    const what = (error as { what?: string }).what;
    return new EdaError(
      `${where} answered HTTP ${httpStatus}${what ? ` with ${what}` : ''}, not an AWS response, when asked to ${ctx.action}.`,
      ctx.endpoint ? 'Check that --endpoint-url (or AWS_ENDPOINT_URL) points at an AWS-compatible endpoint.' : 'Check the network, proxy and region.',
    );
  }
  if (name === 'AccessDenied' || name === 'AccessDeniedException' || name === 'Forbidden' || e.$metadata?.httpStatusCode === 403) {
    return new EdaError(`Access denied while trying to ${ctx.action}: ${message || name}`, 'The credentials in use lack a permission this needs.');
  }
  const waited = requestTimeoutMs(error);
  if (waited !== undefined) {
    return new EdaError(
      `${where} did not answer within ${formatSeconds(waited)} when asked to ${ctx.action}.`,
      `${ctx.endpoint ? 'Check that the endpoint is running and answering' : 'Check the network and proxy'}; EDA_AWS_TIMEOUT_MS sets how long to wait.`,
    );
  }
  const net = networkCode(error);
  if (net) {
    const what =
      net === 'ECONNREFUSED'
        ? 'the connection was refused'
        : net === 'ENOTFOUND' || net === 'EAI_AGAIN'
          ? 'the host name does not resolve'
          : net === 'ETIMEDOUT' || net.startsWith('UND_ERR_CONNECT')
            ? 'the connection timed out'
            : `the network failed (${net})`;
    return new EdaError(
      `Cannot reach ${where} to ${ctx.action}: ${what}.`,
      ctx.endpoint ? 'Check that the endpoint is running, or unset --endpoint-url / AWS_ENDPOINT_URL.' : 'Check the network, proxy and region.',
    );
  }
  if (isThrottling(error)) {
    return new EdaError(`AWS kept throttling requests while trying to ${ctx.action}, even after retrying.`, 'Wait a minute and run the command again.');
  }
  if (/is in [A-Z_]+_IN_PROGRESS state and can ?not be updated|is in [A-Z_]+_IN_PROGRESS state/i.test(message)) {
    return new EdaError(`${message.replace(/\.$/, '')}: another operation holds the stack.`, 'Wait for it to finish: `eda status --watch`.');
  }
  const detail = message && message !== name ? message : name || 'unknown error';
  return new EdaError(`Could not ${ctx.action}: ${detail}${/[.!?]$/.test(detail) ? '' : '.'}`);
}

export interface RetryOptions {
  clock: Clock;
  /** Delays before each retry (ms); jitter adds up to 25%. */
  delays?: number[];
  random?: () => number;
}

export const THROTTLE_DELAYS = [500, 1000, 2000, 4000, 8000, 12000];

/** Calls fn, retrying only throttling errors with backoff; other errors pass through at once. */
export async function withThrottleRetry<T>(fn: () => Promise<T>, options: RetryOptions): Promise<T> {
  const delays = options.delays ?? THROTTLE_DELAYS;
  const random = options.random ?? Math.random;
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (!isThrottling(error) || attempt >= delays.length) throw error;
      const base = delays[attempt]!;
      await options.clock.sleep(base + Math.floor(base * 0.25 * random()));
    }
  }
}

/**
 * One AWS call: throttling is retried with backoff, and every other failure becomes one
 * sentence, unless `recover` turns it into an answer (a missing stack).
 */
export type AwsCall = <T>(action: string, fn: () => Promise<T>, recover?: (error: unknown) => { value: T } | undefined) => Promise<T>;

/** The call every AWS request goes through, for one connection. */
export function awsCall(ctx: Omit<ErrorContext, 'action'>, clock: Clock): AwsCall {
  return async (action, fn, recover) => {
    try {
      return await withThrottleRetry(fn, { clock });
    } catch (error) {
      const recovered = recover?.(error);
      if (recovered) return recovered.value;
      throw toEdaError(error, { ...ctx, action });
    }
  };
}
