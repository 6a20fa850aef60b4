// Drift through the SDK seam (moto has no drift APIs): the built CLI against a scripted
// CloudFormation endpoint with recorded answers. `eda diff` detects drift (DetectStackDrift,
// polling DescribeStackDriftDetectionStatus, DescribeStackResourceDrifts) and reports it next to
// the template difference; `eda deploy` asks for a drift-aware change set and calls out the
// out-of-band changes it will overwrite.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createChangeSetXml,
  describeChangeSetXml,
  describeStacks,
  detectDriftXml,
  driftStatusXml,
  errorXml,
  resourceDriftsXml,
  stackXml,
  templateXml,
  type ChangeXml,
} from '../support/cfn-query.js';
import { eda, repoRoot, tempProject } from '../support/cli.js';
import { fakeAwsEnv, scriptedEndpoint, type Answer, type Endpoint } from '../support/endpoint.js';

const APP = `name: shop
queues:
  jobs: {}
topics:
  news: {}
`;
const QUEUE_URL = 'https://sqs.us-east-1.amazonaws.com/123456789012/shop-dev-JobsQueue-9Z8Y';
const DEPLOYED = JSON.stringify({ Resources: { JobsQueue: { Type: 'AWS::SQS::Queue', Properties: { VisibilityTimeout: 30 } } } });

const DRIFTS = resourceDriftsXml('shop-dev', [
  { logicalId: 'JobsQueue', type: 'AWS::SQS::Queue', physicalId: QUEUE_URL, status: 'MODIFIED', differences: [{ path: '/VisibilityTimeout', expected: '30', actual: '120' }] },
  { logicalId: 'NewsTopic', type: 'AWS::SNS::Topic', physicalId: 'arn:aws:sns:us-east-1:123456789012:shop-dev-NewsTopic-1', status: 'DELETED' },
]);

let endpoint: Endpoint | undefined;
afterEach(async () => {
  await endpoint?.close();
  endpoint = undefined;
});

/** The stack shop-dev exists; `extra` answers what the test is about. */
async function run(dir: string, args: string[], extra: (action: string, params: URLSearchParams) => Answer | undefined) {
  const seen: { action: string; params: URLSearchParams }[] = [];
  endpoint = await scriptedEndpoint((action, params) => {
    seen.push({ action, params });
    const own = extra(action, params);
    if (own) return own;
    if (action === 'DescribeStacks') {
      const name = params.get('StackName') ?? '';
      return /shop-dev/.test(name) ? { status: 200, body: describeStacks(stackXml('shop-dev', 'UPDATE_COMPLETE')) } : { status: 400, body: errorXml('ValidationError', `Stack with id ${name} does not exist`) };
    }
    if (action === 'GetTemplate') return { status: 200, body: templateXml(DEPLOYED) };
    return { status: 400, body: errorXml('InvalidAction', `not scripted: ${action}`) };
  });
  const r = await eda([...args, '--cwd', dir], { env: fakeAwsEnv(endpoint.url) });
  return { run: r, seen, actions: seen.map((s) => s.action) };
}

/** Detection d-1: in progress on the first poll, then DRIFTED with two resources. */
function drifted() {
  let polls = 0;
  return (action: string): Answer | undefined => {
    if (action === 'DetectStackDrift') return { status: 200, body: detectDriftXml('d-1') };
    if (action === 'DescribeStackDriftDetectionStatus') {
      polls++;
      return { status: 200, body: polls === 1 ? driftStatusXml('shop-dev', 'd-1', 'DETECTION_IN_PROGRESS') : driftStatusXml('shop-dev', 'd-1', 'DETECTION_COMPLETE', 'DRIFTED', 2) };
    }
    if (action === 'DescribeStackResourceDrifts') return { status: 200, body: DRIFTS };
    return undefined;
  };
}

describe('drift', () => {
  let dir: string;
  beforeAll(() => {
    if (!existsSync(path.join(repoRoot, 'dist/main.js'))) throw new Error('dist/ is missing: run `npm run build` first (npm test does).');
    dir = tempProject({ 'app.yaml': APP });
  });

  it('eda diff detects drift, polls until it ends, and lists each drifted property next to the template difference', async () => {
    const { run: r, seen, actions } = await run(dir, ['diff'], drifted());
    expect(r.exitCode, r.stderr).toBe(0);
    expect(actions.filter((a) => a.includes('Drift'))).toEqual(['DetectStackDrift', 'DescribeStackDriftDetectionStatus', 'DescribeStackDriftDetectionStatus', 'DescribeStackResourceDrifts']);
    const filters = seen.find((s) => s.action === 'DescribeStackResourceDrifts')!.params;
    expect([filters.get('StackResourceDriftStatusFilters.member.1'), filters.get('StackResourceDriftStatusFilters.member.2')]).toEqual(['MODIFIED', 'DELETED']);
    expect(r.stderr).toContain('Detecting drift (DetectStackDrift)');
    const out = r.stdout;
    // the template difference first (NewsTopic is new in app.yaml), then the drift
    expect(out.indexOf('NewsTopic')).toBeLessThan(out.indexOf('Drift: 2 resources changed outside CloudFormation (detection d-1)'));
    expect(out).toMatch(/MODIFIED\s+JobsQueue\s+AWS::SQS::Queue\s+\/VisibilityTimeout\s+30\s+120/);
    expect(out).toMatch(/DELETED\s+NewsTopic\s+AWS::SNS::Topic/);
    expect(out).toContain('The next eda deploy overwrites these changes');
  });

  it('eda diff --json has the drift: status, detection, resources with their property differences', async () => {
    const { run: r } = await run(dir, ['diff', '--json'], drifted());
    expect(r.exitCode, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.drift).toEqual({
      status: 'DRIFTED',
      detectionId: 'd-1',
      resources: [
        { logicalId: 'JobsQueue', type: 'AWS::SQS::Queue', physicalId: QUEUE_URL, status: 'MODIFIED', differences: [{ path: '/VisibilityTimeout', type: 'NOT_EQUAL', expected: '30', actual: '120' }] },
        { logicalId: 'NewsTopic', type: 'AWS::SNS::Topic', physicalId: 'arn:aws:sns:us-east-1:123456789012:shop-dev-NewsTopic-1', status: 'DELETED', differences: [] },
      ],
    });
  });

  it('a stack in sync says so; --no-drift asks nothing about drift', async () => {
    const inSync = (action: string): Answer | undefined =>
      action === 'DetectStackDrift'
        ? { status: 200, body: detectDriftXml('d-2') }
        : action === 'DescribeStackDriftDetectionStatus'
          ? { status: 200, body: driftStatusXml('shop-dev', 'd-2', 'DETECTION_COMPLETE', 'IN_SYNC', 0) }
          : action === 'DescribeStackResourceDrifts'
            ? { status: 200, body: resourceDriftsXml('shop-dev', []) }
            : undefined;
    const synced = await run(dir, ['diff'], inSync);
    expect(synced.run.exitCode, synced.run.stderr).toBe(0);
    expect(synced.run.stdout).toContain('✓ No drift: the deployed resources match the deployed template.');
    const skipped = await run(dir, ['diff', '--no-drift', '--json'], drifted());
    expect(skipped.run.exitCode, skipped.run.stderr).toBe(0);
    expect(skipped.actions.some((a) => a.includes('Drift'))).toBe(false);
    expect(JSON.parse(skipped.run.stdout).drift).toBeNull();
  });

  it('a drift detection that is not allowed is reported, and the template difference still shown', async () => {
    const denied = (action: string): Answer | undefined =>
      action === 'DetectStackDrift' ? { status: 403, body: errorXml('AccessDenied', 'User is not authorized to perform: cloudformation:DetectStackDrift') } : undefined;
    const { run: r } = await run(dir, ['diff'], denied);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain('NewsTopic');
    expect(r.stdout).toMatch(/Drift not checked: .*DetectStackDrift/);
  });

  it('eda deploy creates a drift-aware change set and calls out the out-of-band changes it overwrites', async () => {
    const changes: ChangeXml[] = [
      { action: 'Modify', logicalId: 'JobsQueue', type: 'AWS::SQS::Queue', replacement: 'False', drift: 'MODIFIED', driftedPaths: ['VisibilityTimeout'] },
      { action: 'Add', logicalId: 'NewsTopic', type: 'AWS::SNS::Topic' },
    ];
    const created: URLSearchParams[] = [];
    const { run: r } = await run(dir, ['deploy', '--no-execute'], (action, params) => {
      if (action === 'CreateChangeSet') {
        created.push(params);
        return { status: 200, body: createChangeSetXml('shop-dev', params.get('ChangeSetName')!) };
      }
      if (action === 'DescribeChangeSet') return { status: 200, body: describeChangeSetXml('shop-dev', 'cs', changes) };
      return undefined;
    });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(created[0]!.get('DeploymentMode')).toBe('REVERT_DRIFT');
    expect(r.stdout).toContain('! will overwrite an out-of-band change to JobsQueue (VisibilityTimeout)');
    expect(r.stdout).not.toMatch(/out-of-band change to NewsTopic/);
  });

  it('where drift-aware change sets are refused, the deploy says so and creates a standard one', async () => {
    const created: URLSearchParams[] = [];
    const { run: r } = await run(dir, ['deploy', '--no-execute'], (action, params) => {
      if (action === 'CreateChangeSet') {
        created.push(params);
        if (params.get('DeploymentMode')) return { status: 400, body: errorXml('ValidationError', 'DeploymentMode REVERT_DRIFT is not supported for this stack') };
        return { status: 200, body: createChangeSetXml('shop-dev', params.get('ChangeSetName')!) };
      }
      if (action === 'DescribeChangeSet') return { status: 200, body: describeChangeSetXml('shop-dev', 'cs', [{ action: 'Add', logicalId: 'NewsTopic', type: 'AWS::SNS::Topic' }]) };
      return undefined;
    });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(created.map((p) => p.get('DeploymentMode'))).toEqual(['REVERT_DRIFT', null]);
    expect(r.stdout + r.stderr).toContain('drift-aware change sets are not available here');
    expect(r.stdout).not.toContain('out-of-band');
  });
});
