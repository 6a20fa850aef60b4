// Progress rendering from recorded CloudFormation event sequences (as DescribeStackEvents
// returns them: newest first), fed whole and poll by poll.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatElapsed, ProgressRenderer } from '../../../src/cli/kit/progress.js';
import type { StackEvent } from '../../../src/deploy/api.js';
import { rootCauses } from '../../../src/deploy/causes.js';
import { watchStack } from '../../../src/deploy/watch.js';
import { FakeClock } from '../../deploy/fakes.js';

function recorded(name: string): StackEvent[] {
  const raw = JSON.parse(readFileSync(new URL(`../../deploy/fixtures/events/${name}.json`, import.meta.url), 'utf8')) as any[];
  return raw.map((e) => ({ ...e, Timestamp: new Date(e.Timestamp) }));
}

const chronological = (events: StackEvent[]) => [...events].reverse();

function render(events: StackEvent[], options: Partial<ConstructorParameters<typeof ProgressRenderer>[0]> = {}) {
  let out = '';
  const r = new ProgressRenderer({ stackName: 'shop-dev', total: 6, tty: false, write: (t) => (out += t), ...options });
  r.onEvents(events);
  return { out, r };
}

describe('progress rendering (non-TTY: plain lines)', () => {
  it('renders a multi-resource create as one line per finished resource, with counts and elapsed time', () => {
    const { out, r } = render(chronological(recorded('create-success')));
    expect(out).toBe(
      [
        '            0s  ▸ shop-dev CREATE_IN_PROGRESS',
        '  [1/6]     4s  CREATE_COMPLETE      AWS::Logs::LogGroup                WorkerLogGroup',
        '  [2/6]    29s  CREATE_COMPLETE      AWS::SQS::Queue                    JobsDlq',
        '  [3/6]    37s  CREATE_COMPLETE      AWS::DynamoDB::Table               OrdersTable',
        '  [4/6]    56s  CREATE_COMPLETE      AWS::IAM::Role                     WorkerFunctionRole',
        '  [5/6]  1m03s  CREATE_COMPLETE      AWS::SQS::Queue                    JobsQueue',
        '  [6/6]  1m05s  CREATE_COMPLETE      AWS::Lambda::Function              WorkerFunction',
        // SAM's generated event source mapping was not in the estimate: the total grows.
        '  [7/7]  1m09s  CREATE_COMPLETE      AWS::Lambda::EventSourceMapping    WorkerFunctionJobs',
        '         1m10s  ▸ shop-dev CREATE_COMPLETE',
        '',
      ].join('\n'),
    );
    expect(r.status).toBe('CREATE_COMPLETE');
    expect(r.counts()).toEqual({ done: 7, inProgress: 0, failed: 0, total: 7 });
    expect(rootCauses(recorded('create-success'), 'shop-dev')).toEqual([]);
  });

  it('renders a failed update and its rollback: the failure with its reason, cancellations dimmed, counts restart for the rollback', () => {
    const { out, r } = render(chronological(recorded('update-failure-rollback')), { total: 4 });
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toBe('            0s  ▸ shop-dev UPDATE_IN_PROGRESS');
    expect(lines[1]).toBe('  [1/4]    17s  UPDATE_COMPLETE      AWS::IAM::Role                     WorkerFunctionRole');
    expect(lines[2]).toBe('  [2/4]    20s  UPDATE_FAILED        AWS::Lambda::Function              WorkerFunction');
    expect(lines[3]).toMatch(/^ {10}└ Resource handler returned message: "Uploaded file must be a non-empty zip/);
    expect(lines).toContain('          └ Resource creation cancelled');
    expect(lines).toContain('           21s  ▸ shop-dev UPDATE_ROLLBACK_IN_PROGRESS');
    expect(lines).toContain('          └ The following resource(s) failed to create: [ReportsTable]. The following resource(s) failed to update: [JobsQueue, WorkerFunction].');
    expect(lines).toContain('  [1/4]    25s  UPDATE_COMPLETE      AWS::Lambda::Function              WorkerFunction');
    expect(lines).toContain('  [4/4]    45s  DELETE_COMPLETE      AWS::DynamoDB::Table               ReportsTable');
    expect(lines.at(-1)).toBe('           46s  ▸ shop-dev UPDATE_ROLLBACK_COMPLETE');
    expect(r.status).toBe('UPDATE_ROLLBACK_COMPLETE');
  });

  it('finds the root cause: the first real failure, not the cancellations or the stack summary', () => {
    const causes = rootCauses(recorded('update-failure-rollback'), 'shop-dev');
    expect(causes.map((e) => [e.LogicalResourceId, e.ResourceStatus])).toEqual([['WorkerFunction', 'UPDATE_FAILED']]);
    expect(causes[0]!.ResourceStatusReason).toMatch(/Uploaded file must be a non-empty zip/);
  });

  it('falls back to the stack reason when no resource failed (e.g. a transform or validation failure)', () => {
    const t = new Date('2026-03-03T10:00:00Z');
    const events: StackEvent[] = [
      { StackId: 's', EventId: '2', StackName: 'shop-dev', LogicalResourceId: 'shop-dev', ResourceType: 'AWS::CloudFormation::Stack', ResourceStatus: 'UPDATE_ROLLBACK_IN_PROGRESS', ResourceStatusReason: 'Parameter validation failed: parameter value x for parameter name Foo does not exist.', Timestamp: new Date(t.valueOf() + 1000) },
      { StackId: 's', EventId: '1', StackName: 'shop-dev', LogicalResourceId: 'shop-dev', ResourceType: 'AWS::CloudFormation::Stack', ResourceStatus: 'UPDATE_IN_PROGRESS', ResourceStatusReason: 'User Initiated', Timestamp: t },
    ];
    expect(rootCauses(events, 'shop-dev').map((e) => e.ResourceStatusReason)).toEqual([
      'Parameter validation failed: parameter value x for parameter name Foo does not exist.',
    ]);
  });

  it('ignores events it has already seen (polls overlap)', () => {
    const events = chronological(recorded('create-success'));
    let out = '';
    const r = new ProgressRenderer({ stackName: 'shop-dev', total: 6, tty: false, write: (t) => (out += t) });
    r.onEvents(events.slice(0, 12));
    r.onEvents(events.slice(8, 20));
    r.onEvents(events);
    expect(out).toBe(render(events).out);
  });

  it('prints a heartbeat line when nothing happened for a while', () => {
    const clock = new FakeClock();
    let out = '';
    const r = new ProgressRenderer({ stackName: 'shop-dev', total: 6, tty: false, write: (t) => (out += t), now: () => clock.now(), heartbeatMs: 30_000 });
    r.onEvents(chronological(recorded('create-success')).slice(0, 8));
    out = '';
    clock.t += 10_000;
    r.tick();
    expect(out).toBe('');
    clock.t += 25_000;
    r.tick();
    expect(out).toBe('  … 1/6 done, in progress: JobsDlq, OrdersTable (35s)\n');
  });
});

describe('progress rendering (TTY: status line)', () => {
  it('keeps a redrawn status line under the permanent lines, and clears it at the end', () => {
    const clock = new FakeClock();
    const writes: string[] = [];
    const r = new ProgressRenderer({ stackName: 'shop-dev', total: 6, tty: true, write: (t) => void writes.push(t), now: () => clock.now(), columns: 200 });
    const events = chronological(recorded('create-success'));
    r.onEvents(events.slice(0, 8)); // stack start, three in progress, log group done
    clock.t += 34_000;
    r.tick();
    const status = writes.at(-1)!;
    expect(status.startsWith('\r\x1b[2K')).toBe(true);
    expect(status).toMatch(/^\r\x1b\[2K. shop-dev CREATE_IN_PROGRESS · 1\/6 done · in progress: JobsDlq, OrdersTable · 34s$/);
    writes.length = 0;
    r.onEvents(events.slice(8, 10)); // JobsDlq completes, JobsQueue starts
    // The status line is cleared, the permanent line written, the status line drawn again.
    expect(writes[0]).toBe('\r\x1b[2K');
    expect(writes[1]).toBe('  [2/6]    29s  CREATE_COMPLETE      AWS::SQS::Queue                    JobsDlq\n');
    expect(writes[2]).toMatch(/^\r\x1b\[2K. shop-dev CREATE_IN_PROGRESS · 2\/6 done · in progress: OrdersTable, JobsQueue · 34s$/);
    writes.length = 0;
    r.stop();
    expect(writes).toEqual(['\r\x1b[2K']);
  });

  it('shows failures and the rollback on the status line, truncated to the terminal width', () => {
    const clock = new FakeClock();
    const writes: string[] = [];
    const r = new ProgressRenderer({ stackName: 'shop-dev', total: 4, tty: true, write: (t) => void writes.push(t), now: () => clock.now(), columns: 60 });
    const events = chronological(recorded('update-failure-rollback'));
    r.onEvents(events.slice(0, 14));
    const line = r.statusLine();
    expect(line.length).toBeLessThanOrEqual(59);
    expect(line.endsWith('…')).toBe(true);
    const wide = new ProgressRenderer({ stackName: 'shop-dev', total: 4, tty: true, write: () => {}, now: () => clock.now(), columns: 300 });
    wide.onEvents(events.slice(0, 14));
    expect(wide.statusLine()).toMatch(/shop-dev UPDATE_ROLLBACK_IN_PROGRESS · 0\/4 rolled back · 1 failed · in progress: JobsQueue, WorkerFunctionRole, WorkerFunction · 0s$/);
  });
});

describe('watching a stack poll by poll', () => {
  /** A CfnApi that reveals a recorded sequence a few events per poll, with pages of 4. */
  function replay(events: StackEvent[], perPoll: number, finalStatus: string, before: StackEvent[] = []) {
    const chrono = chronological(events);
    let revealed = 0;
    let polls = 0;
    const cfn = {
      describeStack: async () => {
        polls++;
        revealed = Math.min(chrono.length, revealed + perPoll);
        const last = [...chrono.slice(0, revealed)].reverse().find((e) => e.ResourceType === 'AWS::CloudFormation::Stack');
        return { StackName: 'shop-dev', StackId: 's', StackStatus: (revealed === chrono.length ? finalStatus : (last?.ResourceStatus ?? 'UPDATE_COMPLETE')) as any, CreationTime: new Date() };
      },
      describeStackEvents: async (_: string, token?: string) => {
        const newestFirst = [...chrono.slice(0, revealed)].reverse().concat(before);
        const start = token ? Number(token) : 0;
        return { events: newestFirst.slice(start, start + 4), nextToken: start + 4 < newestFirst.length ? String(start + 4) : undefined };
      },
    };
    return { cfn: cfn as any, polls: () => polls };
  }

  it.each([
    ['create-success', 'CREATE_COMPLETE', 2],
    ['update-failure-rollback', 'UPDATE_ROLLBACK_COMPLETE', 3],
    ['update-failure-rollback', 'UPDATE_ROLLBACK_COMPLETE', 50],
  ])('%s revealed %#: the same output as rendering it whole, and the final status', async (name, final, perPoll) => {
    const events = recorded(name);
    const older: StackEvent[] = [
      { StackId: 's', EventId: 'old-1', StackName: 'shop-dev', LogicalResourceId: 'shop-dev', ResourceType: 'AWS::CloudFormation::Stack', ResourceStatus: 'UPDATE_COMPLETE', Timestamp: new Date('2026-01-01T00:00:00Z') },
    ];
    const { cfn } = replay(events, perPoll, final, older);
    let out = '';
    const renderer = new ProgressRenderer({ stackName: 'shop-dev', total: 6, tty: false, write: (t) => (out += t) });
    const clock = new FakeClock();
    const result = await watchStack({ cfn, clock, stack: 's', stackName: 'shop-dev', marker: 'old-1', statusBefore: 'UPDATE_COMPLETE', renderer, pollMs: 2000 });
    expect(result.status).toBe(final);
    expect(result.detached).toBe(false);
    expect(result.events.map((e) => e.EventId)).toEqual(chronological(events).map((e) => e.EventId));
    expect(out).toBe(render(chronological(events)).out);
  });
});

describe('formatElapsed', () => {
  it('formats seconds, minutes and hours', () => {
    expect(formatElapsed(0)).toBe('0s');
    expect(formatElapsed(59_999)).toBe('59s');
    expect(formatElapsed(61_000)).toBe('1m01s');
    expect(formatElapsed(3_726_000)).toBe('1h02m06s');
  });
});
