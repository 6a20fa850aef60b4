// End to end: `eda deploy` of examples/order-pipeline against a local AWS emulator
// (moto_server with the SAM transform, see test/support/moto_sam.py), asserted with the
// AWS SDK. moto lacks HTTP APIs, SNS subscriptions, queue policies and CloudWatch alarms
// (the wrapper drops those from what moto sees); everything else is checked.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CloudFormationClient, DescribeStacksCommand, ListChangeSetsCommand, ListStackResourcesCommand, UpdateStackCommand } from '@aws-sdk/client-cloudformation';
import { DynamoDBClient, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, DescribeEventBusCommand, ListRulesCommand, ListTargetsByRuleCommand } from '@aws-sdk/client-eventbridge';
import { GetFunctionCommand, LambdaClient, ListEventSourceMappingsCommand, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { DeleteBucketCommand, DeleteObjectsCommand, GetObjectCommand, HeadBucketCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { DescribeStateMachineCommand, ListStateMachinesCommand, SFNClient } from '@aws-sdk/client-sfn';
import { GetQueueAttributesCommand, GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrapTemplate } from '../../src/deploy/bootstrap.js';
import { dyingProxy } from '../support/endpoint.js';
import { freePort, motoHarness } from '../support/moto.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = path.join(root, 'bin/eda.js');
const example = path.join(root, 'examples/order-pipeline');
const STACK = 'shop-dev';
const moto = motoHarness();

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

function eda(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const started = performance.now();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { env: { ...process.env, ...moto.env, NO_COLOR: '1', ...env }, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof (error as { code?: unknown }).code === 'number' ? ((error as { code: number }).code) : 1) : 0;
        resolve({ code, stdout, stderr, ms: performance.now() - started });
      },
    );
  });
}

const clientConfig = () => ({
  endpoint: moto.endpoint,
  region: 'us-east-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
});

describe.skipIf(moto.skip)('eda deploy against a local emulator (moto)', () => {
  let dir: string;
  let cfn: CloudFormationClient;

  beforeAll(async () => {
    if (!existsSync(path.join(root, 'dist/main.js'))) throw new Error('dist/ is missing: run `npm run build` first (npm test does).');
    await moto.start();
    dir = mkdtempSync(path.join(tmpdir(), 'eda-e2e-deploy-'));
    cpSync(example, dir, { recursive: true, filter: (src) => !src.includes('node_modules') });
    cfn = new CloudFormationClient(clientConfig());
  });

  afterAll(async () => {
    await moto.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const resources = async () => {
    const out = await cfn.send(new ListStackResourcesCommand({ StackName: STACK }));
    return new Map((out.StackResourceSummaries ?? []).map((r) => [r.LogicalResourceId!, r.PhysicalResourceId!]));
  };
  const changeSetCount = async () => (await cfn.send(new ListChangeSetsCommand({ StackName: STACK }))).Summaries?.length ?? 0;

  it('deploys the example app: bootstrap bucket, uploaded code, and every resource moto models', async () => {
    const run = await eda(['deploy', '--cwd', dir, '--yes']);
    expect(run.stderr).toBe('');
    expect(run.code, run.stdout + moto.log().slice(-3000)).toBe(0);
    expect(run.stdout).toMatch(/Setting up the artifacts bucket \(stack eda-bootstrap in us-east-1\)/);
    expect(run.stdout).toMatch(/New stack \(change set eda-/);
    expect(run.stdout).toMatch(/IAM: \d+ changes widen permissions/);
    expect(run.stdout).toMatch(/✓ Deployed shop-dev \(CREATE_COMPLETE, /);
    expect(run.stdout).toMatch(/OrdersTableName\s+shop-dev-OrdersTable-/);

    const ids = await resources();
    // Functions, with their code from the artifacts bucket and their environment.
    const lambda = new LambdaClient(clientConfig());
    const fns = (await lambda.send(new ListFunctionsCommand({}))).Functions ?? [];
    expect(fns.filter((f) => f.FunctionName?.startsWith('shop-dev-')).length).toBe(8);
    const create = await lambda.send(new GetFunctionCommand({ FunctionName: ids.get('CreateOrderFunction')! }));
    expect(create.Configuration?.Handler).toBe('createOrder.handler');
    expect(create.Configuration?.Runtime).toBe('nodejs24.x');
    const vars = create.Configuration?.Environment?.Variables ?? {};
    expect(vars.ORDERS_TABLE_NAME).toBe(ids.get('OrdersTable'));
    expect(vars.NODE_OPTIONS).toBe('--enable-source-maps');

    const s3 = new S3Client({ ...clientConfig(), forcePathStyle: true });
    const boot = await cfn.send(new DescribeStacksCommand({ StackName: 'eda-bootstrap' }));
    const bucket = boot.Stacks?.[0]?.Outputs?.find((o) => o.OutputKey === 'BucketName')?.OutputValue;
    expect(bucket).toBeTruthy();
    const keys = ((await s3.send(new ListObjectsV2Command({ Bucket: bucket }))).Contents ?? []).map((o) => o.Key!);
    expect(keys.filter((k) => /^assets\/[0-9a-f]{64}\.zip$/.test(k)).length).toBe(8);
    // The function's code is one of the uploaded zips, byte for byte.
    const shas = await Promise.all(
      keys.map(async (Key) => {
        const body = await (await s3.send(new GetObjectCommand({ Bucket: bucket, Key }))).Body!.transformToByteArray();
        return { Key, sha: createHash('sha256').update(body).digest('base64'), body };
      }),
    );
    const code = shas.find((s) => s.sha === create.Configuration?.CodeSha256);
    expect(code, 'CreateOrderFunction code matches an uploaded asset').toBeDefined();
    expect(Buffer.from(code!.body).includes(Buffer.from('createOrder.mjs'))).toBe(true);
    expect(Buffer.from(code!.body).includes(Buffer.from('createOrder.mjs.map'))).toBe(true);

    // Event source mappings: queue -> function.
    const mappings = (await lambda.send(new ListEventSourceMappingsCommand({}))).EventSourceMappings ?? [];
    const sqs = new SQSClient(clientConfig());
    const queueArn = async (logicalId: string) =>
      (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: ids.get(logicalId)!, AttributeNames: ['QueueArn'] }))).Attributes!.QueueArn!;
    const paymentsArn = await queueArn('PaymentsQueue');
    const settle = mappings.find((m) => m.EventSourceArn === paymentsArn);
    expect(settle?.FunctionArn).toContain(ids.get('SettlePaymentFunction'));
    expect(settle?.BatchSize).toBe(5);
    const auditArn = await queueArn('AuditQueue');
    expect(mappings.find((m) => m.EventSourceArn === auditArn)?.FunctionArn).toContain(ids.get('RecordAuditFunction'));

    // Queues: redrive to the DLQ.
    const redrive = JSON.parse(
      (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: ids.get('PaymentsQueue')!, AttributeNames: ['RedrivePolicy'] }))).Attributes!.RedrivePolicy!,
    );
    expect(redrive.deadLetterTargetArn).toBe(await queueArn('PaymentsDlq'));
    expect(Number(redrive.maxReceiveCount)).toBe(3);

    // Table: keys and the index.
    const table = (await new DynamoDBClient(clientConfig()).send(new DescribeTableCommand({ TableName: ids.get('OrdersTable')! }))).Table!;
    expect(table.KeySchema).toEqual([{ AttributeName: 'id', KeyType: 'HASH' }]);
    const gsi = table.GlobalSecondaryIndexes?.find((i) => i.IndexName === 'byCustomer');
    expect(gsi?.KeySchema).toEqual([
      { AttributeName: 'customerId', KeyType: 'HASH' },
      { AttributeName: 'createdAt', KeyType: 'RANGE' },
    ]);

    // Bus and rules.
    const events = new EventBridgeClient(clientConfig());
    expect((await events.send(new DescribeEventBusCommand({ Name: 'shop-dev-orders' }))).Name).toBe('shop-dev-orders');
    const busRules = (await events.send(new ListRulesCommand({ EventBusName: 'shop-dev-orders' }))).Rules ?? [];
    const placed = busRules.find((r) => r.Name === ids.get('OrderPlacedRule') || r.Arn === ids.get('OrderPlacedRule'));
    expect(placed, JSON.stringify(busRules)).toBeDefined();
    expect(JSON.parse(placed!.EventPattern!)).toEqual({ source: ['shop.orders'], 'detail-type': ['OrderPlaced'] });
    const defaultRules = (await events.send(new ListRulesCommand({}))).Rules ?? [];
    const cleanup = defaultRules.find((r) => r.ScheduleExpression === 'cron(0 3 * * ? *)');
    expect(cleanup).toBeDefined();
    const targets = (await events.send(new ListTargetsByRuleCommand({ Rule: cleanup!.Name! }))).Targets ?? [];
    expect(targets[0]?.Arn).toContain(ids.get('CleanupFunction'));

    // State machine, with the function ARNs in its definition.
    const sfn = new SFNClient(clientConfig());
    const machines = (await sfn.send(new ListStateMachinesCommand({}))).stateMachines ?? [];
    expect(machines.length).toBe(1);
    const definition = JSON.parse((await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: machines[0]!.stateMachineArn! }))).definition!);
    const arnOf = (logicalId: string) => fns.find((f) => f.FunctionName === ids.get(logicalId))!.FunctionArn!;
    expect(definition.States.ValidateOrder.Resource).toBe(arnOf('ValidateOrderFunction'));
    expect(definition.States.ProcessPayment.Resource).toBe(arnOf('ProcessPaymentFunction'));
    expect(definition.States.ShipOrder.Resource).toBe(arnOf('ShipOrderFunction'));
  });

  it('reports outputs and status', async () => {
    const outputs = await eda(['outputs', '--cwd', dir, '--json']);
    expect(outputs.code).toBe(0);
    const ids = await resources();
    expect(JSON.parse(outputs.stdout)).toEqual({ OrdersTableName: ids.get('OrdersTable'), OrdersBusName: 'shop-dev-orders', AlertsTopicArn: ids.get('MonitoringAlertsTopic') });
    expect(ids.get('MonitoringAlertsTopic')).toMatch(/^arn:aws:sns:us-east-1:\d+:shop-dev-MonitoringAlertsTopic-/);
    const status = await eda(['status', '--cwd', dir]);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/^shop-dev {2}CREATE_COMPLETE/);
    const boot = await eda(['bootstrap']);
    expect(boot.code).toBe(0);
    expect(boot.stdout).toMatch(/Already bootstrapped: artifacts bucket eda-bootstrap-/);
  });

  it('skips an unchanged redeploy without creating a change set', async () => {
    const before = await changeSetCount();
    const run = await eda(['deploy', '--cwd', dir, '--yes']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/✓ No changes: shop-dev is up to date/);
    expect(run.stdout).not.toMatch(/change set/);
    expect(await changeSetCount()).toBe(before);
    const diff = await eda(['diff', '--cwd', dir, '--fail']);
    expect(diff.code).toBe(0);
    expect(diff.stdout).toMatch(/No differences/);
  });

  it('refuses to deploy a change without a TTY and without --yes (exit 2), leaving no change set', async () => {
    const app = path.join(dir, 'app.yaml');
    const text = readFileSync(app, 'utf8');
    expect(text).toContain('    dlq: { maxReceives: 3 }');
    writeFileSync(app, text.replace('    dlq: { maxReceives: 3 }', '    visibilityTimeout: 45\n    dlq: { maxReceives: 3 }'));
    const before = await changeSetCount();
    const run = await eda(['deploy', '--cwd', dir]);
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/~ Modify\s+PaymentsQueue/);
    expect(run.stderr).toMatch(/^error Refusing to deploy shop-dev without confirmation: there is no terminal to ask in\.\nhint {2}Pass --yes/);
    expect(await changeSetCount()).toBe(before);
    expect((await cfn.send(new DescribeStacksCommand({ StackName: STACK }))).Stacks![0]!.StackStatus).toBe('CREATE_COMPLETE');
  });

  it('status lists a change set nobody executed, with the command that discards it (which works)', async () => {
    const plan = await eda(['deploy', '--cwd', dir, '--no-execute']);
    expect(plan.code, plan.stderr).toBe(0);
    const name = /Change set (eda-\S+) created and not executed/.exec(plan.stdout)![1]!;
    const status = await eda(['status', '--cwd', dir]);
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toMatch(new RegExp(`^shop-dev {2}CREATE_COMPLETE`));
    expect(status.stdout).toContain(`  Pending change set ${name} (CREATE_COMPLETE, not executed, created `);
    const discard = `aws cloudformation delete-change-set --stack-name shop-dev --change-set-name ${name} --region us-east-1`;
    expect(status.stdout).toContain(`    Discard it with: ${discard}\n`);
    const json = JSON.parse((await eda(['status', '--cwd', dir, '--json'])).stdout);
    expect(json.changeSets).toEqual([expect.objectContaining({ name, status: 'CREATE_COMPLETE', executionStatus: 'AVAILABLE', discard })]);
    // The command does what it says.
    const aws = await new Promise<number>((resolve) =>
      execFile('aws', discard.split(' ').slice(1), { env: { ...process.env, ...moto.env } }, (error) => resolve(error ? 1 : 0)),
    );
    expect(aws).toBe(0);
    const after = JSON.parse((await eda(['status', '--cwd', dir, '--json'])).stdout);
    expect(after.changeSets).toEqual([]);
  });

  it('when the endpoint dies after the change set was created: one sentence, status shows what was left, the next deploy cleans it up', async () => {
    const proxy = await dyingProxy(moto.endpoint, (action) => action === 'CreateChangeSet');
    try {
      // Long enough for moto to create the change set on a busy machine; the describe after it hangs.
      const cut = await eda(['deploy', '--cwd', dir, '--stage', 'cut', '--yes'], { AWS_ENDPOINT_URL: proxy.url, EDA_AWS_TIMEOUT_MS: '4000' });
      expect(proxy.dead()).toBe(true);
      expect(cut.code).toBe(1);
      // (After app.yaml's warning that it does not declare the stage.)
      expect(cut.stderr).toMatch(new RegExp(`\\nerror ${proxy.url.replace(/\./g, '\\.')} did not answer within (4000 ms|4 s) when asked to describe change set \\S+\\.\nhint  .*EDA_AWS_TIMEOUT_MS.*\n$`));
    } finally {
      await proxy.close();
    }
    expect((await cfn.send(new DescribeStacksCommand({ StackName: 'shop-cut' }))).Stacks![0]!.StackStatus).toBe('REVIEW_IN_PROGRESS');
    const status = await eda(['status', '--cwd', dir, '--stage', 'cut']);
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toMatch(/^shop-cut {2}REVIEW_IN_PROGRESS/);
    expect(status.stdout).toMatch(/\n {2}Pending change set eda-\S+ \(CREATE_COMPLETE, not executed, created [^)]+\)\n/);
    expect(status.stdout).toContain(`    Discard it with: eda destroy --stage cut --cwd ${dir} (the next eda deploy also replaces it)\n`);

    const run = await eda(['deploy', '--cwd', dir, '--stage', 'cut', '--yes']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Stack shop-cut is in REVIEW_IN_PROGRESS .* deleting it and creating it again\./);
    const json = JSON.parse((await eda(['status', '--cwd', dir, '--stage', 'cut', '--json'])).stdout);
    expect(json).toMatchObject({ status: 'CREATE_COMPLETE', changeSets: [] });
    expect((await eda(['destroy', '--cwd', dir, '--stage', 'cut', '--yes'])).code).toBe(0);
  });

  it('diffs and deploys a change to app.yaml: the change set names exactly that change', async () => {
    const diff = await eda(['diff', '--cwd', dir, '--fail', '--json']);
    expect(diff.code).toBe(1);
    const d = JSON.parse(diff.stdout);
    expect(d.resources).toEqual([{ action: 'Modify', logicalId: 'PaymentsQueue', type: 'AWS::SQS::Queue', paths: ['Properties.VisibilityTimeout'] }]);
    expect(d.iam.added).toEqual([]);

    const run = await eda(['deploy', '--cwd', dir, '--yes', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.status).toBe('deployed');
    expect(result.changes.map((c: { action: string; logicalId: string }) => `${c.action} ${c.logicalId}`)).toEqual(['Modify PaymentsQueue']);
    const ids = await resources();
    const sqs = new SQSClient(clientConfig());
    const attrs = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: ids.get('PaymentsQueue')!, AttributeNames: ['VisibilityTimeout'] }))).Attributes!;
    expect(attrs.VisibilityTimeout).toBe('45');
  });

  it('deploys a handler change as a change to that one function', async () => {
    const handler = path.join(dir, 'src/handlers/getOrder.ts');
    writeFileSync(handler, `${readFileSync(handler, 'utf8')}\nexport const version = 'e2e-${Date.now()}';\n`);
    const run = await eda(['deploy', '--cwd', dir, '--yes', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.changes.map((c: { action: string; logicalId: string }) => `${c.action} ${c.logicalId}`)).toEqual(['Modify GetOrderFunction']);
  });

  const bootstrapBucket = async () =>
    (await cfn.send(new DescribeStacksCommand({ StackName: 'eda-bootstrap' }))).Stacks![0]!.Outputs?.find((o) => o.OutputKey === 'BucketName')?.OutputValue;

  it('a deleted artifacts bucket: deploy says to run eda bootstrap, which repairs it, and deploy works again', async () => {
    const s3 = new S3Client({ ...clientConfig(), forcePathStyle: true });
    const old = (await bootstrapBucket())!;
    const objects = (await s3.send(new ListObjectsV2Command({ Bucket: old }))).Contents ?? [];
    await s3.send(new DeleteObjectsCommand({ Bucket: old, Delete: { Objects: objects.map((o) => ({ Key: o.Key! })) } }));
    await s3.send(new DeleteBucketCommand({ Bucket: old }));
    const handler = path.join(dir, 'src/handlers/getOrder.ts');
    writeFileSync(handler, `${readFileSync(handler, 'utf8')}\nexport const bucketGone = true;\n`);

    const refused = await eda(['deploy', '--cwd', dir, '--yes']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(`error The artifacts bucket ${old} does not exist (it was deleted outside eda).\nhint  Run \`eda bootstrap\` to repair it, then deploy again.\n`);

    const boot = await eda(['bootstrap']);
    expect(boot.code, boot.stderr).toBe(0);
    expect(boot.stdout).toContain(`Repairing stack eda-bootstrap: its bucket ${old} did not exist. Deleting it and creating it again, with a new bucket.`);
    const fresh = (await bootstrapBucket())!;
    expect(fresh).not.toBe(old);
    expect(boot.stdout).toContain(`✓ Repaired stack eda-bootstrap (its bucket ${old} did not exist): artifacts bucket ${fresh} (`);
    await s3.send(new HeadBucketCommand({ Bucket: fresh }));

    const run = await eda(['deploy', '--cwd', dir, '--yes', '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).status).toBe('deployed');
    const keys = ((await s3.send(new ListObjectsV2Command({ Bucket: fresh }))).Contents ?? []).map((o) => o.Key!);
    expect(keys.filter((k) => k.startsWith('assets/')).length).toBe(8);
    expect((await eda(['bootstrap'])).stdout).toMatch(new RegExp(`✓ Already bootstrapped: artifacts bucket ${fresh} `));
  });

  it('a bootstrap stack without its BucketName output: eda bootstrap repairs it, and deploy works', async () => {
    const { Outputs: _outputs, ...withoutOutputs } = bootstrapTemplate();
    await cfn.send(new UpdateStackCommand({ StackName: 'eda-bootstrap', TemplateBody: JSON.stringify(withoutOutputs) }));
    expect(await bootstrapBucket()).toBeUndefined();

    const boot = await eda(['bootstrap', '--json']);
    expect(boot.code, boot.stderr).toBe(0);
    // (moto shows no change for an outputs-only update, so eda ends up creating the stack again.)
    expect(boot.stderr).toMatch(/^ {2}Repairing stack eda-bootstrap: it had no BucketName output\. (Updating it|Deleting it and creating it again, with a new bucket)\.$/m);
    const bucket = (await bootstrapBucket())!;
    expect(JSON.parse(boot.stdout)).toEqual({ stack: 'eda-bootstrap', region: 'us-east-1', status: 'repaired', bucket, repaired: 'it had no BucketName output' });
    await new S3Client({ ...clientConfig(), forcePathStyle: true }).send(new HeadBucketCommand({ Bucket: bucket }));
    const run = await eda(['deploy', '--cwd', dir, '--yes', '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(['deployed', 'no-changes']).toContain(JSON.parse(run.stdout).status);
  });

  it('--no-execute keeps the change set; the next deploy deletes that never-executed stack and creates it again, saying so', async () => {
    const plan = await eda(['deploy', '--cwd', dir, '--stage', 'pr1', '--no-execute']);
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toMatch(/Change set eda-\S+ created and not executed \(--no-execute\)/);
    expect((await cfn.send(new DescribeStacksCommand({ StackName: 'shop-pr1' }))).Stacks![0]!.StackStatus).toBe('REVIEW_IN_PROGRESS');
    // (moto lists every stack's change sets here, so filter by stack.)
    const sets = (await cfn.send(new ListChangeSetsCommand({ StackName: 'shop-pr1' }))).Summaries ?? [];
    expect(sets.filter((c) => c.StackName === 'shop-pr1')).toHaveLength(1);

    const run = await eda(['deploy', '--cwd', dir, '--stage', 'pr1', '--yes']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Stack shop-pr1 is in REVIEW_IN_PROGRESS \(created by a change set that was never executed\), so it holds nothing: deleting it and creating it again\./);
    expect(run.stdout).toMatch(/✓ Deployed shop-pr1 \(CREATE_COMPLETE/);
    const destroy = await eda(['destroy', '--cwd', dir, '--stage', 'pr1', '--yes']);
    expect(destroy.code, destroy.stderr).toBe(0);
  });

  it('sends a template over 51,200 bytes through the artifacts bucket (TemplateURL)', async () => {
    const big = mkdtempSync(path.join(tmpdir(), 'eda-e2e-big-'));
    try {
      const queues = Array.from({ length: 60 }, (_, i) => `q${i}`);
      writeFileSync(
        path.join(big, 'app.yaml'),
        [
          'name: big',
          'runtime: nodejs22.x',
          'functions:',
          '  worker:',
          '    uses:',
          ...queues.map((q) => `      - queue: ${q}`),
          'queues:',
          ...queues.map((q) => `  ${q}: { dlq: { maxReceives: 3 } }`),
          '',
        ].join('\n'),
      );
      cpSync(path.join(root, 'test/deploy/fixtures/basic/src'), path.join(big, 'src'), { recursive: true });
      const run = await eda(['deploy', '--cwd', big, '--yes', '--json']);
      expect(run.code, run.stderr).toBe(0);
      expect(JSON.parse(run.stdout).status).toBe('deployed');
      const s3 = new S3Client({ ...clientConfig(), forcePathStyle: true });
      const boot = await cfn.send(new DescribeStacksCommand({ StackName: 'eda-bootstrap' }));
      const bucket = boot.Stacks![0]!.Outputs!.find((o) => o.OutputKey === 'BucketName')!.OutputValue!;
      const keys = ((await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'templates/' }))).Contents ?? []).map((o) => o.Key!);
      expect(keys).toEqual([expect.stringMatching(/^templates\/big-dev-[0-9a-f]{16}\.json$/)]);
      const body = await (await s3.send(new GetObjectCommand({ Bucket: bucket, Key: keys[0] }))).Body!.transformToString();
      expect(Buffer.byteLength(body)).toBeGreaterThan(51_200);
      const again = await eda(['deploy', '--cwd', big, '--yes']);
      expect(again.stdout).toMatch(/No changes: big-dev is up to date/);
      expect((await eda(['destroy', '--cwd', big, '--yes'])).code).toBe(0);
    } finally {
      rmSync(big, { recursive: true, force: true });
    }
  });

  it('fails fast with one sentence when the endpoint is unreachable', async () => {
    const port = await freePort();
    const run = await eda(['deploy', '--cwd', dir, '--yes'], { AWS_ENDPOINT_URL: `http://127.0.0.1:${port}` });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`^error Cannot reach http://127\\.0\\.0\\.1:${port} to describe stack eda-bootstrap: the connection was refused\\.\\n`));
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.ms).toBeLessThan(60_000);
  });

  it('destroys the stack after --yes and lists what was kept', async () => {
    const ids = await resources();
    const run = await eda(['destroy', '--cwd', dir, '--yes']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/✓ Destroyed shop-dev/);
    expect(run.stdout).toMatch(/OrdersTable\s+AWS::DynamoDB::Table\s+shop-dev-OrdersTable-\S+\s+DeletionPolicy Retain/);
    expect(run.stdout).toMatch(/PaymentsDlq\s+AWS::SQS::Queue/);
    await expect(cfn.send(new DescribeStacksCommand({ StackName: STACK }))).rejects.toThrow(/does not exist/);
    // Retained: the table is still there.
    const table = await new DynamoDBClient(clientConfig()).send(new DescribeTableCommand({ TableName: ids.get('OrdersTable')! }));
    expect(table.Table?.TableName).toBe(ids.get('OrdersTable'));
    const sqs = new SQSClient(clientConfig());
    await expect(sqs.send(new GetQueueUrlCommand({ QueueName: ids.get('PaymentsQueue')!.split('/').pop()! }))).rejects.toThrow();
    const again = await eda(['destroy', '--cwd', dir, '--yes']);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/not deployed in us-east-1: nothing to destroy/);
  });
});
