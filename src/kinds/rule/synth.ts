// Rules (declared and implied by triggers): the AWS::Events::Rule with a retry policy and a
// dead-letter queue on every target, what each target needs (permissions, queue and topic policy
// statements, a role for workflows and buses), and the role's least-privilege policy.
import { logicalId, pascal } from '../../core/names.js';
import type { App, RuleModel, TargetModel } from '../../model/types.js';
import { busArn } from '../bus/attributes.js';
import { deployedUrlProblem } from '../connection/urls.js';
import { allow, assumeRole, policyDocument } from '../iam.js';
import { getAtt, ref, type Statement, type TemplateBuilder } from '../template.js';
import { resolveDeep, resolveValue } from '../values.js';

export function synthRules(app: App, t: TemplateBuilder): void {
  for (const rule of app.rules) synthRule(app, rule, t);
}

function synthRule(app: App, rule: RuleModel, t: TemplateBuilder): void {
  const ruleArn = getAtt(rule.logicalId, 'Arn');
  const roleId = `${rule.logicalId}Role`;
  const roleStatements: Statement[] = [];
  const dlqId = rule.dlq ? app.queues.find((q) => q.name === rule.dlq)?.logicalId : undefined;
  const targets = rule.targets.map((target) => {
    const common = {
      Id: target.id,
      // Constant input is JSON text: its expressions become one Fn::Sub over that text.
      Input: target.inputJson !== undefined ? resolveValue(app, target.inputJson) : undefined,
      InputPath: target.inputPath,
      InputTransformer: target.inputTransformer ? { InputPathsMap: Object.keys(target.inputTransformer.paths).length ? target.inputTransformer.paths : undefined, InputTemplate: target.inputTransformer.template } : undefined,
      RetryPolicy: { MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 86400 },
      DeadLetterConfig: dlqId ? { Arn: getAtt(dlqId, 'Arn') } : undefined,
    };
    return { ...common, ...targetSpecific(app, rule, target, t, roleStatements, roleId, ruleArn) };
  });
  if (dlqId) {
    t.allowOnQueue(dlqId, {
      Sid: `${rule.logicalId}DeadLetters`,
      Effect: 'Allow',
      Principal: { Service: 'events.amazonaws.com' },
      Action: 'sqs:SendMessage',
      Resource: getAtt(dlqId, 'Arn'),
      Condition: { ArnEquals: { 'aws:SourceArn': ruleArn } },
    });
  }
  t.add(
    rule.logicalId,
    {
      Type: 'AWS::Events::Rule',
      Properties: {
        Description: rule.description ?? (rule.implicit ? `Triggers function ${rule.targets[0]!.name}` : `Rule ${rule.name} of ${app.name}`),
        EventBusName: rule.bus === 'default' ? undefined : ref(logicalId('bus', rule.bus)),
        EventPattern: rule.pattern ? resolveDeep(app, rule.pattern) : undefined,
        ScheduleExpression: rule.schedule,
        State: rule.enabled ? 'ENABLED' : 'DISABLED',
        Targets: targets,
      },
    },
    rule.path,
  );
  if (roleStatements.length) {
    t.add(
      roleId,
      {
        Type: 'AWS::IAM::Role',
        Properties: {
          Description: `Lets rule ${rule.name} deliver to its targets`,
          AssumeRolePolicyDocument: assumeRole('events.amazonaws.com'),
          Policies: [{ PolicyName: 'deliver-to-targets', PolicyDocument: policyDocument(roleStatements) }],
        },
      },
      rule.path,
    );
  }
}

function targetSpecific(
  app: App,
  rule: RuleModel,
  target: TargetModel,
  t: TemplateBuilder,
  roleStatements: Statement[],
  roleId: string,
  ruleArn: unknown,
): Record<string, unknown> {
  switch (target.kind) {
    case 'function': {
      const fnId = logicalId('function', target.name);
      t.add(
        `${rule.logicalId}To${pascal(target.name)}Permission`,
        {
          Type: 'AWS::Lambda::Permission',
          Properties: { Action: 'lambda:InvokeFunction', FunctionName: ref(fnId), Principal: 'events.amazonaws.com', SourceArn: ruleArn },
        },
        target.source,
      );
      return { Arn: getAtt(fnId, 'Arn') };
    }
    case 'queue': {
      const q = app.queues.find((x) => x.name === target.name)!;
      t.allowOnQueue(q.logicalId, {
        Sid: `${rule.logicalId}Sends`,
        Effect: 'Allow',
        Principal: { Service: 'events.amazonaws.com' },
        Action: 'sqs:SendMessage',
        Resource: getAtt(q.logicalId, 'Arn'),
        Condition: { ArnEquals: { 'aws:SourceArn': ruleArn } },
      });
      return { Arn: getAtt(q.logicalId, 'Arn'), SqsParameters: q.fifo ? { MessageGroupId: rule.name } : undefined };
    }
    case 'topic': {
      const topicId = logicalId('topic', target.name);
      t.allowOnTopic(topicId, {
        Sid: `${rule.logicalId}Publishes`,
        Effect: 'Allow',
        Principal: { Service: 'events.amazonaws.com' },
        Action: 'sns:Publish',
        Resource: ref(topicId),
        Condition: { ArnEquals: { 'aws:SourceArn': ruleArn } },
      });
      return { Arn: ref(topicId) };
    }
    case 'workflow': {
      const wfId = logicalId('workflow', target.name);
      roleStatements.push(allow('states:StartExecution', ref(wfId)));
      return { Arn: ref(wfId), RoleArn: getAtt(roleId, 'Arn') };
    }
    case 'bus': {
      // A bus outside the app (another account or region): the role may put events on exactly that ARN.
      const arn = target.arn !== undefined ? resolveValue(app, target.arn) : busArn(target.name);
      roleStatements.push(allow('events:PutEvents', arn));
      return { Arn: arn, RoleArn: getAtt(roleId, 'Arn') };
    }
    case 'http':
      return apiDestination(target, t, roleStatements, roleId);
  }
}

/** An http target: its AWS::Events::ApiDestination (through the connection), invoked with the rule's role. */
function apiDestination(target: TargetModel, t: TemplateBuilder, roleStatements: Statement[], roleId: string): Record<string, unknown> {
  const http = target.http!;
  const problem = deployedUrlProblem(http.url, [...target.source, 'http', 'url'], 'an API destination');
  if (problem) t.problems.push(problem);
  t.add(
    http.logicalId,
    {
      Type: 'AWS::Events::ApiDestination',
      Properties: {
        Description: `${http.method} ${http.url}`.slice(0, 512),
        ConnectionArn: getAtt(logicalId('connection', http.connection), 'Arn'),
        InvocationEndpoint: http.url,
        HttpMethod: http.method,
        InvocationRateLimitPerSecond: http.rateLimit,
      },
    },
    target.source,
  );
  const arn = getAtt(http.logicalId, 'Arn');
  roleStatements.push(allow('events:InvokeApiDestination', arn));
  return { Arn: arn, RoleArn: getAtt(roleId, 'Arn') };
}
