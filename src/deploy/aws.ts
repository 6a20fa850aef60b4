// The AWS SDK behind the seam in api.ts. Loaded only by commands that talk to AWS.
import {
  CloudFormationClient,
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DeleteStackCommand,
  DescribeChangeSetCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  GetTemplateCommand,
  ListChangeSetsCommand,
  ListStackResourcesCommand,
  type Change,
  type ChangeSetSummary,
  type DescribeChangeSetOutput,
  type StackResourceSummary,
} from '@aws-sdk/client-cloudformation';
import { EdaError } from '../core/errors.js';
import { realClock, type AwsApi, type CfnApi, type Clock, type S3Api } from './api.js';
import { isNotFound, isStackMissing, toEdaError, withThrottleRetry } from './aws-errors.js';
import { guardResponses, handlerOptions, timeoutsFrom, uploadTimeout } from './aws-transport.js';

/** The artifacts bucket named in the bootstrap stack is gone. */
export function missingBucket(bucket: string): EdaError {
  return new EdaError(`The artifacts bucket ${bucket} does not exist (it was deleted outside eda).`, 'Run `eda bootstrap` to repair it, then deploy again.');
}

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
  const env = options.env ?? process.env;
  // The SDK's notice about future Node versions is not something an eda user can act on mid-deploy.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const endpoint = resolveEndpoint(options.endpoint, env);
  const clock = options.clock ?? realClock;
  const timeouts = timeoutsFrom(env);
  const common = {
    ...(options.region ? { region: options.region } : {}),
    ...(options.profile ? { profile: options.profile } : {}),
    // With --profile the person chose the profile over any keys in the environment; the SDK
    // would still print a multi-line warning about the two (to console.warn, absent a logger).
    ...(options.profile ? { logger: SILENT_LOGGER } : {}),
    ...(endpoint ? { endpoint } : {}),
    // One quick retry for transient faults; throttling is retried with backoff below.
    maxAttempts: 2,
    requestHandler: handlerOptions(timeouts),
  };
  const cf = new CloudFormationClient(common);
  guardResponses(cf, 'query');
  let region: string;
  try {
    region = await cf.config.region();
  } catch (error) {
    throw toEdaError(error, { action: 'find the region', endpoint, profile: options.profile });
  }
  if (!region) throw toEdaError(new Error('Region is missing'), { action: 'find the region' });
  // S3 loads only when first used: a no-op deploy never touches it.
  let s3Module: Promise<typeof import('@aws-sdk/client-s3')> | undefined;
  let s3Client: import('@aws-sdk/client-s3').S3Client | undefined;
  const s3 = async () => {
    const mod = await (s3Module ??= import('@aws-sdk/client-s3'));
    if (!s3Client) {
      s3Client = new mod.S3Client({ ...common, region, forcePathStyle: Boolean(endpoint) });
      guardResponses(s3Client, 'rest-xml');
    }
    return { mod, client: s3Client };
  };
  const ctx = { region, endpoint, profile: options.profile };

  /**
   * Every AWS call goes through here: throttling is retried with backoff, and every other
   * failure becomes one sentence, unless `recover` turns it into an answer (a missing stack).
   */
  const call = async <T>(action: string, fn: () => Promise<T>, recover?: (error: unknown) => { value: T } | undefined): Promise<T> => {
    try {
      return await withThrottleRetry(fn, { clock });
    } catch (error) {
      const recovered = recover?.(error);
      if (recovered) return recovered.value;
      throw toEdaError(error, { ...ctx, action });
    }
  };
  const missingStack = (error: unknown) => (isStackMissing(error) ? { value: undefined } : undefined);

  const cfn: CfnApi = {
    describeStack: (stackName) =>
      call(`describe stack ${stackName}`, async () => (await cf.send(new DescribeStacksCommand({ StackName: stackName }))).Stacks?.[0], missingStack),
    getTemplate: (stackName, stage = 'Original') =>
      call(
        `read the template of stack ${stackName}`,
        async () => (await cf.send(new GetTemplateCommand({ StackName: stackName, TemplateStage: stage }))).TemplateBody,
        missingStack,
      ),
    createChangeSet: (input) =>
      call(`create a change set for stack ${input.StackName}`, async () => {
        const out = await cf.send(new CreateChangeSetCommand(input));
        return { Id: out.Id, StackId: out.StackId };
      }),
    describeChangeSet: (name, stackName) =>
      call(`describe change set ${name}`, async () => {
        let first: DescribeChangeSetOutput | undefined;
        const changes: Change[] = [];
        let token: string | undefined;
        do {
          const page = await cf.send(new DescribeChangeSetCommand({ ChangeSetName: name, StackName: stackName, NextToken: token }));
          first ??= page;
          changes.push(...(page.Changes ?? []));
          token = page.NextToken;
        } while (token);
        return { ...first!, Changes: changes, NextToken: undefined };
      }),
    listChangeSets: (stackName) =>
      call(
        `list the change sets of stack ${stackName}`,
        async () => {
          const all: ChangeSetSummary[] = [];
          let token: string | undefined;
          do {
            const page = await cf.send(new ListChangeSetsCommand({ StackName: stackName, NextToken: token }));
            all.push(...(page.Summaries ?? []));
            token = page.NextToken;
          } while (token);
          // Some emulators list every stack's change sets.
          return all.filter((c) => c.StackName === stackName || c.StackId === stackName);
        },
        (error) => (isStackMissing(error) ? { value: [] } : undefined),
      ),
    deleteChangeSet: (name, stackName) =>
      call(`delete change set ${name}`, async () => {
        await cf.send(new DeleteChangeSetCommand({ ChangeSetName: name, StackName: stackName }));
      }),
    executeChangeSet: (input) =>
      call(`execute change set ${input.ChangeSetName}`, async () => {
        await cf.send(new ExecuteChangeSetCommand(input));
      }),
    describeStackEvents: (stackName, nextToken) =>
      call(`read the events of stack ${stackName}`, async () => {
        const out = await cf.send(new DescribeStackEventsCommand({ StackName: stackName, NextToken: nextToken }));
        return { events: out.StackEvents ?? [], nextToken: out.NextToken };
      }),
    listStackResources: (stackName) =>
      call(`list the resources of stack ${stackName}`, async () => {
        const all: StackResourceSummary[] = [];
        let token: string | undefined;
        do {
          const page = await cf.send(new ListStackResourcesCommand({ StackName: stackName, NextToken: token }));
          all.push(...(page.StackResourceSummaries ?? []));
          token = page.NextToken;
        } while (token);
        return all;
      }),
    deleteStack: (input) =>
      call(`delete stack ${input.StackName}`, async () => {
        await cf.send(new DeleteStackCommand(input));
      }),
  };

  const s3api: S3Api = {
    headBucket: (bucket) =>
      call(
        `check the bucket ${bucket}`,
        async () => {
          const { mod, client } = await s3();
          await client.send(new mod.HeadBucketCommand({ Bucket: bucket }));
          return true;
        },
        (error) => (isNotFound(error) ? { value: false } : undefined),
      ),
    headObject: (bucket, key) =>
      call(
        `check s3://${bucket}/${key}`,
        async () => {
          const { mod, client } = await s3();
          const out = await client.send(new mod.HeadObjectCommand({ Bucket: bucket, Key: key }));
          return { lastModified: out.LastModified } as { lastModified?: Date } | undefined;
        },
        (error) => (isNotFound(error) ? { value: undefined } : undefined),
      ),
    putObject: (bucket, key, body, contentType) =>
      call(
        `upload s3://${bucket}/${key}`,
        async () => {
          const { mod, client } = await s3();
          await client.send(new mod.PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType }), {
            requestTimeout: uploadTimeout(timeouts, body.byteLength),
          });
        },
        (error) => {
          if ((error as { name?: string })?.name === 'NoSuchBucket') throw missingBucket(bucket);
          return undefined;
        },
      ),
    touchObject: (bucket, key) =>
      call(`refresh s3://${bucket}/${key}`, async () => {
        const { mod, client } = await s3();
        await client.send(
          new mod.CopyObjectCommand({
            Bucket: bucket,
            Key: key,
            CopySource: `${bucket}/${encodeURIComponent(key).replace(/%2F/g, '/')}`,
            MetadataDirective: 'REPLACE',
          }),
        );
      }),
  };

  return { cfn, s3: s3api, region, endpoint };
}
