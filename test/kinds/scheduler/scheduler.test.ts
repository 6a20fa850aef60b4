// EventBridge Scheduler schedules: the template (one group, a schedule per entry with its zone,
// window, dates, retry policy and DLQ), a role per schedule with exactly the target's action on
// the target, the functions they invoke get failure queues, and positioned errors.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cfnLint, samTranslate } from '../../support/cfn.js';
import { compile } from '../../../src/pipeline/index.js';
import { validateText } from '../../../src/pipeline/validate.js';

const app = `name: jobs
functions:
  report: {}
queues:
  inbox: {}
  ordered: { fifo: true }
topics:
  news: {}
buses:
  ops: {}
workflows:
  flow:
    definition: { StartAt: A, States: { A: { Type: Pass, End: true } } }
schedules:
  morning:
    expression: cron(0 9 ? * MON-FRI *)
    timezone: Europe/Paris
    window: 15m
    start: 2030-01-01T00:00:00Z
    end: 2031-01-01T00:00:00+01:00
    retries: { maxRetries: 3, maxEventAge: 1h }
    target: { function: report, input: { kind: daily, queue: '\${queues.inbox.url}' } }
  once:
    expression: at(2030-06-01T12:00:00)
    dlq: false
    target: { workflow: flow }
  fill: { expression: rate(1 hour), target: { queue: ordered } }
  tell: { expression: rate(1 day), target: { topic: news } }
  tick: { expression: rate(5 minutes), target: { bus: ops, detailType: Tick, source: jobs.clock } }
`;

const roleOf = (t: { Resources: Record<string, any> }, id: string) => t.Resources[`${id}Role`].Properties.Policies[0].PolicyDocument.Statement;

describe('schedules in the template', () => {
  it('puts every schedule in the app schedule group with its zone, window, dates, retries and DLQ', async () => {
    const { template } = await compile({ cwd: '/nonexistent', text: app });
    const r = template.Resources as Record<string, any>;
    expect(r.SchedulesGroup).toEqual({ Type: 'AWS::Scheduler::ScheduleGroup', Properties: { Name: { 'Fn::Sub': '${AWS::StackName}' } } });
    expect(r.MorningSchedule.Properties).toEqual({
      Description: 'Schedule morning of jobs',
      GroupName: { Ref: 'SchedulesGroup' },
      ScheduleExpression: 'cron(0 9 ? * MON-FRI *)',
      ScheduleExpressionTimezone: 'Europe/Paris',
      FlexibleTimeWindow: { Mode: 'FLEXIBLE', MaximumWindowInMinutes: 15 },
      StartDate: '2030-01-01T00:00:00Z',
      EndDate: '2030-12-31T23:00:00Z',
      State: 'ENABLED',
      Target: {
        Arn: { 'Fn::GetAtt': ['ReportFunction', 'Arn'] },
        RoleArn: { 'Fn::GetAtt': ['MorningScheduleRole', 'Arn'] },
        Input: { 'Fn::Sub': ['{"kind":"daily","queue":"${QueuesInboxUrl}"}', { QueuesInboxUrl: { Ref: 'InboxQueue' } }] },
        RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 3600 },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': ['MorningScheduleDlq', 'Arn'] } },
      },
    });
    expect(r.OnceSchedule.Properties).toMatchObject({ ScheduleExpression: 'at(2030-06-01T12:00:00)', FlexibleTimeWindow: { Mode: 'OFF' }, Target: { Input: '{}', RetryPolicy: { MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 86400 } } });
    expect(r.OnceSchedule.Properties.Target.DeadLetterConfig).toBeUndefined();
    expect(r.OnceSchedule.Properties.ScheduleExpressionTimezone).toBeUndefined();
    expect(r.FillSchedule.Properties.Target.SqsParameters).toEqual({ MessageGroupId: 'fill' });
    expect(r.TickSchedule.Properties.Target.EventBridgeParameters).toEqual({ DetailType: 'Tick', Source: 'jobs.clock' });
  });

  it('gives each schedule a role with exactly its target action on its target, and SendMessage on its DLQ', async () => {
    const { template } = await compile({ cwd: '/nonexistent', text: app });
    expect((template.Resources.MorningScheduleRole as any).Properties.AssumeRolePolicyDocument.Statement).toEqual([
      { Effect: 'Allow', Principal: { Service: 'scheduler.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } } },
    ]);
    expect(roleOf(template, 'MorningSchedule')).toEqual([
      { Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: { 'Fn::GetAtt': ['ReportFunction', 'Arn'] } },
      { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: { 'Fn::GetAtt': ['MorningScheduleDlq', 'Arn'] } },
    ]);
    expect(roleOf(template, 'OnceSchedule')).toEqual([{ Effect: 'Allow', Action: 'states:StartExecution', Resource: { Ref: 'FlowStateMachine' } }]);
    expect(roleOf(template, 'FillSchedule')[0]).toEqual({ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: { 'Fn::GetAtt': ['OrderedQueue', 'Arn'] } });
    expect(roleOf(template, 'TellSchedule').slice(0, 2)).toEqual([
      { Effect: 'Allow', Action: 'sns:Publish', Resource: { Ref: 'NewsTopic' } },
      { Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey*'], Resource: { 'Fn::GetAtt': ['TopicsKey', 'Arn'] } },
    ]);
    expect(roleOf(template, 'TickSchedule')[0]).toEqual({ Effect: 'Allow', Action: 'events:PutEvents', Resource: { 'Fn::GetAtt': ['OpsBus', 'Arn'] } });
  });

  it('gives a function a schedule invokes a failure queue, as for rules', async () => {
    const { template } = await compile({ cwd: '/nonexistent', text: app });
    expect((template.Resources.ReportFunction as any).Properties.EventInvokeConfig.DestinationConfig.OnFailure.Destination).toEqual({ 'Fn::GetAtt': ['ReportFunctionDlq', 'Arn'] });
  });
});

describe('the schedules template', () => {
  it("is clean under cfn-lint and accepted by AWS's SAM translator", async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'eda-schedules-')), 'template.yaml');
    writeFileSync(file, (await compile({ cwd: '/nonexistent', text: app })).templateText);
    const lint = await cfnLint([file]);
    expect(lint.output).toBe('');
    const [translated] = await samTranslate([file]);
    expect(translated!.errors ?? []).toEqual([]);
  }, 120_000);
});

describe('schedule errors', () => {
  const errors = (body: string) =>
    validateText(`name: jobs\nfunctions:\n  report: {}\nschedules:\n  s:\n${body}`, { cwd: '/nonexistent' })
      .diagnostics.filter((d) => d.severity === 'error')
      .map((d) => `${d.line}:${d.col} ${d.message}${d.hint ? ` (${d.hint})` : ''}`);

  it('points at a bad expression, at() format and time zone', () => {
    expect(errors('    expression: rate(1 days)\n    target: { function: report }\n')[0]).toMatch(/^6:\d+ .*singular unit/);
    expect(errors('    expression: at(2030-13-01T00:00:00)\n    target: { function: report }\n')).toEqual([
      "6:17 'at(2030-13-01T00:00:00)' is not a valid one-time schedule (write at(yyyy-mm-ddThh:mm:ss), e.g. at(2025-12-31T23:59:00), in the schedule's timezone)",
    ]);
    expect(errors('    expression: rate(1 day)\n    timezone: Europe/Pariss\n    target: { function: report }\n')).toEqual(["7:15 'Europe/Pariss' is not an IANA time zone (did you mean 'Europe/Paris'?)"]);
  });

  it('points at an unknown target with did you mean, and an end before the start', () => {
    expect(errors('    expression: rate(1 day)\n    target: { function: reprot }\n')).toEqual(["7:25 function 'reprot' is not declared under functions (did you mean 'report'?)"]);
    expect(errors('    expression: rate(1 day)\n    start: 2030-02-01T00:00:00Z\n    end: 2030-01-01T00:00:00Z\n    target: { function: report }\n')).toEqual([
      '8:10 the schedule ends (2030-01-01T00:00:00Z) before it starts (2030-02-01T00:00:00Z) (end must be later than start)',
    ]);
    expect(errors('    expression: rate(1 day)\n    start: tomorrow\n    target: { function: report }\n')[0]).toMatch(/^7:12 'tomorrow' is not an ISO 8601 date-time/);
  });

  it('refuses windows, event ages and bus-only keys out of range', () => {
    expect(errors('    expression: rate(1 day)\n    window: 30s\n    target: { function: report }\n')[0]).toMatch(/^7:13 a flexible time window is whole minutes/);
    expect(errors('    expression: rate(1 day)\n    retries: { maxEventAge: 30s }\n    target: { function: report }\n')[0]).toMatch(/maxEventAge is from 60s to 24h/);
    expect(errors('    expression: rate(1 day)\n    target: { function: report, source: x }\n')[0]).toMatch(/'source' applies to bus targets only/);
  });
});
