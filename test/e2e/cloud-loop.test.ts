// eda logs and eda destroy --purge against moto. The stack is created directly with the
// logical IDs eda's synthesis gives the app below (CreateOrderLogGroup, OrdersTable...),
// so the commands read it exactly as they read a deployed app.
import { CloudFormationClient, CreateChangeSetCommand, DescribeStacksCommand, ExecuteChangeSetCommand } from '@aws-sdk/client-cloudformation';
import { CloudWatchLogsClient, CreateLogStreamCommand, PutLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeTableCommand, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eda, repoRoot, tempProject } from '../support/cli.js';
import { motoHarness } from '../support/moto.js';

const moto = motoHarness();
const config = () => ({ endpoint: moto.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });

const APP = `name: shop
stages:
  dev: {}
  prod:
    production: true
tables:
  orders:
    partitionKey: id
queues:
  jobs: {}
  shipments: {}
functions:
  createOrder:
    triggers: [{ queue: jobs }]
  shipOrder:
    triggers: [{ queue: shipments }]
`;

const TEMPLATE = {
  Resources: {
    CreateOrderLogGroup: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: '/aws/lambda/shop-dev-CreateOrder' } },
    ShipOrderLogGroup: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: '/aws/lambda/shop-dev-ShipOrder' } },
    OrdersTable: {
      Type: 'AWS::DynamoDB::Table',
      DeletionPolicy: 'Retain',
      Properties: { TableName: 'shop-dev-orders', BillingMode: 'PAY_PER_REQUEST', AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }] },
    },
    JobsQueue: { Type: 'AWS::SQS::Queue', DeletionPolicy: 'Retain', Properties: { QueueName: 'shop-dev-jobs' } },
  },
};

async function createStack(name: string): Promise<void> {
  const cfn = new CloudFormationClient(config());
  // Through a change set, as eda deploys (the moto wrapper patches that path).
  await cfn.send(new CreateChangeSetCommand({ StackName: name, ChangeSetName: 'c1', ChangeSetType: 'CREATE', TemplateBody: JSON.stringify(TEMPLATE) }));
  await cfn.send(new ExecuteChangeSetCommand({ StackName: name, ChangeSetName: 'c1' }));
  for (let i = 0; i < 100; i++) {
    const s = (await cfn.send(new DescribeStacksCommand({ StackName: name }))).Stacks?.[0];
    if (s?.StackStatus === 'CREATE_COMPLETE') return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('stack not created');
}

async function write(group: string, messages: [number, string][]): Promise<void> {
  const logs = new CloudWatchLogsClient(config());
  await logs.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: 's1' }));
  await logs.send(new PutLogEventsCommand({ logGroupName: group, logStreamName: 's1', logEvents: messages.map(([timestamp, message]) => ({ timestamp, message })) }));
}

describe.skipIf(moto.skip)('the cloud loop against moto', () => {
  let dir: string;
  const env = () => moto.env;
  let now = Date.now();

  beforeAll(async () => {
    if (!existsSync(path.join(repoRoot, 'dist/main.js'))) throw new Error('dist/ is missing: run `npm run build` first (npm test does).');
    await moto.start();
    now = Date.now();
    dir = tempProject({ 'app.yaml': APP });
    await createStack('shop-dev');
    await write('/aws/lambda/shop-dev-CreateOrder', [
      [now - 60_000, 'START RequestId: 11111111-2222-3333-4444-555555555555 Version: $LATEST'],
      [now - 40_000, `${new Date(now - 40_000).toISOString()}\t11111111-2222-3333-4444-555555555555\tINFO\tcreated order 42`],
      [now - 20_000, JSON.stringify({ timestamp: new Date(now - 20_000).toISOString(), level: 'ERROR', requestId: 'aaaaaaaa-2222-3333-4444-555555555555', message: 'payment declined' })],
    ]);
    await write('/aws/lambda/shop-dev-ShipOrder', [
      [now - 30 * 60_000, 'shipping 42'],
      [now - 30_000, 'shipped 42'],
    ]);
  }, 90_000);

  afterAll(async () => {
    await moto.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('eda logs interleaves both functions by time, each line named, Lambda lines readable', async () => {
    const run = await eda(['logs', '--cwd', dir, '--since', '1h'], { env: env() });
    expect(run.exitCode, run.stderr).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines.map((l) => l.replace(/^[\d:.]+ /, '').replace(/\s+/g, ' '))).toEqual([
      'shipOrder shipping 42',
      'createOrder START Version: $LATEST 11111111',
      'createOrder INFO created order 42 11111111',
      'shipOrder shipped 42',
      'createOrder ERROR payment declined aaaaaaaa',
    ]);
  }, 60_000);

  it('eda logs <function> --filter reads that function only, filtered; --json gives one object per event', async () => {
    const run = await eda(['logs', 'createOrder', '--cwd', dir, '--filter', 'order', '--json'], { env: env() });
    expect(run.exitCode, run.stderr).toBe(0);
    const events = run.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(events).toEqual([
      expect.objectContaining({ function: 'createOrder', level: 'INFO', message: 'created order 42', requestId: '11111111-2222-3333-4444-555555555555', logGroup: '/aws/lambda/shop-dev-CreateOrder' }),
    ]);
    expect(events[0].time).toBe(new Date(now - 40_000).toISOString());
  }, 60_000);

  it('eda logs --since leaves out older events', async () => {
    // shipping 42 is 30 minutes old, shipped 42 30 seconds: a slow machine cannot blur the line.
    const run = await eda(['logs', 'shipOrder', '--cwd', dir, '--since', '10m'], { env: env() });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toContain('shipped 42');
    expect(run.stdout).not.toContain('shipping 42');
  }, 60_000);

  it('an unknown function name is an error with a did-you-mean', async () => {
    const run = await eda(['logs', 'createOrdr', '--cwd', dir], { env: env() });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain("'createOrdr' is not a function");
    expect(run.stderr).toContain("did you mean 'createOrder'?");
    expect(run.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);

  it('destroy --purge is refused for a production stage', async () => {
    const run = await eda(['destroy', '--cwd', dir, '--stage', 'prod', '--purge', '--yes'], { env: env() });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain("Refusing to purge shop-prod: stage 'prod' is marked production: true");
  }, 60_000);

  it('destroy --purge deletes the stack, then the table and queue it retained, listing each', async () => {
    const run = await eda(['destroy', '--cwd', dir, '--purge', '--yes'], { env: env() });
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/deleted OrdersTable AWS::DynamoDB::Table shop-dev-orders/);
    expect(run.stdout).toMatch(/deleted JobsQueue AWS::SQS::Queue \S+shop-dev-jobs/);
    const tables = (await new DynamoDBClient(config()).send(new ListTablesCommand({}))).TableNames ?? [];
    expect(tables).not.toContain('shop-dev-orders');
    await expect(new DynamoDBClient(config()).send(new DescribeTableCommand({ TableName: 'shop-dev-orders' }))).rejects.toThrow();
    const queues = (await new SQSClient(config()).send(new ListQueuesCommand({}))).QueueUrls ?? [];
    expect(queues.filter((q) => q.endsWith('shop-dev-jobs'))).toEqual([]);
  }, 60_000);
});
