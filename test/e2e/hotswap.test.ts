// eda deploy --hotswap and eda watch against moto: code and workflow definitions change
// directly (no change set, no stack update); anything else falls back to a change set;
// production stages refuse; a later full deploy puts hot-swapped code back in line.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CloudFormationClient, DescribeStackEventsCommand, DescribeStacksCommand, ListChangeSetsCommand, ListStackResourcesCommand } from '@aws-sdk/client-cloudformation';
import { CloudWatchLogsClient, CreateLogStreamCommand, PutLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { GetFunctionConfigurationCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { DescribeStateMachineCommand, SFNClient } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bin, eda, repoRoot, tempProject } from '../support/cli.js';
import { motoHarness } from '../support/moto.js';

const moto = motoHarness();
const config = () => ({ endpoint: moto.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });

const APP = `name: hot
runtime: nodejs22.x
stages:
  dev: {}
  prod:
    production: true
functions:
  greet: {}
  shout: {}
workflows:
  flow:
    definition:
      Comment: v1
      StartAt: Greet
      States:
        Greet:
          Type: Task
          Resource: greet
          Retry:
            - ErrorEquals: [Lambda.ServiceException, Lambda.AWSLambdaException, Lambda.SdkClientException, Lambda.TooManyRequestsException]
              IntervalSeconds: 1
              MaxAttempts: 3
              BackoffRate: 2
              JitterStrategy: FULL
          End: true
`;

const handler = (message: string) => `export const handler = async () => ({ message: ${JSON.stringify(message)} });\n`;

describe.skipIf(moto.skip)('hot-swap deploys against moto', () => {
  let dir: string;
  const run = (args: string[]) => eda([...args, '--cwd', dir], { env: moto.env });
  const cfn = () => new CloudFormationClient(config());
  const stack = async () => (await cfn().send(new DescribeStacksCommand({ StackName: 'hot-dev' }))).Stacks![0]!;
  const changeSets = async () => ((await cfn().send(new ListChangeSetsCommand({ StackName: 'hot-dev' }))).Summaries ?? []).filter((c) => c.StackName === 'hot-dev').length;
  const events = async () => (await cfn().send(new DescribeStackEventsCommand({ StackName: 'hot-dev' }))).StackEvents?.length ?? 0;
  const physical = async (logicalId: string) =>
    (await cfn().send(new ListStackResourcesCommand({ StackName: 'hot-dev' }))).StackResourceSummaries!.find((r) => r.LogicalResourceId === logicalId)!.PhysicalResourceId!;
  const fnConfig = async (logicalId: string) => new LambdaClient(config()).send(new GetFunctionConfigurationCommand({ FunctionName: await physical(logicalId) }));
  const definition = async () => JSON.parse((await new SFNClient(config()).send(new DescribeStateMachineCommand({ stateMachineArn: await physical('FlowStateMachine') }))).definition!);
  const edit = (file: string, text: string) => writeFileSync(path.join(dir, file), text);

  beforeAll(async () => {
    if (!existsSync(path.join(repoRoot, 'dist/main.js'))) throw new Error('dist/ is missing: run `npm run build` first (npm test does).');
    await moto.start();
    dir = tempProject({ 'app.yaml': APP, 'src/handlers/greet.ts': handler('hello v1'), 'src/handlers/shout.ts': handler('HEY v1') });
    const first = await run(['deploy', '--yes']);
    expect(first.exitCode, first.stderr).toBe(0);
  }, 120_000);

  afterAll(async () => {
    await moto.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('a handler edit is hot-swapped: new code, no change set, no stack update', async () => {
    const before = { sha: (await fnConfig('GreetFunction')).CodeSha256, shout: (await fnConfig('ShoutFunction')).CodeSha256, stack: await stack(), changeSets: await changeSets(), events: await events() };
    edit('src/handlers/greet.ts', handler('hello v2'));
    const r = await run(['deploy', '--hotswap']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/updated the code of greet \(hot-dev-GreetFunction-/);
    expect(r.stdout).toMatch(/✓ hot-swapped 1 function; the stack now differs from its template until the next full deploy/);
    expect(r.stdout).not.toMatch(/change set/i);
    expect((await fnConfig('GreetFunction')).CodeSha256).not.toBe(before.sha);
    expect((await fnConfig('ShoutFunction')).CodeSha256).toBe(before.shout);
    const after = await stack();
    // Not updated: still as created (moto does not set LastUpdatedTime; an update would also move the status).
    expect(before.stack.StackStatus).toBe('CREATE_COMPLETE');
    expect(after.StackStatus).toBe('CREATE_COMPLETE');
    expect(String(after.LastUpdatedTime)).toBe(String(before.stack.LastUpdatedTime));
    expect(await events()).toBe(before.events);
    expect(await changeSets()).toBe(before.changeSets);
  }, 120_000);

  it('a workflow definition edit is hot-swapped through UpdateStateMachine, --json says what changed', async () => {
    const greetArn = (await fnConfig('GreetFunction')).FunctionArn;
    const before = await changeSets();
    edit('app.yaml', APP.replace('Comment: v1', 'Comment: v2'));
    const r = await run(['deploy', '--hotswap', '--json']);
    expect(r.exitCode, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({ stack: 'hot-dev', status: 'hot-swapped', functions: [], workflows: [{ name: 'flow', logicalId: 'FlowStateMachine' }] });
    const running = await definition();
    expect(running.Comment).toBe('v2');
    expect(running.States.Greet.Resource).toBe(greetArn);
    expect(await changeSets()).toBe(before);
  }, 120_000);

  it('any other change falls back to a change-set deploy, saying which property blocked the hot swap', async () => {
    const before = await changeSets();
    edit('app.yaml', APP.replace('Comment: v1', 'Comment: v2').replace('  shout: {}', '  shout: { memory: 256 }'));
    const r = await run(['deploy', '--hotswap', '--yes']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain('Hot swap not possible: ShoutFunction (AWS::Serverless::Function) changes Properties.MemorySize, which only a change set can change. Deploying through a change set.');
    expect(r.stdout).toMatch(/Changes \(change set eda-/);
    expect(r.stdout).toMatch(/✓ Deployed hot-dev \(UPDATE_COMPLETE/);
    expect(await changeSets()).toBe(before + 1);
    expect((await fnConfig('ShoutFunction')).MemorySize).toBe(256);
  }, 120_000);

  it('a full deploy puts hot-swapped code back in line even when the template is unchanged', async () => {
    const deployedSha = (await fnConfig('GreetFunction')).CodeSha256;
    const source = readFileSync(path.join(dir, 'src/handlers/greet.ts'), 'utf8');
    edit('src/handlers/greet.ts', handler('hello v3'));
    expect((await run(['deploy', '--hotswap'])).exitCode).toBe(0);
    expect((await fnConfig('GreetFunction')).CodeSha256).not.toBe(deployedSha);
    // eda status says the stack differs from its template, by app.yaml's names
    const swapped = await run(['status']);
    expect(swapped.stdout).toMatch(/Hot-swapped since the last full deploy: greet\b/);
    expect(JSON.parse((await run(['status', '--json'])).stdout).hotswapped.functions).toContain('greet');
    edit('src/handlers/greet.ts', source);
    const r = await run(['deploy', '--yes']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain('put greet back in line with the template');
    expect(r.stdout).toMatch(/✓ No changes: hot-dev is up to date/);
    expect((await fnConfig('GreetFunction')).CodeSha256).toBe(deployedSha);
    const after = await run(['status', '--json']);
    expect(JSON.parse(after.stdout).hotswapped).toBeUndefined();
    expect((await run(['status'])).stdout).not.toContain('Hot-swapped');
  }, 120_000);

  it('a production stage refuses, exit 1, nothing deployed', async () => {
    const r = await run(['deploy', '--hotswap', '--stage', 'prod', '--yes']);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain("error Refusing to hot-swap hot-prod: stage 'prod' is marked production: true in app.yaml.");
    expect(r.stderr).not.toMatch(/\n\s+at /);
    await expect(cfn().send(new DescribeStacksCommand({ StackName: 'hot-prod' }))).rejects.toThrow();
    const watch = await run(['watch', '--stage', 'prod']);
    expect(watch.exitCode).toBe(1);
    expect(watch.stderr).toContain("error Refusing to watch hot-prod: stage 'prod' is marked production: true in app.yaml.");
  }, 120_000);

  it('eda watch hot-swaps a saved handler, then stops on Ctrl-C', async () => {
    const before = (await fnConfig('GreetFunction')).CodeSha256;
    const child = spawn(process.execPath, [bin, 'watch', '--cwd', dir], { env: { ...process.env, ...moto.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const until = async (check: () => boolean | Promise<boolean>, what: string) => {
        for (let deadline = Date.now() + 60_000; !(await check()); ) {
          if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${out}`);
          await new Promise((r) => setTimeout(r, 250));
        }
      };
      await until(() => /No changes: hot-dev already runs this code/.test(out), 'the first cycle');
      edit('src/handlers/greet.ts', handler('hello from watch'));
      await until(async () => (await fnConfig('GreetFunction')).CodeSha256 !== before, 'the hot swap');
      await until(() => /hot-swapped 1 function/.test(out), 'the message');
      expect(out).toMatch(/changed: src\/handlers\/greet\.ts/);
      // Then it follows the logs of the function it changed.
      await until(() => /following the logs of greet/.test(out), 'the log follow');
      const group = await physical('GreetLogGroup');
      const logs = new CloudWatchLogsClient(config());
      await logs.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: 'w1' }));
      await logs.send(new PutLogEventsCommand({ logGroupName: group, logStreamName: 'w1', logEvents: [{ timestamp: Date.now(), message: 'hello from the new code' }] }));
      await until(() => /greet\s+hello from the new code/.test(out), 'the log line');
      // An app.yaml change a hot swap cannot carry deploys through a change set, without asking.
      edit('app.yaml', readFileSync(path.join(dir, 'app.yaml'), 'utf8').replace('  greet: {}', '  greet: { timeout: 20 }'));
      await until(() => /✓ Deployed hot-dev \(UPDATE_COMPLETE/.test(out), 'the change-set deploy');
      expect(out).toMatch(/changed: app\.yaml/);
      expect(out).toContain('Hot swap not possible: GreetFunction (AWS::Serverless::Function) changes Properties.Timeout');
      expect((await fnConfig('GreetFunction')).Timeout).toBe(20);
      child.kill('SIGINT');
      expect(await exited).toBe(130);
      expect(out).toMatch(/Stopped watching\./);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 120_000);
});
