// The AWS SDK behind the seam in api.ts. Loaded only by commands that talk to AWS.
// This file makes the connection (options, endpoint, region); aws-cfn.ts and aws-s3.ts are
// the CloudFormation and S3 halves of the seam, and every request goes through awsCall.
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { EdaError } from '../core/errors.js';
import { realClock, type AwsApi, type Clock } from './api.js';
import { cloudFormationApi, driftApi } from './aws-cfn.js';
import { awsCall, toEdaError } from './aws-errors.js';
import { lazyS3, s3Api } from './aws-s3.js';
import { guardResponses, handlerOptions, timeoutsFrom } from './aws-transport.js';

export interface AwsOptions {
  region?: string;
  profile?: string;
  /** --endpoint-url; AWS_ENDPOINT_URL is read when this is unset. */
  endpoint?: string;
  env?: NodeJS.ProcessEnv;
  clock?: Clock;
}

const SILENT_LOGGER = { trace() {}, debug() {}, info() {}, warn() {}, error() {} };

/** The endpoint to use: the flag, else AWS_ENDPOINT_URL. */
export function resolveEndpoint(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = flag ?? env.AWS_ENDPOINT_URL;
  if (!value) return undefined;
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('protocol');
  } catch {
    throw new EdaError(`The endpoint URL "${value}" is not an http(s) URL.`, 'Pass e.g. --endpoint-url http://127.0.0.1:4566');
  }
  return value.replace(/\/+$/, '');
}

/**
 * Creates the SDK clients. The region comes from the option, else the SDK's chain
 * (AWS_REGION, the profile's config); credentials from the standard chain, or the profile.
 */
export async function createAwsApi(options: AwsOptions = {}): Promise<AwsApi> {
  // The SDK's notice about future Node versions is not something an eda user can act on mid-deploy.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const { endpoint, timeouts, common } = clientConfig(options);
  const cf = new CloudFormationClient(common);
  guardResponses(cf, 'query');
  const region = await regionOf(cf, endpoint, options.profile);
  const call = awsCall({ region, endpoint, profile: options.profile }, options.clock ?? realClock);
  const s3 = lazyS3({ ...common, region, forcePathStyle: Boolean(endpoint) });
  return { cfn: cloudFormationApi(cf, call), s3: s3Api(s3, call, timeouts), region, endpoint, drift: driftApi(cf, call) };
}

/** The options every SDK client of one connection shares (region, profile, endpoint, retries, timeouts). */
export function clientConfig(options: AwsOptions) {
  const env = options.env ?? process.env;
  const endpoint = resolveEndpoint(options.endpoint, env);
  const timeouts = timeoutsFrom(env);
  const common = {
    ...(options.region ? { region: options.region } : {}),
    ...(options.profile ? { profile: options.profile } : {}),
    // With --profile the person chose the profile over any keys in the environment; the SDK
    // would still print a multi-line warning about the two (to console.warn, absent a logger).
    ...(options.profile ? { logger: SILENT_LOGGER } : {}),
    ...(endpoint ? { endpoint } : {}),
    // One quick retry for transient faults; throttling is retried with backoff (AwsCall).
    maxAttempts: 2,
    requestHandler: handlerOptions(timeouts),
  };
  return { endpoint, timeouts, common };
}

/** The region the client resolved (the option, the environment or the profile). */
async function regionOf(cf: CloudFormationClient, endpoint: string | undefined, profile: string | undefined): Promise<string> {
  let region: string;
  try {
    region = await cf.config.region();
  } catch (error) {
    throw toEdaError(error, { action: 'find the region', endpoint, profile });
  }
  if (!region) throw toEdaError(new Error('Region is missing'), { action: 'find the region' });
  return region;
}
