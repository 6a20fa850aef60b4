// The optimized service integrations a local workflow's Task calls, each answering as AWS
// does (its output shape, and errors named <Service>.<Exception>): lambda:invoke, sqs
// sendMessage, sns publish, events putEvents, and the dynamodb item and query actions.
import { StatesError } from './asl/errors.js';
import type { MessageAttributeValue } from './payloads.js';
import type { DynamoError } from './tables.js';
import type { WorkflowsDeps } from './workflows.js';

type Json = Record<string, unknown>;

export async function lambdaInvoke(deps: WorkflowsDeps, params: Json, trigger: string): Promise<unknown> {
  const fn = deps.addresses.functionByNameOrArn(String(params.FunctionName ?? ''));
  if (!fn) {
    // AWS names the function by its full ARN, whatever form the Task gave
    const name = String(params.FunctionName ?? '');
    const arn = name.startsWith('arn:') ? name : `arn:aws:lambda:${deps.addresses.region}:${deps.addresses.account}:function:${name}`;
    throw new StatesError('Lambda.ResourceNotFoundException', `Function not found: ${arn} (Service: AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException)`);
  }
  const payload = typeof params.Payload === 'string' ? safeJson(params.Payload) : (params.Payload ?? {});
  if (params.InvocationType === 'Event') {
    deps.functions.invokeAsync(fn, payload, { trigger });
    return { Payload: '', StatusCode: 202 };
  }
  const result = await deps.functions.invoke(fn, payload, { trigger });
  if (!result.ok) {
    throw new StatesError(result.error.errorType, JSON.stringify({ errorMessage: result.error.errorMessage, errorType: result.error.errorType, stackTrace: result.error.trace ?? [] }));
  }
  return lambdaInvokeOutput(result.value, result.requestId, deps.clock.now());
}


export function sqsSend(deps: WorkflowsDeps, params: Json): unknown {
  const name = deps.addresses.queueByUrlOrName(String(params.QueueUrl ?? ''));
  const queue = name ? deps.queue(name) : undefined;
  if (!queue) throw new StatesError('SQS.QueueDoesNotExistException', `The specified queue does not exist: ${String(params.QueueUrl)}`);
  const body = typeof params.MessageBody === 'string' ? params.MessageBody : JSON.stringify(params.MessageBody);
  try {
    const out = queue.send({
      body,
      attributes: params.MessageAttributes as Record<string, MessageAttributeValue> | undefined,
      delaySeconds: params.DelaySeconds as number | undefined,
      groupId: params.MessageGroupId as string | undefined,
      deduplicationId: params.MessageDeduplicationId as string | undefined,
    });
    return { MD5OfMessageBody: out.md5OfBody, MessageId: out.messageId, ...(out.sequenceNumber ? { SequenceNumber: out.sequenceNumber } : {}) };
  } catch (error) {
    throw new StatesError(`SQS.${(error as { code?: string }).code ?? 'AmazonSQSException'}`, (error as Error).message);
  }
}


export function snsPublish(deps: WorkflowsDeps, params: Json): unknown {
  const name = deps.addresses.topicByArn(String(params.TopicArn ?? ''));
  const topic = name ? deps.topic(name) : undefined;
  if (!topic) throw new StatesError('SNS.NotFoundException', `Topic does not exist: ${String(params.TopicArn)}`);
  const message = typeof params.Message === 'string' ? params.Message : JSON.stringify(params.Message);
  try {
    const out = topic.publish({
      message,
      subject: params.Subject as string | undefined,
      attributes: params.MessageAttributes as Record<string, MessageAttributeValue> | undefined,
      structure: params.MessageStructure as string | undefined,
      groupId: params.MessageGroupId as string | undefined,
      deduplicationId: params.MessageDeduplicationId as string | undefined,
    });
    return { MessageId: out.messageId, ...(out.sequenceNumber ? { SequenceNumber: out.sequenceNumber } : {}) };
  } catch (error) {
    throw new StatesError(`SNS.${(error as { code?: string }).code ?? 'AmazonSNSException'}`, (error as Error).message);
  }
}


export function putEvents(deps: WorkflowsDeps, params: Json): unknown {
  const entries = ((params.Entries as Json[] | undefined) ?? []).map((e) => ({
    Source: e.Source as string | undefined,
    DetailType: e.DetailType as string | undefined,
    Detail: typeof e.Detail === 'string' ? e.Detail : JSON.stringify(e.Detail ?? {}),
    EventBusName: e.EventBusName as string | undefined,
    Resources: e.Resources as string[] | undefined,
  }));
  const result = deps.buses().putEvents(entries);
  if (result.FailedEntryCount > 0) throw new StatesError('EventBridge.FailedEntry', JSON.stringify(result));
  return result;
}


export async function dynamodb(deps: WorkflowsDeps, action: string, params: Json): Promise<unknown> {
  const target = action[0]!.toUpperCase() + action.slice(1);
  try {
    return await deps.tables().call(target, params);
  } catch (error) {
    const e = error as DynamoError;
    throw new StatesError(`DynamoDB.${e.type ?? 'AmazonDynamoDBException'}`, e.message);
  }
}

/** What arn:aws:states:::lambda:invoke returns on AWS: the payload beside the SDK's HTTP metadata. */
function lambdaInvokeOutput(value: unknown, requestId: string, now: number): Json {
  const time = Math.floor(now / 1000).toString(16).padStart(8, '0');
  const headers: Record<string, string> = {
    Connection: 'keep-alive',
    'Content-Length': String(Buffer.byteLength(JSON.stringify(value ?? null))),
    'Content-Type': 'application/json',
    Date: new Date(now).toUTCString(),
    'X-Amz-Executed-Version': '$LATEST',
    'x-amzn-Remapped-Content-Length': '0',
    'x-amzn-RequestId': requestId,
    'X-Amzn-Trace-Id': `Root=1-${time}-${requestId.replace(/-/g, '').slice(0, 24)};Sampled=0`,
  };
  return {
    ExecutedVersion: '$LATEST',
    Payload: value,
    SdkHttpMetadata: { AllHttpHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])), HttpHeaders: headers, HttpStatusCode: 200 },
    SdkResponseMetadata: { RequestId: requestId },
    StatusCode: 200,
  };
}

export function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The local bucket a Task's Bucket parameter names (its physical name), or S3's NoSuchBucket. */
function bucketOf(deps: WorkflowsDeps, params: Json): string {
  const bucket = deps.addresses.bucketByName(String(params.Bucket ?? ''));
  if (!bucket || !deps.buckets) throw new StatesError('S3.NoSuchBucket', `The specified bucket does not exist: ${String(params.Bucket)} (Service: S3, Status Code: 404)`);
  return bucket;
}

/** s3:getObject: the body as a string, as the AWS SDK integration returns it. */
export function s3GetObject(deps: WorkflowsDeps, params: Json): Json {
  const bucket = bucketOf(deps, params);
  const object = deps.buckets!().get(bucket, String(params.Key ?? ''));
  if (!object) throw new StatesError('S3.NoSuchKeyException', `The specified key does not exist. (Service: S3, Status Code: 404, Key: ${String(params.Key)})`);
  return { Body: object.body.toString('utf8'), ContentLength: object.body.length, ContentType: object.contentType, ETag: `"${object.etag}"`, LastModified: new Date(object.lastModified).toISOString(), Metadata: object.metadata };
}

/** s3:listObjectsV2 (one page of up to 1000 keys under Prefix). */
export function s3ListObjectsV2(deps: WorkflowsDeps, params: Json): Json {
  const bucket = bucketOf(deps, params);
  const prefix = typeof params.Prefix === 'string' ? params.Prefix : '';
  const store = deps.buckets!();
  const keys = store.keys(bucket).filter((k) => k.startsWith(prefix)).slice(0, 1000);
  const contents = keys.map((Key) => {
    const o = store.get(bucket, Key)!;
    return { Key, ETag: `"${o.etag}"`, LastModified: new Date(o.lastModified).toISOString(), Size: o.body.length, StorageClass: 'STANDARD' };
  });
  return { Contents: contents, IsTruncated: false, KeyCount: contents.length, MaxKeys: 1000, Name: String(params.Bucket), Prefix: prefix };
}

/** s3:putObject: Body written as given (a string, or JSON for anything else). */
export function s3PutObject(deps: WorkflowsDeps, params: Json): Json {
  const bucket = bucketOf(deps, params);
  const body = typeof params.Body === 'string' ? params.Body : JSON.stringify(params.Body ?? null);
  const object = deps.buckets!().put(bucket, String(params.Key ?? ''), Buffer.from(body), 'application/json');
  return { ETag: `"${object.etag}"` };
}
