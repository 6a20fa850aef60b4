// AWS's payload limits in `eda dev`: API Gateway's 10 MB request (reading stops there),
// Lambda's 6 MB synchronous response, SQS, SNS, EventBridge and Step Functions' 256 KB —
// each refused with the error AWS gives — and malformed JSON answered as AWS does.
import { request } from 'node:http';
import { SQSClient, SendMessageCommand, SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { SNSClient, PublishCommand } from '@aws-sdk/client-sns';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeApp, makeFunction, makeQueue, makeTopic, makeWorkflow } from '../local/helpers.js';
import { startProject, type Project } from './project.js';

let project: Project;
const MB = 1024 * 1024;
const config = () => ({ endpoint: project.runtime.endpoints.services, region: 'eu-west-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });

beforeAll(async () => {
  const app = makeApp({
    queues: [makeQueue('jobs')],
    topics: [makeTopic('news')],
    workflows: [makeWorkflow('flow', { StartAt: 'Done', States: { Done: { Type: 'Pass', End: true } } })],
    apis: [
      {
        name: 'api',
        logicalId: 'ApiHttpApi',
        type: 'http',
        implicit: true,
        auth: { type: 'none' }, throttle: { rate: 100, burst: 200 }, accessLogs: true,
        routes: [
          { method: 'POST', path: '/upload', function: 'upload', source: [] },
          { method: 'GET', path: '/big/{mb}', function: 'big', source: [] },
        ],
        path: [],
      },
    ],
    functions: [makeFunction('upload'), makeFunction('big', { memory: 512 })],
  });
  project = await startProject(app, {
    upload: `export const handler = async (e: { body?: string }) => ({ length: (e.body ?? '').length });`,
    big: `export const handler = async (e: { pathParameters: { mb: string } }) => ({ data: 'x'.repeat(Number(e.pathParameters.mb) * 1024 * 1024) });`,
  }, { triggers: false });
}, 30_000);
afterAll(() => project?.stop());

/** POSTs `size` bytes in 1 MB chunks, declaring the length or streaming it chunked. */
function upload(size: number, declare: boolean): Promise<{ status: number; body: string }> {
  const url = new URL(`${project.runtime.endpoints.apis.api}/upload`);
  return new Promise((resolve, reject) => {
    let answer: { status: number; body: string } | undefined;
    const req = request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'content-type': 'text/plain', ...(declare ? { 'content-length': String(size) } : {}) } }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve((answer = { status: res.statusCode!, body: text })));
    });
    // the server answers early and closes: the rest of the upload fails, the answer stands
    req.on('error', (error) => (answer ? resolve(answer) : reject(error)));
    const chunk = Buffer.alloc(MB, 'a');
    let sent = 0;
    const pump = () => {
      while (sent < size) {
        const part = chunk.subarray(0, Math.min(MB, size - sent));
        sent += part.length;
        if (!req.write(part)) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

const uploads = () => project.events.filter((e) => e.kind === 'invoke' && e.function === 'upload').length;

describe('API Gateway: 10 MB requests', () => {
  it('answers 413 Request Entity Too Large to a 50 MB body, declared or streamed, without invoking the handler', async () => {
    for (const declare of [true, false]) {
      const r = await upload(50 * MB, declare);
      expect(r).toEqual({ status: 413, body: '{"message":"Request Entity Too Large"}' });
    }
    expect(uploads()).toBe(0);
  });

  it('passes a 9 MB body through', async () => {
    const r = await upload(9 * MB, true);
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toEqual({ length: 9 * MB });
  });
});

describe('Lambda: 6 MB synchronous responses', () => {
  it('fails an invocation returning more, as Lambda does, and the API answers 500', async () => {
    const r = await project.runtime.invoke('big', { pathParameters: { mb: '7' } });
    expect(!r.ok && r.error).toEqual({ errorType: 'Function.ResponseSizeTooLarge', errorMessage: 'Response payload size exceeded maximum allowed payload size (6291556 bytes).' });
    const api = await fetch(`${project.runtime.endpoints.apis.api}/big/20`);
    expect(api.status).toBe(500);
    expect(await api.json()).toEqual({ message: 'Internal Server Error' });
    expect((await fetch(`${project.runtime.endpoints.apis.api}/big/5`)).status).toBe(200);
  });
});

describe('256 KB messages, events and inputs', () => {
  const over = 'x'.repeat(262145);

  it('SQS: InvalidParameterValue for one message, BatchRequestTooLong for a batch', async () => {
    const sqs = new SQSClient(config());
    const QueueUrl = project.runtime.addresses.queueUrl('jobs');
    await expect(sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: over }))).rejects.toMatchObject({
      name: 'InvalidParameterValue',
      message: 'One or more parameters are invalid. Reason: Message must be shorter than 262144 bytes.',
    });
    const half = 'y'.repeat(140_000);
    await expect(sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries: [{ Id: 'a', MessageBody: half }, { Id: 'b', MessageBody: half }] }))).rejects.toMatchObject({ name: 'BatchRequestTooLong' });
    expect((await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x'.repeat(262144) }))).MessageId).toBeDefined();
    expect(project.runtime.queue('jobs')!.counts().visible).toBe(1);
  });

  it('SNS: InvalidParameter "Message too long"', async () => {
    const sns = new SNSClient(config());
    await expect(sns.send(new PublishCommand({ TopicArn: project.runtime.addresses.topicArn('news'), Message: over }))).rejects.toMatchObject({ name: 'InvalidParameterException', message: 'Invalid parameter: Message too long' });
  });

  it('EventBridge: ValidationException for entries over 256 KB together', async () => {
    const eb = new EventBridgeClient(config());
    const Detail = JSON.stringify({ pad: 'z'.repeat(140_000) });
    await expect(eb.send(new PutEventsCommand({ Entries: [{ Source: 's', DetailType: 't', Detail }, { Source: 's', DetailType: 't', Detail }] }))).rejects.toMatchObject({
      name: 'ValidationException',
      message: 'Total size of the entries in the request is over the limit.',
    });
  });

  it('Step Functions: ValidationException for an input over 256 KB', async () => {
    const sfn = new SFNClient(config());
    await expect(sfn.send(new StartExecutionCommand({ stateMachineArn: project.runtime.addresses.workflowArn('flow'), input: JSON.stringify({ pad: over }) }))).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining('Member must have length less than or equal to 262144'),
    });
  });
});

describe('malformed JSON to the AWS endpoints', () => {
  it('answers 400 SerializationException, not a 500 with a JavaScript parse message', async () => {
    for (const target of ['AmazonSQS.SendMessage', 'AWSEvents.PutEvents', 'AWSStepFunctions.StartExecution', 'DynamoDB_20120810.PutItem']) {
      const r = await fetch(project.runtime.endpoints.services, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-amz-json-1.0',
          'x-amz-target': target,
          authorization: 'AWS4-HMAC-SHA256 Credential=a/20250101/eu-west-1/sqs/aws4_request, SignedHeaders=host, Signature=0',
        },
        body: '{"QueueUrl": ',
      });
      expect(r.status).toBe(400);
      expect(((await r.json()) as { __type: string }).__type).toBe('com.amazon.coral.service#SerializationException');
    }
  });
});
