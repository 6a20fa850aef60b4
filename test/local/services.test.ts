// The loopback AWS APIs, driven by the real AWS SDK v3 clients, as handlers would.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DynamoDBClient, PutItemCommand, UpdateItemCommand, DeleteItemCommand, GetItemCommand, TransactWriteItemsCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { SQSClient, SendMessageCommand, SendMessageBatchCommand, ReceiveMessageCommand, DeleteMessageCommand, GetQueueUrlCommand, GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { SNSClient, PublishCommand, PublishBatchCommand } from '@aws-sdk/client-sns';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { SFNClient, StartExecutionCommand, DescribeExecutionCommand, SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import { LambdaClient, InvokeCommand } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocal, type LocalRuntime } from '../../src/local/runtime.js';
import type { StreamRecord } from '../../src/local/payloads.js';
import { makeApp, makeFunction, makeQueue, makeRule, makeTopic, makeWorkflow } from './helpers.js';

let dir: string;
let rt: LocalRuntime;
const clientConfig = () => ({ endpoint: rt.endpoints.services, region: 'eu-west-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'eda-svc-'));
  mkdirSync(join(dir, 'src/handlers'), { recursive: true });
  writeFileSync(join(dir, 'src/handlers/echo.ts'), 'export const handler = async (event: unknown) => ({ echoed: event });');
  writeFileSync(join(dir, 'src/handlers/onStream.ts'), 'export const handler = async (event: { Records: unknown[] }) => ({ n: event.Records.length });');
  writeFileSync(join(dir, 'src/handlers/fail.ts'), "export const handler = async () => { throw new TypeError('bad input'); };");
  // a handler calling the SDK with no configuration, as it would on Lambda
  symlinkSync(resolve(import.meta.dirname, '../../node_modules'), join(dir, 'node_modules'), 'dir');
  writeFileSync(
    join(dir, 'src/handlers/syncCaller.ts'),
    [
      "import { SFNClient, StartSyncExecutionCommand } from '@aws-sdk/client-sfn';",
      'const sfn = new SFNClient({});',
      'export const handler = async (event: unknown) => {',
      '  const r = await sfn.send(new StartSyncExecutionCommand({ stateMachineArn: process.env.QUICK_ARN, input: JSON.stringify(event) }));',
      "  return { status: r.status, output: JSON.parse(r.output ?? 'null') };",
      '};',
    ].join('\n'),
  );
  const app = makeApp({
    functions: [
      makeFunction('echo'),
      makeFunction('syncCaller', { timeout: 20, environment: [{ name: 'QUICK_ARN', value: '${workflows.quick.arn}' }] }),
      makeFunction('fail', { onFailure: { kind: 'queue', name: 'failures', own: false } }),
      makeFunction('onStream', { triggers: [{ type: 'stream', table: 'orders', startingPosition: 'LATEST', batchSize: 10, maxRetries: 2, source: [] }] }),
    ],
    tables: [
      {
        name: 'orders',
        logicalId: 'OrdersTable',
        partitionKey: { name: 'id', type: 'S' },
        billing: { mode: 'onDemand' },
        stream: 'NEW_AND_OLD_IMAGES',
        indexes: [{ name: 'byCustomer', partitionKey: { name: 'customerId', type: 'S' }, projection: 'ALL' }],
        pointInTimeRecovery: false,
        path: [],
      },
    ],
    queues: [makeQueue('jobs', { dlq: { logicalId: 'JobsDlq', maxReceives: 2, name: 'jobs:dlq' } }), makeQueue('audit'), makeQueue('events'), makeQueue('failures')],
    topics: [makeTopic('news', { subscriptions: [{ protocol: 'sqs', queue: 'audit', raw: true, source: [] }] })],
    buses: [{ name: 'orders', logicalId: 'OrdersBus', path: [] }],
    rules: [makeRule('placed', { bus: 'orders', pattern: { 'detail-type': ['Placed'] }, targets: [{ kind: 'queue', name: 'events', id: 'q', source: [] }] })],
    workflows: [
      makeWorkflow('quick', { StartAt: 'Done', States: { Done: { Type: 'Pass', Parameters: { 'quick.$': '$.n' }, End: true } } }, { type: 'express' }),
      makeWorkflow('child', { StartAt: 'Done', States: { Done: { Type: 'Pass', Parameters: { 'child.$': '$.n' }, End: true } } }),
      makeWorkflow('integrations', {
        StartAt: 'Put',
        States: {
          Put: { Type: 'Task', Resource: 'arn:aws:states:::dynamodb:putItem', Parameters: { TableName: '${tables.orders.name}', Item: { id: { 'S.$': '$.id' }, total: { N: '5' } } }, ResultPath: null, Next: 'Get' },
          Get: { Type: 'Task', Resource: 'arn:aws:states:::dynamodb:getItem', Parameters: { TableName: '${tables.orders.name}', Key: { id: { 'S.$': '$.id' } } }, ResultSelector: { 'total.$': '$.Item.total.N' }, ResultPath: '$.got', Next: 'Send' },
          Send: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage', Parameters: { QueueUrl: '${queues.audit.url}', 'MessageBody.$': '$.got' }, ResultPath: '$.sent', Next: 'Publish' },
          Publish: { Type: 'Task', Resource: 'arn:aws:states:::sns:publish', Parameters: { TopicArn: '${topics.news.arn}', Message: { hello: 'world' } }, ResultPath: null, Next: 'Put event' },
          'Put event': { Type: 'Task', Resource: 'arn:aws:states:::events:putEvents', Parameters: { Entries: [{ EventBusName: '${buses.orders.name}', Source: 'wf', DetailType: 'Placed', Detail: { 'id.$': '$.id' } }] }, ResultPath: null, Next: 'Invoke' },
          Invoke: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: '${functions.echo.arn}', Payload: { 'x.$': '$.id' } }, ResultSelector: { 'p.$': '$.Payload' }, ResultPath: '$.invoked', Next: 'Bare' },
          Bare: { Type: 'Task', Resource: 'echo', Parameters: { y: 1 }, ResultPath: '$.bare', Next: 'Child' },
          Child: { Type: 'Task', Resource: 'arn:aws:states:::states:startExecution.sync:2', Parameters: { StateMachineArn: '${workflows.child.arn}', Input: { n: 7 } }, ResultSelector: { 'out.$': '$.Output' }, ResultPath: '$.child', Next: 'Fails' },
          Fails: { Type: 'Task', Resource: 'fail', Catch: [{ ErrorEquals: ['TypeError'], ResultPath: '$.caught', Next: 'Callback' }], End: true },
          Callback: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', Parameters: { QueueUrl: '${queues.jobs.url}', MessageBody: { 'token.$': '$$.Task.Token' } }, ResultPath: '$.callback', End: true },
        },
      }),
    ],
  });
  rt = await startLocal({ app, cwd: dir, http: false, watch: false, port: 0, asyncRetryDelaysMs: [10, 20] });
});

afterAll(async () => {
  await rt?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('DynamoDB (dynalite) with streams', () => {
  it('stores items, queries an index, and emits INSERT / MODIFY / REMOVE stream records to the trigger', async () => {
    const db = new DynamoDBClient(clientConfig());
    const TableName = rt.addresses.tableName('orders');
    expect(TableName).toBe('shop-dev-orders');
    const seen: StreamRecord[] = [];
    const off = rt.tables.onStream('orders', (r) => seen.push(r));
    await db.send(new PutItemCommand({ TableName, Item: { id: { S: 'o1' }, customerId: { S: 'c1' }, total: { N: '10' } } }));
    await db.send(new PutItemCommand({ TableName, Item: { id: { S: 'o1' }, customerId: { S: 'c1' }, total: { N: '10' } } })); // no change: no record
    await db.send(new UpdateItemCommand({ TableName, Key: { id: { S: 'o1' } }, UpdateExpression: 'SET #t = :t', ExpressionAttributeNames: { '#t': 'total' }, ExpressionAttributeValues: { ':t': { N: '20' } } }));
    const q = await db.send(new QueryCommand({ TableName, IndexName: 'byCustomer', KeyConditionExpression: 'customerId = :c', ExpressionAttributeValues: { ':c': { S: 'c1' } } }));
    expect(q.Items?.[0]?.total).toEqual({ N: '20' });
    await db.send(new DeleteItemCommand({ TableName, Key: { id: { S: 'o1' } } }));
    off();
    expect(seen.map((r) => r.eventName)).toEqual(['INSERT', 'MODIFY', 'REMOVE']);
    expect(seen[1]!.dynamodb).toMatchObject({ Keys: { id: { S: 'o1' } }, OldImage: { total: { N: '10' } }, NewImage: { total: { N: '20' } }, StreamViewType: 'NEW_AND_OLD_IMAGES' });
    expect(seen[0]).toMatchObject({ eventSource: 'aws:dynamodb', eventVersion: '1.1', awsRegion: 'eu-west-1' });
    expect(BigInt(seen[2]!.dynamodb.SequenceNumber)).toBeGreaterThan(BigInt(seen[1]!.dynamodb.SequenceNumber));
    const delivered = await rt.trace.waitFor((e) => e.kind === 'invoke' && e.function === 'onStream' && e.ok);
    expect(delivered).toBeDefined();
  });

  it('TransactWriteItems: all conditions first, then the writes (or none)', async () => {
    const db = new DynamoDBClient(clientConfig());
    const TableName = rt.addresses.tableName('orders');
    await db.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          { Put: { TableName, Item: { id: { S: 't1' }, v: { N: '1' } }, ConditionExpression: 'attribute_not_exists(id)' } },
          { Put: { TableName, Item: { id: { S: 't2' }, v: { N: '2' } } } },
        ],
      }),
    );
    const failed = db.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          { Put: { TableName, Item: { id: { S: 't3' }, v: { N: '3' } } } },
          { Update: { TableName, Key: { id: { S: 't1' } }, UpdateExpression: 'SET v = :n', ConditionExpression: 'v = :old', ExpressionAttributeValues: { ':n': { N: '9' }, ':old': { N: '100' } } } },
        ],
      }),
    );
    await expect(failed).rejects.toMatchObject({ name: 'TransactionCanceledException' });
    expect((await db.send(new GetItemCommand({ TableName, Key: { id: { S: 't3' } } }))).Item).toBeUndefined();
    expect((await db.send(new GetItemCommand({ TableName, Key: { id: { S: 't1' } } }))).Item?.v).toEqual({ N: '1' });
  });
});

describe('SQS (JSON protocol)', () => {
  it('sends, receives with attributes, deletes; batches; resolves URLs; reports queue attributes', async () => {
    const sqs = new SQSClient(clientConfig());
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: 'shop-dev-jobs' }));
    expect(QueueUrl).toBe(rt.addresses.queueUrl('jobs'));
    const sent = await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'hello', MessageAttributes: { kind: { DataType: 'String', StringValue: 'greeting' } } }));
    expect(sent.MessageId).toMatch(/-/);
    const batch = await sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries: [{ Id: 'a', MessageBody: 'one' }, { Id: 'b', MessageBody: 'two' }] }));
    expect(batch.Successful?.map((s) => s.Id)).toEqual(['a', 'b']);
    const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, MessageAttributeNames: ['All'], MessageSystemAttributeNames: ['All'] }));
    expect(got.Messages?.map((m) => m.Body)).toEqual(['hello', 'one', 'two']);
    expect(got.Messages?.[0]?.MessageAttributes?.kind?.StringValue).toBe('greeting');
    expect(got.Messages?.[0]?.Attributes?.ApproximateReceiveCount).toBe('1');
    for (const m of got.Messages ?? []) await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: m.ReceiptHandle }));
    const attrs = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] }));
    expect(attrs.Attributes).toMatchObject({ ApproximateNumberOfMessages: '0', QueueArn: rt.addresses.queueArn('jobs') });
    expect(JSON.parse(attrs.Attributes!.RedrivePolicy!)).toMatchObject({ maxReceiveCount: 2 });
    await expect(sqs.send(new SendMessageCommand({ QueueUrl: `${rt.endpoints.services}/000000000000/nope`, MessageBody: 'x' }))).rejects.toMatchObject({ name: 'QueueDoesNotExist' });
  });

  it('long-polls', async () => {
    const sqs = new SQSClient(clientConfig());
    const QueueUrl = rt.addresses.queueUrl('jobs');
    const polling = sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 5 }));
    setTimeout(() => void rt.queue('jobs')!.send({ body: 'late' }), 50);
    const got = await polling;
    expect(got.Messages?.[0]?.Body).toBe('late');
    await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: got.Messages![0]!.ReceiptHandle }));
  });
});

describe('SNS (query protocol)', () => {
  it('publishes to subscribers', async () => {
    const sns = new SNSClient(clientConfig());
    const r = await sns.send(new PublishCommand({ TopicArn: rt.addresses.topicArn('news'), Message: 'extra!', MessageAttributes: { a: { DataType: 'String', StringValue: 'b' } } }));
    expect(r.MessageId).toMatch(/-/);
    const batch = await sns.send(new PublishBatchCommand({ TopicArn: rt.addresses.topicArn('news'), PublishBatchRequestEntries: [{ Id: '1', Message: 'm1' }, { Id: '2', Message: 'm2' }] }));
    expect(batch.Successful?.map((s) => s.Id)).toEqual(['1', '2']);
    const got = rt.queue('audit')!.receive(10);
    expect(got.map((m) => m.body)).toEqual(['extra!', 'm1', 'm2']);
    expect(got[0]!.messageAttributes.a).toEqual({ DataType: 'String', StringValue: 'b', BinaryValue: undefined });
    await expect(sns.send(new PublishCommand({ TopicArn: 'arn:aws:sns:eu-west-1:000000000000:nope', Message: 'x' }))).rejects.toMatchObject({ name: 'NotFoundException' });
  });
});

describe('EventBridge (JSON 1.1)', () => {
  it('puts events through rules', async () => {
    const eb = new EventBridgeClient(clientConfig());
    const r = await eb.send(
      new PutEventsCommand({ Entries: [{ EventBusName: 'shop-dev-orders', Source: 'test', DetailType: 'Placed', Detail: '{"id":"x"}', Time: new Date('2024-05-06T07:08:09Z') }, { Source: 'test', DetailType: 'Bad', Detail: 'nope' }] }),
    );
    expect(r.FailedEntryCount).toBe(1);
    expect(r.Entries?.[1]?.ErrorCode).toBe('MalformedDetail');
    const [m] = rt.queue('events')!.receive();
    expect(JSON.parse(m!.body)).toMatchObject({ id: r.Entries![0]!.EventId, source: 'test', 'detail-type': 'Placed', detail: { id: 'x' }, time: '2024-05-06T07:08:09Z' });
  });
});

describe('Secrets Manager (from .eda/secrets.json)', () => {
  it('answers GetSecretValue by name or ARN, and says where to add a missing secret', async () => {
    mkdirSync(join(dir, '.eda'), { recursive: true });
    writeFileSync(join(dir, '.eda/secrets.json'), JSON.stringify({ 'stripe-key': 'sk_test_1', db: { user: 'u' } }));
    const call = (SecretId: string) =>
      fetch(rt.endpoints.services, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-amz-json-1.1',
          'x-amz-target': 'secretsmanager.GetSecretValue',
          authorization: 'AWS4-HMAC-SHA256 Credential=test/20250101/eu-west-1/secretsmanager/aws4_request, SignedHeaders=host, Signature=0',
        },
        body: JSON.stringify({ SecretId }),
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, string> }));
    expect((await call('stripe-key')).body.SecretString).toBe('sk_test_1');
    expect((await call('arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf')).body.SecretString).toBe('{"user":"u"}');
    const missing = await call('nope');
    expect(missing.status).toBe(400);
    expect(missing.body.__type).toMatch(/ResourceNotFoundException$/);
    expect(missing.body.message).toContain('secrets.json');
  });
});

describe('Step Functions and Lambda', () => {
  it('runs a workflow through every service integration, .sync children and task tokens', async () => {
    const sfn = new SFNClient(clientConfig());
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: rt.addresses.workflowArn('integrations'), input: JSON.stringify({ id: 'w1' }), name: 'run-1' }));
    expect(executionArn).toBe(rt.addresses.executionArn('integrations', 'run-1'));
    // the last state waits for a task token sent through the jobs queue
    const sqs = new SQSClient(clientConfig());
    let token: string | undefined;
    for (let i = 0; i < 100 && !token; i++) {
      const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl: rt.addresses.queueUrl('jobs'), WaitTimeSeconds: 1 }));
      token = got.Messages?.[0] ? JSON.parse(got.Messages[0].Body!).token : undefined;
    }
    expect(token).toBeDefined();
    const running = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect(running.status).toBe('RUNNING');
    await sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{"approved":true}' }));
    let d = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    for (let i = 0; i < 50 && d.status === 'RUNNING'; i++) {
      await new Promise((r) => setTimeout(r, 20));
      d = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    }
    expect(d.status).toBe('SUCCEEDED');
    expect(d.startDate).toBeInstanceOf(Date);
    const output = JSON.parse(d.output!);
    expect(output).toMatchObject({
      id: 'w1',
      got: { total: '5' },
      invoked: { p: { echoed: { x: 'w1' } } },
      bare: { echoed: { y: 1 } },
      child: { out: { child: 7 } },
      caught: { Error: 'TypeError' },
      callback: { approved: true },
    });
    expect(JSON.parse(output.caught.Cause)).toMatchObject({ errorType: 'TypeError', errorMessage: 'bad input' });
    expect(output.sent.MessageId).toBeDefined();
    const audit = rt.queue('audit')!.receive(10).map((m) => m.body);
    expect(audit).toContain('{"total":"5"}');
    expect(audit).toContain('{"hello":"world"}');
  });

  it("serves a handler's StartSyncExecution, whose SDK call goes to a sync- prefixed host", async () => {
    const result = await rt.invoke('syncCaller', { n: 3 });
    expect(result).toMatchObject({ ok: true, value: { status: 'SUCCEEDED', output: { quick: 3 } } });
  }, 30_000);

  it('invokes functions through the Lambda API', async () => {
    const lambda = new LambdaClient(clientConfig());
    const ok = await lambda.send(new InvokeCommand({ FunctionName: 'shop-dev-echo', Payload: Buffer.from('{"a":1}') }));
    expect(JSON.parse(Buffer.from(ok.Payload!).toString())).toEqual({ echoed: { a: 1 } });
    const bad = await lambda.send(new InvokeCommand({ FunctionName: rt.addresses.functionArn('fail'), Payload: Buffer.from('{}') }));
    expect(bad.FunctionError).toBe('Unhandled');
    expect(JSON.parse(Buffer.from(bad.Payload!).toString())).toMatchObject({ errorType: 'TypeError', errorMessage: 'bad input' });
    const async = await lambda.send(new InvokeCommand({ FunctionName: 'shop-dev-echo', InvocationType: 'Event', Payload: Buffer.from('{}') }));
    expect(async.StatusCode).toBe(202);
    await expect(lambda.send(new InvokeCommand({ FunctionName: 'nope' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('retries a failing asynchronous invocation twice, then sends an invocation record to the on-failure queue', async () => {
    const lambda = new LambdaClient(clientConfig());
    await lambda.send(new InvokeCommand({ FunctionName: 'shop-dev-fail', InvocationType: 'Event', Payload: Buffer.from('{"order":7}') }));
    await rt.trace.waitFor((e) => e.kind === 'async' && e.action === 'failed' && e.function === 'fail');
    const [m] = rt.queue('failures')!.receive();
    expect(JSON.parse(m!.body)).toMatchObject({
      version: '1.0',
      requestContext: { functionArn: `${rt.addresses.functionArn('fail')}:$LATEST`, condition: 'RetriesExhausted', approximateInvokeCount: 3 },
      requestPayload: { order: 7 },
      responseContext: { statusCode: 200, functionError: 'Unhandled' },
      responsePayload: { errorType: 'TypeError', errorMessage: 'bad input' },
    });
  });
});
