// The local Step Functions API as tools read it: GetExecutionHistory with AWS's event types,
// error causes naming the state's entry event, what DescribeExecution leaves out, the
// lambda:invoke result shape, and callback tasks with heartbeats.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeExecutionCommand, GetExecutionHistoryCommand, SendTaskHeartbeatCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/local/clock.js';
import { startLocal, type LocalRuntime } from '../../src/local/runtime.js';
import { makeApp, makeFunction, makeQueue, makeWorkflow } from './helpers.js';

let dir: string;
let rt: LocalRuntime;
const clock = new ManualClock(Date.parse('2026-03-01T10:00:00Z'));
let sfn: SFNClient;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'eda-sfn-'));
  mkdirSync(join(dir, 'src/handlers'), { recursive: true });
  writeFileSync(join(dir, 'src/handlers/price.ts'), 'export const handler = async (event: { n: number }) => ({ price: event.n * 2 });');
  const app = makeApp({
    functions: [makeFunction('price')],
    queues: [makeQueue('approvals')],
    buckets: [{ name: 'data', logicalId: 'DataBucket', encryption: 's3', versioning: false, eventBridge: false, lifecycle: [], abortIncompleteUploadsAfterDays: 7, path: [] }],
    workflows: [
      makeWorkflow('priced', {
        QueryLanguage: 'JSONata',
        StartAt: 'Price',
        States: {
          Price: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Arguments: { FunctionName: '${functions.price.arn}', Payload: '{% $states.input %}' }, Output: '{% $states.result.Payload %}', Next: 'Check' },
          Check: { Type: 'Choice', Choices: [{ Condition: '{% $states.input.price > 10 %}', Next: 'TooDear' }], Default: 'Done' },
          TooDear: { Type: 'Fail' },
          Done: { Type: 'Pass', Output: '{% $states.input.missing %}', End: true },
        },
      }),
      makeWorkflow('approval', {
        StartAt: 'Ask',
        States: {
          Ask: {
            Type: 'Task',
            Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
            HeartbeatSeconds: 60,
            Parameters: { QueueUrl: '${queues.approvals.url}', MessageBody: { 'token.$': '$$.Task.Token' } },
            End: true,
          },
        },
      }),
      makeWorkflow('fromCsv', {
        StartAt: 'Each',
        States: {
          Each: {
            Type: 'Map',
            ItemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'CSV', CSVHeaderLocation: 'FIRST_ROW', MaxItems: 2 }, Parameters: { Bucket: '${buckets.data.name}', 'Key.$': '$.key' } },
            ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, StartAt: 'Double', States: { Double: { Type: 'Pass', Parameters: { 'sku.$': '$.sku', 'qty.$': 'States.MathAdd(States.StringToJson($.qty), States.StringToJson($.qty))' }, End: true } } },
            End: true,
          },
        },
      }),
      makeWorkflow('listed', {
        QueryLanguage: 'JSONata',
        StartAt: 'Each',
        States: {
          Each: {
            Type: 'Map',
            ItemReader: { Resource: 'arn:aws:states:::s3:listObjectsV2', Arguments: { Bucket: '${buckets.data.name}', Prefix: 'in/' } },
            ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, StartAt: 'Key', States: { Key: { Type: 'Pass', Output: '{% $states.input.Key %}', End: true } } },
            ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Arguments: { Bucket: '${buckets.data.name}', Prefix: 'results' } },
            End: true,
          },
        },
      }),
      makeWorkflow('missing', { StartAt: 'Call', States: { Call: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'nope' }, End: true } } }),
      makeWorkflow('slow', { StartAt: 'W', TimeoutSeconds: 5, States: { W: { Type: 'Wait', Seconds: 60, End: true } } }),
    ],
  });
  rt = await startLocal({ app, cwd: dir, http: false, watch: false, triggers: false, port: 0, clock });
  sfn = new SFNClient({ endpoint: rt.endpoints.services, region: 'eu-west-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
}, 60_000);

afterAll(async () => {
  await rt?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function settle(arn: string) {
  for (let i = 0; i < 200; i++) {
    const d = await sfn.send(new DescribeExecutionCommand({ executionArn: arn }));
    if (d.status !== 'RUNNING') return d;
    await clock.advance(1000);
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error('the execution did not end');
}

describe('GetExecutionHistory', () => {
  it("records AWS's event types in order, each pointing at the one before", async () => {
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: rt.addresses.workflowArn('priced'), input: '{"n":3}' }));
    const d = await settle(executionArn!);
    expect(d.status).toBe('FAILED');
    const { events } = await sfn.send(new GetExecutionHistoryCommand({ executionArn }));
    expect(events!.map((e) => e.type)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSucceeded',
      'TaskStateExited',
      'ChoiceStateEntered',
      'ChoiceStateExited',
      'PassStateEntered',
      'ExecutionFailed',
    ]);
    expect(events!.map((e) => [e.id, e.previousEventId])).toEqual(events!.map((_, i) => [i + 1, i]));
    expect(events![2]!.taskScheduledEventDetails).toMatchObject({ resourceType: 'lambda', resource: 'invoke', region: 'eu-west-1' });
    const output = JSON.parse(events![4]!.taskSucceededEventDetails!.output!);
    expect(output.Payload).toEqual({ price: 6 });
    expect(output.StatusCode).toBe(200);
    expect(output.SdkHttpMetadata.HttpHeaders['Content-Type']).toBe('application/json');
    expect(output.SdkHttpMetadata.AllHttpHeaders['X-Amz-Executed-Version']).toEqual(['$LATEST']);
    expect(output.SdkResponseMetadata.RequestId).toBe(output.SdkHttpMetadata.HttpHeaders['x-amzn-RequestId']);
    // the Pass state was entered as event 9: AWS's cause names it
    expect(d.error).toBe('States.QueryEvaluationError');
    expect(d.cause).toBe("An error occurred while executing the state 'Done' (entered at the event id #9). The JSONata expression '$states.input.missing' specified for the field 'Output' returned nothing (undefined).");
  });

  it('reports neither error nor cause for a Fail state that names none', async () => {
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: rt.addresses.workflowArn('priced'), input: '{"n":30}' }));
    const d = await settle(executionArn!);
    expect(d.status).toBe('FAILED');
    expect(d.error).toBeUndefined();
    expect(d.cause).toBeUndefined();
    const { events } = await sfn.send(new GetExecutionHistoryCommand({ executionArn, reverseOrder: true, maxResults: 2 }));
    expect(events!.map((e) => e.type)).toEqual(['ExecutionFailed', 'FailStateEntered']);
  });

  it('pages, and leaves data out when asked', async () => {
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: rt.addresses.workflowArn('priced'), input: '{"n":1}' }));
    await settle(executionArn!);
    const first = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 4, includeExecutionData: false }));
    expect(first.events).toHaveLength(4);
    expect(first.events![0]!.executionStartedEventDetails!.input).toBeUndefined();
    const rest = await sfn.send(new GetExecutionHistoryCommand({ executionArn, nextToken: first.nextToken }));
    expect(rest.events![0]!.id).toBe(5);
  });

  it('shows no error or cause for a timed-out execution', async () => {
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: rt.addresses.workflowArn('slow') }));
    const d = await settle(executionArn!);
    expect(d.status).toBe('TIMED_OUT');
    expect([d.error, d.cause]).toEqual([undefined, undefined]);
    const { events } = await sfn.send(new GetExecutionHistoryCommand({ executionArn, reverseOrder: true, maxResults: 1 }));
    expect(events![0]!.type).toBe('ExecutionTimedOut');
  });
});

describe('service integration errors', () => {
  it('names a missing function by its full ARN, as AWS does', async () => {
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: rt.addresses.workflowArn('missing') }));
    const d = await settle(executionArn!);
    expect(d.error).toBe('Lambda.ResourceNotFoundException');
    expect(d.cause).toMatch(/^Function not found: arn:aws:lambda:eu-west-1:\d{12}:function:nope /);
  });
});

describe('distributed Map over S3', () => {
  const put = (key: string, body: string) => rt.buckets.put('data', key, Buffer.from(body), 'text/plain');
  it('reads CSV items (header row, MaxItems) from an object', async () => {
    put('orders.csv', 'sku,qty\nA-1,2\n"B,2",5\nC-3,7\n');
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: rt.addresses.workflowArn('fromCsv'), input: '{"key":"orders.csv"}' }));
    const d = await settle(executionArn!);
    expect(d.status).toBe('SUCCEEDED');
    expect(JSON.parse(d.output!)).toEqual([{ sku: 'A-1', qty: 4 }, { sku: 'B,2', qty: 10 }]);
  });

  it('lists objects under a prefix and writes the results with a manifest', async () => {
    put('in/a.json', '{}');
    put('in/b.json', '{}');
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: rt.addresses.workflowArn('listed'), input: '{}' }));
    const d = await settle(executionArn!);
    expect(d.status).toBe('SUCCEEDED');
    const out = JSON.parse(d.output!);
    expect(out.ResultWriterDetails.Key).toMatch(/^results\/[0-9a-f-]{36}\/manifest\.json$/);
    const manifest = JSON.parse(rt.buckets.get('data', out.ResultWriterDetails.Key)!.body.toString());
    const succeeded = JSON.parse(rt.buckets.get('data', manifest.ResultFiles.SUCCEEDED[0].Key)!.body.toString());
    expect(succeeded.map((e: { Output: string }) => JSON.parse(e.Output))).toEqual(['in/a.json', 'in/b.json']);
  });

  it('fails with States.ItemReaderFailed when the object is not what ReaderConfig says', async () => {
    put('broken.csv', 'sku,qty\nA-1,2,extra\n');
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: rt.addresses.workflowArn('fromCsv'), input: '{"key":"broken.csv"}' }));
    const d = await settle(executionArn!);
    expect(d.error).toBe('States.ItemReaderFailed');
  });
});

describe('callback tasks', () => {
  it('fail with States.HeartbeatTimeout when heartbeats stop, and live on while they come', async () => {
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: rt.addresses.workflowArn('approval'), input: '{}' }));
    await new Promise((r) => setTimeout(r, 50));
    const token = JSON.parse(rt.queue('approvals')!.receive(1)[0]!.body).token as string;
    await clock.advance(45_000);
    await sfn.send(new SendTaskHeartbeatCommand({ taskToken: token }));
    await clock.advance(45_000); // 90 s after the start, 45 s after the heartbeat
    expect((await sfn.send(new DescribeExecutionCommand({ executionArn }))).status).toBe('RUNNING');
    await clock.advance(16_000);
    const d = await settle(executionArn!);
    expect(d.status).toBe('FAILED');
    expect(d.error).toBe('States.HeartbeatTimeout');
  });
});
