// detectDrift's polling and outcomes, and what a drift-aware change set's ResourceChange says.
import { describe, expect, it } from 'vitest';
import { changeDrift, detectDrift, type DriftApi } from '../../src/deploy/drift.js';
import { parseReport } from '../../src/deploy/remote-invoke.js';
import { FakeClock } from './fakes.js';

function api(statuses: ReturnType<DriftApi['detectionStatus']> extends Promise<infer T> ? T[] : never, calls: string[] = []): DriftApi {
  let i = 0;
  return {
    detectStackDrift: async (stack) => (calls.push(`detect ${stack}`), 'd-9'),
    detectionStatus: async (id) => (calls.push(`status ${id}`), statuses[Math.min(i++, statuses.length - 1)]!),
    resourceDrifts: async () => [
      { StackId: 's', LogicalResourceId: 'Zed', ResourceType: 'AWS::SQS::Queue', StackResourceDriftStatus: 'MODIFIED', Timestamp: new Date(), PropertyDifferences: [{ PropertyPath: '/DelaySeconds', ExpectedValue: '0', ActualValue: '5', DifferenceType: 'NOT_EQUAL' }] },
      { StackId: 's', LogicalResourceId: 'Alpha', ResourceType: 'AWS::SNS::Topic', StackResourceDriftStatus: 'DELETED', Timestamp: new Date() },
      { StackId: 's', LogicalResourceId: 'Fine', ResourceType: 'AWS::SNS::Topic', StackResourceDriftStatus: 'IN_SYNC', Timestamp: new Date() },
    ],
  };
}

describe('detectDrift', () => {
  it('polls while the detection runs, reports progress, then the MODIFIED and DELETED resources sorted by logical ID', async () => {
    const clock = new FakeClock();
    const calls: string[] = [];
    const progress: number[] = [];
    const report = await detectDrift(
      api([{ detectionStatus: 'DETECTION_IN_PROGRESS' }, { detectionStatus: 'DETECTION_IN_PROGRESS' }, { detectionStatus: 'DETECTION_COMPLETE', driftStatus: 'DRIFTED', drifted: 2 }], calls),
      'shop-dev',
      { clock, progress: (ms) => progress.push(ms) },
    );
    expect(calls).toEqual(['detect shop-dev', 'status d-9', 'status d-9', 'status d-9']);
    expect(progress).toHaveLength(3);
    expect(progress[2]).toBeGreaterThan(progress[0]!);
    expect(report.status).toBe('DRIFTED');
    expect(report.resources.map((r) => [r.logicalId, r.status])).toEqual([
      ['Alpha', 'DELETED'],
      ['Zed', 'MODIFIED'],
    ]);
    expect(report.resources[1]!.differences).toEqual([{ path: '/DelaySeconds', type: 'NOT_EQUAL', expected: '0', actual: '5' }]);
    expect(report.failure).toBeUndefined();
  });

  it('a detection that failed for some resources still reports the rest, and why it is incomplete', async () => {
    const report = await detectDrift(api([{ detectionStatus: 'DETECTION_FAILED', driftStatus: 'DRIFTED', reason: 'Failed to detect drift on resource [Secret]' }]), 'shop-dev', { clock: new FakeClock() });
    expect(report.resources).toHaveLength(2);
    expect(report.failure).toBe('Failed to detect drift on resource [Secret]');
  });

  it('gives up after 10 minutes of a running detection', async () => {
    await expect(detectDrift(api([{ detectionStatus: 'DETECTION_IN_PROGRESS' }]), 'shop-dev', { clock: new FakeClock() })).rejects.toThrow(/still running after 10 minutes/);
  });
});

describe('changeDrift', () => {
  it('names the drifted properties of a change whose before-values are the actual state', () => {
    expect(
      changeDrift({
        Action: 'Modify',
        LogicalResourceId: 'JobsQueue',
        ResourceDriftStatus: 'MODIFIED',
        Details: [
          { Target: { Attribute: 'Properties', Name: 'VisibilityTimeout', Path: '/Properties/VisibilityTimeout', BeforeValueFrom: 'ACTUAL_STATE' } },
          { Target: { Attribute: 'Properties', Name: 'Tags', Path: '/Properties/Tags', BeforeValueFrom: 'PREVIOUS_DEPLOYMENT_STATE' } },
        ],
      }),
    ).toEqual({ status: 'MODIFIED', properties: ['VisibilityTimeout'] });
    expect(changeDrift({ Action: 'Modify', LogicalResourceId: 'X', ResourceDriftStatus: 'IN_SYNC', Details: [{ Target: { Name: 'A', BeforeValueFrom: 'PREVIOUS_DEPLOYMENT_STATE' } }] })).toBeUndefined();
    expect(changeDrift({ Action: 'Modify', LogicalResourceId: 'X' })).toBeUndefined();
    expect(changeDrift({ Action: 'Add', LogicalResourceId: 'Gone', ResourceDriftStatus: 'DELETED' })).toEqual({ status: 'DELETED', properties: [] });
  });
});

describe('parseReport', () => {
  it("reads the REPORT line's duration, billed duration, memory and cold start", () => {
    const tail = 'START RequestId: abc Version: $LATEST\nEND RequestId: abc\nREPORT RequestId: abc-1\tDuration: 3.5 ms\tBilled Duration: 4 ms\tMemory Size: 256 MB\tMax Memory Used: 80 MB\t\n';
    expect(parseReport(tail)).toEqual({ requestId: 'abc-1', durationMs: 3.5, billedMs: 4, memoryMb: 256, maxMemoryMb: 80, initMs: undefined });
    expect(parseReport('no report here')).toBeUndefined();
  });
});
