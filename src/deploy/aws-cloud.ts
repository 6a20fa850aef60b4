// The AWS SDK behind cloud-api.ts: CloudWatch Logs, Lambda, and the data stores a purge
// deletes. Each SDK loads on first use; every request goes through awsCall (throttling
// retried with backoff, failures as one sentence).
import type { AwsApi, Clock } from './api.js';
import { realClock } from './api.js';
import { clientConfig, type AwsOptions } from './aws.js';
import { awsCall, isThrottling, type AwsCall } from './aws-errors.js';
import type { CloudApi, CodeApi, FunctionState, LambdaApi, LogEvent, LogsApi, PurgeApi } from './cloud-api.js';

type Page = Awaited<ReturnType<LogsApi['filterLogEvents']>>;

type Config = ReturnType<typeof clientConfig>['common'] & { region: string };

const errorName = (error: unknown) => String((error as { name?: string })?.name ?? '');
const gone = (...names: string[]) => (error: unknown) => (names.includes(errorName(error)) ? { value: false as const } : undefined);

function lazy<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => (made ??= make());
}

export function createCloudApi(aws: AwsApi, options: AwsOptions & { clock?: Clock } = {}): CloudApi {
  const { common } = clientConfig({ ...options, endpoint: aws.endpoint ?? options.endpoint });
  const config: Config = { ...common, region: aws.region };
  const call = awsCall({ region: aws.region, endpoint: aws.endpoint, profile: options.profile }, options.clock ?? realClock);
  return { logs: logsApi(config, call), lambda: lambdaApi(config, call), purge: purgeApi(config, call), code: codeApi(config, call) };
}

function logsApi(config: Config, call: AwsCall): LogsApi {
  const client = lazy(async () => {
    const mod = await import('@aws-sdk/client-cloudwatch-logs');
    return { mod, client: new mod.CloudWatchLogsClient(config) };
  });
  return {
    filterLogEvents: (input) =>
      call<Page>(
        `read the log group ${input.logGroupName}`,
        async () => {
          const { mod, client: c } = await client();
          const out = await c.send(new mod.FilterLogEventsCommand({ ...input, interleaved: true }));
          const events = (out.events ?? []).map((e): LogEvent => ({
            logGroupName: input.logGroupName,
            logStreamName: e.logStreamName,
            timestamp: e.timestamp ?? 0,
            message: e.message ?? '',
            eventId: e.eventId,
          }));
          return { events, nextToken: out.nextToken };
        },
        (error) =>
          isThrottling(error)
            ? { value: { events: [], throttled: true } }
            : errorName(error) === 'ResourceNotFoundException'
              ? { value: { events: [], missing: true } }
              : undefined,
      ),
  };
}

function lambdaApi(config: Config, call: AwsCall): LambdaApi {
  const client = lazy(async () => {
    const mod = await import('@aws-sdk/client-lambda');
    return { mod, client: new mod.LambdaClient(config) };
  });
  return {
    invoke: (input) =>
      call(`invoke ${input.functionName}`, async () => {
        const { mod, client: c } = await client();
        const out = await c.send(
          new mod.InvokeCommand({
            FunctionName: input.functionName,
            Payload: new TextEncoder().encode(input.payload),
            InvocationType: input.async ? 'Event' : 'RequestResponse',
            ...(input.async ? {} : { LogType: 'Tail' as const }),
          }),
        );
        return {
          statusCode: out.StatusCode,
          functionError: out.FunctionError,
          logTail: out.LogResult ? Buffer.from(out.LogResult, 'base64').toString('utf8') : undefined,
          payload: out.Payload && out.Payload.length ? new TextDecoder().decode(out.Payload) : undefined,
          executedVersion: out.ExecutedVersion,
          requestId: out.$metadata.requestId,
        };
      }),
  };
}

function purgeApi(config: Config, call: AwsCall): PurgeApi {
  const ddb = lazy(async () => {
    const mod = await import('@aws-sdk/client-dynamodb');
    return { mod, client: new mod.DynamoDBClient(config) };
  });
  const sqs = lazy(async () => {
    const mod = await import('@aws-sdk/client-sqs');
    return { mod, client: new mod.SQSClient(config) };
  });
  const logs = lazy(async () => {
    const mod = await import('@aws-sdk/client-cloudwatch-logs');
    return { mod, client: new mod.CloudWatchLogsClient(config) };
  });
  const s3 = lazy(async () => {
    const mod = await import('@aws-sdk/client-s3');
    return { mod, client: new mod.S3Client({ ...config, forcePathStyle: Boolean(config.endpoint) }) };
  });
  return {
    deleteTable: (name) =>
      call(`delete the table ${name}`, async () => {
        const { mod, client } = await ddb();
        await client.send(new mod.DeleteTableCommand({ TableName: name }));
        return true;
      }, gone('ResourceNotFoundException')),
    deleteQueue: (url) =>
      call(`delete the queue ${url}`, async () => {
        const { mod, client } = await sqs();
        await client.send(new mod.DeleteQueueCommand({ QueueUrl: url }));
        return true;
      }, gone('QueueDoesNotExist', 'AWS.SimpleQueueService.NonExistentQueue')),
    deleteLogGroup: (name) =>
      call(`delete the log group ${name}`, async () => {
        const { mod, client } = await logs();
        await client.send(new mod.DeleteLogGroupCommand({ logGroupName: name }));
        return true;
      }, gone('ResourceNotFoundException')),
    emptyAndDeleteBucket: (name) =>
      call(
        `empty and delete the bucket ${name}`,
        async () => {
          const { mod, client } = await s3();
          let deleted = 0;
          let keyMarker: string | undefined;
          let versionMarker: string | undefined;
          do {
            const page = await client.send(new mod.ListObjectVersionsCommand({ Bucket: name, KeyMarker: keyMarker, VersionIdMarker: versionMarker }));
            const objects = [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])].map((v) => ({ Key: v.Key!, VersionId: v.VersionId }));
            if (objects.length) {
              await client.send(new mod.DeleteObjectsCommand({ Bucket: name, Delete: { Objects: objects, Quiet: true } }));
              deleted += (page.Versions ?? []).length;
            }
            keyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
            versionMarker = page.IsTruncated ? page.NextVersionIdMarker : undefined;
          } while (keyMarker);
          await client.send(new mod.DeleteBucketCommand({ Bucket: name }));
          return deleted as number | undefined;
        },
        (error) => (errorName(error) === 'NoSuchBucket' ? { value: undefined } : undefined),
      ),
  };
}

function functionState(c: { FunctionArn?: string; CodeSha256?: string; State?: string; LastUpdateStatus?: string; LastUpdateStatusReason?: string } | undefined): FunctionState {
  return {
    functionArn: c?.FunctionArn,
    codeSha256: c?.CodeSha256,
    state: c?.State,
    lastUpdateStatus: c?.LastUpdateStatus,
    lastUpdateStatusReason: c?.LastUpdateStatusReason,
  };
}

function codeApi(config: Config, call: AwsCall): CodeApi {
  const lambda = lazy(async () => {
    const mod = await import('@aws-sdk/client-lambda');
    return { mod, client: new mod.LambdaClient(config) };
  });
  const sfn = lazy(async () => {
    const mod = await import('@aws-sdk/client-sfn');
    return { mod, client: new mod.SFNClient(config) };
  });
  return {
    getFunction: (name) =>
      call(
        `read function ${name}`,
        async () => {
          const { mod, client } = await lambda();
          const out = await client.send(new mod.GetFunctionConfigurationCommand({ FunctionName: name }));
          return functionState(out) as FunctionState | undefined;
        },
        (error) => (errorName(error) === 'ResourceNotFoundException' ? { value: undefined } : undefined),
      ),
    updateFunctionCode: (input) =>
      call(`update the code of function ${input.functionName}`, async () => {
        const { mod, client } = await lambda();
        const out = await client.send(new mod.UpdateFunctionCodeCommand({ FunctionName: input.functionName, S3Bucket: input.bucket, S3Key: input.key }));
        return functionState(out);
      }),
    describeStateMachine: (arn) =>
      call(
        `read state machine ${arn}`,
        async () => {
          const { mod, client } = await sfn();
          const out = await client.send(new mod.DescribeStateMachineCommand({ stateMachineArn: arn }));
          return { definition: out.definition } as { definition?: string } | undefined;
        },
        (error) => (errorName(error) === 'StateMachineDoesNotExist' ? { value: undefined } : undefined),
      ),
    updateStateMachine: (input) =>
      call(`update state machine ${input.stateMachineArn}`, async () => {
        const { mod, client } = await sfn();
        await client.send(new mod.UpdateStateMachineCommand({ stateMachineArn: input.stateMachineArn, definition: input.definition }));
      }),
  };
}
