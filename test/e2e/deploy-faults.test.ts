// Whole-process fault handling of the deploy commands, against a scripted local server
// that answers like CloudFormation's query API: a stack locked by another update,
// throttling, and Ctrl-C while watching (stops watching, not the operation).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { describeStacks, errorXml, eventsXml, NS, stackXml } from '../support/cfn-query.js';
import { fakeAwsEnv } from '../support/endpoint.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = path.join(root, 'bin/eda.js');
const example = path.join(root, 'examples/order-pipeline');

interface Ev {
  id: string;
  logicalId: string;
  type: string;
  status: string;
  reason?: string;
  at: string;
}

/** Events newest first, as DescribeStackEvents returns them. */
function manyEventsXml(name: string, events: Ev[]) {
  const members = [...events]
    .reverse()
    .map(
      (e) =>
        `<member><StackId>arn:aws:cloudformation:us-east-1:123456789012:stack/${name}/1</StackId><EventId>${e.id}</EventId><StackName>${name}</StackName><LogicalResourceId>${e.logicalId}</LogicalResourceId><ResourceType>${e.type}</ResourceType><Timestamp>${e.at}</Timestamp><ResourceStatus>${e.status}</ResourceStatus>${e.reason ? `<ResourceStatusReason>${e.reason}</ResourceStatusReason>` : ''}</member>`,
    )
    .join('');
  return `<DescribeStackEventsResponse xmlns="${NS}"><DescribeStackEventsResult><StackEvents>${members}</StackEvents></DescribeStackEventsResult></DescribeStackEventsResponse>`;
}

let server: Server | undefined;
/** A CloudFormation endpoint that takes shop-dev (UPDATE_COMPLETE) through one update change set. */
function scriptedUpdate(script: { statusAfter: string; changes: [string, string][]; events: (executed: boolean) => string }) {
  const stackId = 'arn:aws:cloudformation:us-east-1:123456789012:stack/shop-dev/1';
  const changes = script.changes
    .map(([id, type]) => `<member><Type>Resource</Type><ResourceChange><Action>Modify</Action><LogicalResourceId>${id}</LogicalResourceId><ResourceType>${type}</ResourceType><Replacement>False</Replacement></ResourceChange></member>`)
    .join('');
  let executed = false;
  return (action: string, p: URLSearchParams): { status: number; body: string } => {
    if (action.startsWith('HEAD /artifacts/assets/')) return { status: 200, body: '' };
    switch (action) {
      case 'DescribeStacks':
        if (p.get('StackName') === 'eda-bootstrap') return { status: 200, body: describeStacks(stackXml('eda-bootstrap', 'CREATE_COMPLETE', { BucketName: 'artifacts' })) };
        return { status: 200, body: describeStacks(stackXml('shop-dev', executed ? script.statusAfter : 'UPDATE_COMPLETE')) };
      case 'GetTemplate':
        return { status: 200, body: `<GetTemplateResponse xmlns="${NS}"><GetTemplateResult><TemplateBody>{"Resources":{}}</TemplateBody></GetTemplateResult></GetTemplateResponse>` };
      case 'CreateChangeSet':
        return { status: 200, body: `<CreateChangeSetResponse xmlns="${NS}"><CreateChangeSetResult><Id>${stackId.replace('stack/shop-dev/1', 'changeSet/cs/1')}</Id><StackId>${stackId}</StackId></CreateChangeSetResult></CreateChangeSetResponse>` };
      case 'DescribeChangeSet':
        return {
          status: 200,
          body: `<DescribeChangeSetResponse xmlns="${NS}"><DescribeChangeSetResult><ChangeSetName>cs</ChangeSetName><StackId>${stackId}</StackId><StackName>shop-dev</StackName><Status>CREATE_COMPLETE</Status><ExecutionStatus>AVAILABLE</ExecutionStatus><Changes>${changes}</Changes></DescribeChangeSetResult></DescribeChangeSetResponse>`,
        };
      case 'DescribeStackEvents':
        return { status: 200, body: script.events(executed) };
      case 'ExecuteChangeSet':
        executed = true;
        return { status: 200, body: `<ExecuteChangeSetResponse xmlns="${NS}"><ExecuteChangeSetResult/></ExecuteChangeSetResponse>` };
      default:
        return { status: 400, body: errorXml('ValidationError', `unexpected ${action}`) };
    }
  };
}

const requests: string[] = [];

async function serve(answer: (action: string, params: URLSearchParams) => { status: number; body: string }): Promise<string> {
  requests.length = 0;
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const params = new URLSearchParams(body);
      const action = params.get('Action') ?? `${req.method} ${req.url}`;
      requests.push(action);
      const out = answer(action, params);
      res.writeHead(out.status, { 'content-type': 'text/xml' });
      res.end(out.body);
    });
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

interface Proc {
  code: Promise<number>;
  output: () => { stdout: string; stderr: string };
  waitFor: (re: RegExp) => Promise<void>;
  kill: (signal: NodeJS.Signals) => void;
}

function start(args: string[], endpoint: string): Proc {
  const child = spawn(process.execPath, [bin, ...args], {
    env: {
      ...process.env,
      ...fakeAwsEnv(endpoint),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const code = new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? 1)));
  return {
    code,
    output: () => ({ stdout, stderr }),
    waitFor: async (re) => {
      const deadline = Date.now() + 30_000;
      while (!re.test(stdout)) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${re}: ${stdout}${stderr}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    kill: (signal) => child.kill(signal),
  };
}

describe('deploy faults, whole process', () => {
  beforeAll(() => {
    if (!existsSync(path.join(root, 'dist/main.js'))) throw new Error('dist/ is missing: run `npm run build` first (npm test does).');
  });
  afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

  it('refuses at once, in one sentence, when another operation holds the stack', async () => {
    const endpoint = await serve((action, p) => {
      if (action === 'DescribeStacks' && p.get('StackName') === 'eda-bootstrap') {
        return { status: 200, body: describeStacks(stackXml('eda-bootstrap', 'CREATE_COMPLETE', { BucketName: 'artifacts' })) };
      }
      if (action === 'DescribeStacks') return { status: 200, body: describeStacks(stackXml('shop-dev', 'UPDATE_IN_PROGRESS')) };
      return { status: 400, body: errorXml('ValidationError', `unexpected ${action}`) };
    });
    const started = Date.now();
    const run = start(['deploy', '--cwd', example, '--yes'], endpoint);
    expect(await run.code).toBe(1);
    expect(run.output().stderr).toBe('error Stack shop-dev is locked by another operation (UPDATE_IN_PROGRESS).\nhint  Wait for it to finish (`eda status --watch`), then deploy again.\n');
    expect(requests).not.toContain('CreateChangeSet');
    expect(Date.now() - started).toBeLessThan(60_000);
  });

  it('retries throttled calls, then answers', async () => {
    let throttled = 0;
    const endpoint = await serve((action) => {
      if (action === 'DescribeStacks' && throttled < 3) {
        throttled++;
        return { status: 400, body: errorXml('Throttling', 'Rate exceeded') };
      }
      if (action === 'DescribeStacks') return { status: 200, body: describeStacks(stackXml('shop-dev', 'UPDATE_COMPLETE', { OrdersTableName: 't-1' })) };
      return { status: 400, body: errorXml('ValidationError', `unexpected ${action}`) };
    });
    const run = start(['outputs', '--cwd', example, '--json'], endpoint);
    expect(await run.code).toBe(0);
    expect(JSON.parse(run.output().stdout)).toEqual({ OrdersTableName: 't-1' });
    expect(throttled).toBe(3);
  });

  it('Ctrl-C while a deploy runs stops watching, leaves the deployment (and its change set) alone, and says how to resume', async () => {
    const endpoint = await serve(
      scriptedUpdate({
        statusAfter: 'UPDATE_IN_PROGRESS',
        changes: [['PaymentsQueue', 'AWS::SQS::Queue']],
        events: (executed) => eventsXml('shop-dev', executed ? 'UPDATE_IN_PROGRESS' : 'UPDATE_COMPLETE').replace('<EventId>e1</EventId>', `<EventId>${executed ? 'e2' : 'e1'}</EventId>`),
      }),
    );
    const run = start(['deploy', '--cwd', example, '--yes'], endpoint);
    await run.waitFor(/▸ shop-dev UPDATE_IN_PROGRESS/);
    run.kill('SIGINT');
    expect(await run.code).toBe(130);
    const { stdout } = run.output();
    expect(stdout).toMatch(/~ Modify\s+PaymentsQueue\s+AWS::SQS::Queue\s+No/);
    expect(stdout).toMatch(/Stopped watching\. The deployment goes on in CloudFormation \(UPDATE_IN_PROGRESS\)\.\nFollow it with: eda status --watch --stage dev --cwd \S+\n$/);
    expect(requests).toContain('ExecuteChangeSet');
    expect(requests).not.toContain('DeleteChangeSet');
    expect(requests).not.toContain('DeleteStack');
  });

  it('Ctrl-C after the deployment went on to finish reports where the stack stands now', async () => {
    let interrupted = false;
    const update = scriptedUpdate({
      statusAfter: 'UPDATE_IN_PROGRESS',
      changes: [['PaymentsQueue', 'AWS::SQS::Queue']],
      events: (executed) => eventsXml('shop-dev', executed ? 'UPDATE_IN_PROGRESS' : 'UPDATE_COMPLETE').replace('<EventId>e1</EventId>', `<EventId>${executed ? 'e2' : 'e1'}</EventId>`),
    });
    const endpoint = await serve((action, p) =>
      interrupted && action === 'DescribeStacks' && p.get('StackName') !== 'eda-bootstrap'
        ? { status: 200, body: describeStacks(stackXml('shop-dev', 'UPDATE_COMPLETE')) }
        : update(action, p),
    );
    const run = start(['deploy', '--cwd', example, '--yes'], endpoint);
    await run.waitFor(/▸ shop-dev UPDATE_IN_PROGRESS/);
    interrupted = true;
    run.kill('SIGINT');
    expect(await run.code).toBe(130);
    expect(run.output().stdout).toMatch(/Stopped watching\. Meanwhile the deployment ended: shop-dev is UPDATE_COMPLETE\.\nSee it with: eda status --stage dev --cwd \S+\n$/);
  });

  it('a failed update: the root cause, the final status, exit 1', async () => {
    const S = 'AWS::CloudFormation::Stack';
    const before: Ev[] = [{ id: 'e0', logicalId: 'shop-dev', type: S, status: 'UPDATE_COMPLETE', at: '2026-03-03T09:00:00Z' }];
    const after: Ev[] = [
      { id: 'e1', logicalId: 'shop-dev', type: S, status: 'UPDATE_IN_PROGRESS', reason: 'User Initiated', at: '2026-03-03T09:41:00Z' },
      { id: 'e2', logicalId: 'PaymentsQueue', type: 'AWS::SQS::Queue', status: 'UPDATE_IN_PROGRESS', at: '2026-03-03T09:41:02Z' },
      { id: 'e3', logicalId: 'GetOrderFunction', type: 'AWS::Lambda::Function', status: 'UPDATE_IN_PROGRESS', at: '2026-03-03T09:41:02Z' },
      { id: 'e4', logicalId: 'GetOrderFunction', type: 'AWS::Lambda::Function', status: 'UPDATE_FAILED', reason: 'Resource handler returned message: "Memory size 99999 is not valid"', at: '2026-03-03T09:41:05Z' },
      { id: 'e5', logicalId: 'PaymentsQueue', type: 'AWS::SQS::Queue', status: 'UPDATE_FAILED', reason: 'Resource update cancelled', at: '2026-03-03T09:41:05Z' },
      { id: 'e6', logicalId: 'shop-dev', type: S, status: 'UPDATE_ROLLBACK_IN_PROGRESS', reason: 'The following resource(s) failed to update: [GetOrderFunction, PaymentsQueue].', at: '2026-03-03T09:41:06Z' },
      { id: 'e7', logicalId: 'PaymentsQueue', type: 'AWS::SQS::Queue', status: 'UPDATE_COMPLETE', at: '2026-03-03T09:41:09Z' },
      { id: 'e8', logicalId: 'GetOrderFunction', type: 'AWS::Lambda::Function', status: 'UPDATE_COMPLETE', at: '2026-03-03T09:41:10Z' },
      { id: 'e9', logicalId: 'shop-dev', type: S, status: 'UPDATE_ROLLBACK_COMPLETE', at: '2026-03-03T09:41:12Z' },
    ];
    const endpoint = await serve(
      scriptedUpdate({
        statusAfter: 'UPDATE_ROLLBACK_COMPLETE',
        changes: [
          ['PaymentsQueue', 'AWS::SQS::Queue'],
          ['GetOrderFunction', 'AWS::Lambda::Function'],
        ],
        events: (executed) => manyEventsXml('shop-dev', executed ? [...before, ...after] : before),
      }),
    );
    const run = start(['deploy', '--cwd', example, '--yes'], endpoint);
    expect(await run.code).toBe(1);
    const { stdout, stderr } = run.output();
    expect(stdout).toContain(
      [
        '            0s  ▸ shop-dev UPDATE_IN_PROGRESS',
        '  [1/2]     5s  UPDATE_FAILED        AWS::Lambda::Function              GetOrderFunction',
        '          └ Resource handler returned message: "Memory size 99999 is not valid"',
        '  [2/2]     5s  UPDATE_FAILED        AWS::SQS::Queue                    PaymentsQueue',
        '          └ Resource update cancelled',
        '            6s  ▸ shop-dev UPDATE_ROLLBACK_IN_PROGRESS',
        '          └ The following resource(s) failed to update: [GetOrderFunction, PaymentsQueue].',
        '  [1/2]     9s  UPDATE_COMPLETE      AWS::SQS::Queue                    PaymentsQueue',
        '  [2/2]    10s  UPDATE_COMPLETE      AWS::Lambda::Function              GetOrderFunction',
        '           12s  ▸ shop-dev UPDATE_ROLLBACK_COMPLETE',
        '',
        'What failed:',
        '  ✖ GetOrderFunction (AWS::Lambda::Function) UPDATE_FAILED',
        '    Resource handler returned message: "Memory size 99999 is not valid"',
      ].join('\n'),
    );
    expect(stderr).toMatch(/^error Deploying shop-dev failed after [\d.]+ m?s: the stack rolled back to where it was \(UPDATE_ROLLBACK_COMPLETE\)\.\n$/);
  });

  it('Ctrl-C while watching stops watching, not the operation, and says how to resume', async () => {
    const endpoint = await serve((action) => {
      if (action === 'DescribeStacks') return { status: 200, body: describeStacks(stackXml('shop-dev', 'UPDATE_IN_PROGRESS')) };
      if (action === 'DescribeStackEvents') return { status: 200, body: eventsXml('shop-dev', 'UPDATE_IN_PROGRESS') };
      return { status: 400, body: errorXml('ValidationError', `unexpected ${action}`) };
    });
    const run = start(['status', '--cwd', example, '--watch'], endpoint);
    await run.waitFor(/Following shop-dev \(UPDATE_IN_PROGRESS\)/);
    run.kill('SIGINT');
    expect(await run.code, run.output().stderr).toBe(130);
    expect(run.output().stdout).toMatch(/Stopped watching; the operation goes on\.\n$/);
    expect(requests.filter((r) => !/^Describe/.test(r))).toEqual([]);
  });
});
