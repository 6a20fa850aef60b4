// eda invoke --remote through the SDK seam: the built CLI against a scripted endpoint that
// answers CloudFormation (the stack and its resources) and Lambda's Invoke with recorded
// responses (moto runs no function code without Docker).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { describeStacks, errorXml, stackResourcesXml, stackXml } from '../support/cfn-query.js';
import { eda, repoRoot, tempProject } from '../support/cli.js';
import { fakeAwsEnv, scriptedEndpoint, type Answer, type Endpoint } from '../support/endpoint.js';

const APP = `name: shop
stages:
  dev: {}
  qa: {}
queues:
  jobs: {}
functions:
  createOrder:
    triggers: [{ queue: jobs }]
`;

const PHYSICAL = 'shop-dev-CreateOrderFunction-1A2B3C';
const QUEUE_URL = 'https://sqs.us-east-1.amazonaws.com/123456789012/shop-dev-JobsQueue-9Z8Y';
const RID = '0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b';
const TAIL = `START RequestId: ${RID} Version: $LATEST
2026-01-01T00:00:00.100Z\t${RID}\tINFO\tcreated order 42
END RequestId: ${RID}
REPORT RequestId: ${RID}\tDuration: 12.34 ms\tBilled Duration: 13 ms\tMemory Size: 128 MB\tMax Memory Used: 70 MB\tInit Duration: 150.20 ms
`;

type Lambda = (body: string) => Answer;

let endpoint: Endpoint | undefined;
afterEach(async () => {
  await endpoint?.close();
  endpoint = undefined;
});

/** Runs `eda invoke <args>` against a stack shop-dev (shop-qa is not deployed); Lambda answers as `lambda` says. */
async function invoke(dir: string, args: string[], lambda: Lambda) {
  const invocations: { path: string; body: string; type: unknown; logType: unknown }[] = [];
  endpoint = await scriptedEndpoint((action, params, body, headers) => {
    if (action === 'DescribeStacks') {
      const stack = params.get('StackName');
      return stack === 'shop-dev' ? { status: 200, body: describeStacks(stackXml('shop-dev', 'UPDATE_COMPLETE')) } : { status: 400, body: errorXml('ValidationError', `Stack with id ${stack} does not exist`) };
    }
    if (action === 'ListStackResources') {
      return { status: 200, body: stackResourcesXml({ CreateOrderFunction: ['AWS::Lambda::Function', PHYSICAL], JobsQueue: ['AWS::SQS::Queue', QUEUE_URL] }) };
    }
    if (action.startsWith('POST /2015-03-31/functions/')) {
      invocations.push({ path: action, body, type: headers['x-amz-invocation-type'], logType: headers['x-amz-log-type'] });
      return lambda(body);
    }
    return { status: 400, body: errorXml('InvalidAction', action) };
  });
  const run = await eda(['invoke', ...args, '--cwd', dir, '--remote'], { env: fakeAwsEnv(endpoint.url) });
  return { run, invocations };
}

const ok = (payload: unknown, extra: Record<string, string> = {}): Answer => ({
  status: 200,
  contentType: 'application/json',
  body: JSON.stringify(payload),
  headers: { 'x-amz-executed-version': '$LATEST', 'x-amz-log-result': Buffer.from(TAIL).toString('base64'), 'x-amzn-requestid': RID, ...extra },
});

describe('eda invoke --remote', () => {
  let dir: string;
  beforeAll(() => {
    if (!existsSync(path.join(repoRoot, 'dist/main.js'))) throw new Error('dist/ is missing: run `npm run build` first (npm test does).');
    dir = tempProject({ 'app.yaml': APP, 'event.json': '{"orderId": "42"}' });
  });

  it('invokes the deployed function by its physical name and prints the result, the log tail and the duration', async () => {
    const { run, invocations } = await invoke(dir, ['createOrder', '--event', 'event.json'], () => ok({ statusCode: 201, body: '{"id":"42"}' }));
    expect(run.exitCode, run.stderr).toBe(0);
    expect(invocations).toHaveLength(1);
    expect(invocations[0]!.path).toBe(`POST /2015-03-31/functions/${PHYSICAL}/invocations`);
    expect(JSON.parse(invocations[0]!.body)).toEqual({ orderId: '42' });
    expect(invocations[0]).toMatchObject({ type: 'RequestResponse', logType: 'Tail' });
    expect(JSON.parse(run.stdout)).toEqual({ statusCode: 201, body: '{"id":"42"}' });
    expect(run.stderr).toContain('INFO\tcreated order 42');
    expect(run.stderr).toContain('✓ createOrder ran in 12.34 ms (billed 13 ms), cold start 150.2 ms, 70 of 128 MB');
    expect(run.stderr).toContain(RID);
  });

  it('--json has the result, request id, duration and logs in one object', async () => {
    const { run } = await invoke(dir, ['createOrder', '--json'], () => ok({ fine: true }));
    expect(run.exitCode, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out).toMatchObject({ function: 'createOrder', functionName: PHYSICAL, ok: true, statusCode: 200, requestId: RID, result: { fine: true }, durationMs: 12.34, billedMs: 13, initMs: 150.2 });
    expect(out.logs).toContain('created order 42');
  });

  it('a FunctionError prints the error payload and exits 1', async () => {
    const error = { errorType: 'Error', errorMessage: 'payment declined', stackTrace: ['Error: payment declined', '    at handler (/var/task/index.js:3:9)'] };
    const { run } = await invoke(dir, ['createOrder'], () => ok(error, { 'x-amz-function-error': 'Unhandled' }));
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('✗ createOrder failed (Unhandled) in 12.34 ms');
    expect(run.stderr).toContain('Error: payment declined');
    expect(run.stderr).toContain('at handler (/var/task/index.js:3:9)');
  });

  it('--async sends an Event invocation and prints the 202 and the request id', async () => {
    const { run, invocations } = await invoke(dir, ['createOrder', '--async'], () => ({ status: 202, body: '', headers: { 'x-amzn-requestid': RID } }));
    expect(run.exitCode, run.stderr).toBe(0);
    expect(invocations).toHaveLength(1);
    expect(invocations[0]).toMatchObject({ type: 'Event', logType: undefined });
    expect(run.stdout).toContain(`Accepted (202): Lambda queued the event for createOrder (${PHYSICAL}); request id ${RID}`);
  });

  it("--sample builds the event with the deployed stage's names (the queue's real ARN, region and account)", async () => {
    const { run, invocations } = await invoke(dir, ['createOrder', '--sample', 'queue'], () => ok(null));
    expect(run.exitCode, run.stderr).toBe(0);
    const record = JSON.parse(invocations[0]!.body).Records[0];
    expect(record.eventSourceARN).toBe('arn:aws:sqs:us-east-1:123456789012:shop-dev-JobsQueue-9Z8Y');
    expect(record.awsRegion).toBe('us-east-1');
    expect(record.eventSource).toBe('aws:sqs');
  });

  it('an unknown function is an error with the closest name, before AWS is asked', async () => {
    const { run } = await invoke(dir, ['createOrdr'], () => ok(null));
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain("'createOrdr' is not a function in app.yaml.");
    expect(run.stderr).toMatch(/did you mean 'createOrder'\?/);
    expect(endpoint!.requests).toEqual([]);
  });

  it('a stage that is not deployed says so, exit 1, and invokes nothing', async () => {
    const { run, invocations } = await invoke(dir, ['createOrder', '--stage', 'qa'], () => ok(null));
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('Stack shop-qa is not deployed in us-east-1.');
    expect(run.stderr).toContain('eda deploy --stage qa');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(invocations).toEqual([]);
  });

  it('--async without --remote is a usage error', async () => {
    const run = await eda(['invoke', 'createOrder', '--cwd', dir, '--async']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('--async invokes the deployed function: it needs --remote');
  });
});
