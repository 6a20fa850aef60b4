// The app's one AWS::Scheduler::ScheduleGroup, and per schedule an AWS::Scheduler::Schedule in
// it with a role that may do exactly the target's action on the target (and send to the
// schedule's dead-letter queue), assumable by EventBridge Scheduler for this account only.
import { logicalId } from '../../core/names.js';
import type { App, ScheduleModel } from '../../model/types.js';
import { busArn } from '../bus/attributes.js';
import { allow, policyDocument } from '../iam.js';
import { getAtt, ref, sub, type Statement, type TemplateBuilder } from '../template.js';
import { topicKeyGrant } from '../topic/grants.js';
import { resolveValue } from '../values.js';

export const SCHEDULE_GROUP_ID = 'SchedulesGroup';

export function synthSchedulerSchedules(app: App, t: TemplateBuilder): void {
  if (!app.schedules.length) return;
  t.add(SCHEDULE_GROUP_ID, { Type: 'AWS::Scheduler::ScheduleGroup', Properties: { Name: sub('${AWS::StackName}') } }, ['schedules']);
  for (const s of app.schedules) synthSchedule(app, s, t);
}

/** The target's ARN, what the role needs to deliver to it, and its target-type parameters. */
function targetOf(app: App, s: ScheduleModel): { arn: unknown; statements: Statement[]; extra: Record<string, unknown> } {
  const { kind, name } = s.target;
  switch (kind) {
    case 'function': {
      const arn = getAtt(logicalId('function', name), 'Arn');
      return { arn, statements: [allow('lambda:InvokeFunction', arn)], extra: {} };
    }
    case 'workflow': {
      const arn = ref(logicalId('workflow', name));
      return { arn, statements: [allow('states:StartExecution', arn)], extra: {} };
    }
    case 'queue': {
      const q = app.queues.find((x) => x.name === name)!;
      const arn = getAtt(q.logicalId, 'Arn');
      return { arn, statements: [allow('sqs:SendMessage', arn)], extra: q.fifo ? { SqsParameters: { MessageGroupId: s.name } } : {} };
    }
    case 'topic': {
      const arn = ref(logicalId('topic', name));
      return { arn, statements: [allow('sns:Publish', arn), topicKeyGrant()], extra: {} };
    }
    case 'bus': {
      const arn = busArn(name);
      return { arn, statements: [allow('events:PutEvents', arn)], extra: { EventBridgeParameters: { DetailType: s.target.detailType, Source: s.target.source } } };
    }
  }
}

function synthSchedule(app: App, s: ScheduleModel, t: TemplateBuilder): void {
  const roleId = `${s.logicalId}Role`;
  const target = targetOf(app, s);
  const dlqId = s.dlq ? app.queues.find((q) => q.name === s.dlq)?.logicalId : undefined;
  const statements = [...target.statements, ...(dlqId ? [allow('sqs:SendMessage', getAtt(dlqId, 'Arn'))] : [])];
  t.add(
    roleId,
    {
      Type: 'AWS::IAM::Role',
      Properties: {
        Description: `Lets schedule ${s.name} deliver to its target`,
        AssumeRolePolicyDocument: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Service: 'scheduler.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': ref('AWS::AccountId') } } }],
        },
        Policies: [{ PolicyName: 'deliver-to-target', PolicyDocument: policyDocument(statements) }],
      },
    },
    s.path,
  );
  t.add(
    s.logicalId,
    {
      Type: 'AWS::Scheduler::Schedule',
      Properties: {
        Description: s.description ?? `Schedule ${s.name} of ${app.name}`,
        GroupName: ref(SCHEDULE_GROUP_ID),
        ScheduleExpression: s.expression,
        ScheduleExpressionTimezone: s.timezone === 'UTC' ? undefined : s.timezone,
        FlexibleTimeWindow: s.windowMinutes ? { Mode: 'FLEXIBLE', MaximumWindowInMinutes: s.windowMinutes } : { Mode: 'OFF' },
        StartDate: s.start,
        EndDate: s.end,
        State: s.enabled ? 'ENABLED' : 'DISABLED',
        Target: {
          Arn: target.arn,
          RoleArn: getAtt(roleId, 'Arn'),
          Input: s.target.inputJson !== undefined ? resolveValue(app, s.target.inputJson) : undefined,
          RetryPolicy: { MaximumRetryAttempts: s.maxRetries, MaximumEventAgeInSeconds: s.maxEventAgeSeconds },
          DeadLetterConfig: dlqId ? { Arn: getAtt(dlqId, 'Arn') } : undefined,
          ...target.extra,
        },
      },
    },
    s.path,
  );
}
