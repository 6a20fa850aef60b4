import { isFunctionResource } from '../manifest/asl.js';
import { parseExpressions } from '../manifest/expressions.js';
import { logicalId, pascal } from '../model/names.js';
import type { App, ServiceIntegration, WorkflowModel } from '../model/types.js';
import { allow, assumeRole, policyDocument, tableResources, TOPIC_KEY_ID } from './iam.js';
import { getAtt, ref, sub, type Statement, type TemplateBuilder } from './template.js';
import { attributeValue, busArn, resourceValue } from './values.js';

export function synthWorkflows(app: App, t: TemplateBuilder): void {
  for (const wf of app.workflows) synthWorkflow(app, wf, t);
}

/** Replaces function names and ${kind.name.attr} with ${Placeholders} + DefinitionSubstitutions. */
export function substituteDefinition(app: App, definition: unknown): { definition: unknown; substitutions: Record<string, unknown> } {
  const substitutions: Record<string, unknown> = {};
  const walk = (value: unknown, key?: string): unknown => {
    if (Array.isArray(value)) return value.map((v) => walk(v));
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, k)]));
    if (typeof value !== 'string') return value;
    if (key === 'Resource' && isFunctionResource(value)) {
      const name = `${pascal(value)}FunctionArn`;
      substitutions[name] = getAtt(logicalId('function', value), 'Arn');
      return `\${${name}}`;
    }
    if (!value.includes('${')) return value;
    return parseExpressions(value)
      .map((p) => {
        if (p.type === 'text') return p.text;
        if (p.type === 'ref') {
          const name = `${pascal(p.section)}${pascal(p.name)}${pascal(p.attr)}`;
          substitutions[name] = attributeValue(app, p.kind, p.name, p.attr);
          return `\${${name}}`;
        }
        if (p.type === 'resource') {
          const name = `Resources${p.id}${(p.attr ?? '').replace(/[^A-Za-z0-9]/g, '')}`;
          substitutions[name] = resourceValue(p);
          return `\${${name}}`;
        }
        if (p.type === 'pseudo') {
          const name = p.name.replace('AWS::', 'Aws');
          substitutions[name] = ref(p.name);
          return `\${${name}}`;
        }
        return p.raw;
      })
      .join('');
  };
  return { definition: walk(definition), substitutions };
}

function synthWorkflow(app: App, wf: WorkflowModel, t: TemplateBuilder): void {
  const roleId = `${wf.logicalId}Role`;
  const logGroupId = `${wf.logicalId}LogGroup`;
  const statements: Statement[] = [];
  for (const fn of [...wf.invokes].sort()) {
    const arn = getAtt(logicalId('function', fn), 'Arn');
    statements.push(allow('lambda:InvokeFunction', [arn, sub(`\${${logicalId('function', fn)}.Arn}:*`)]));
  }
  for (const i of wf.integrations) statements.push(...integrationStatements(app, i));
  statements.push(allow(['xray:GetSamplingRules', 'xray:GetSamplingTargets', 'xray:PutTelemetryRecords', 'xray:PutTraceSegments'], '*'));
  // CloudWatch Logs delivery for Step Functions works only with Resource "*" (AWS documents this).
  statements.push(
    allow(
      ['logs:CreateLogDelivery', 'logs:DeleteLogDelivery', 'logs:DescribeLogGroups', 'logs:DescribeResourcePolicies', 'logs:GetLogDelivery', 'logs:ListLogDeliveries', 'logs:PutResourcePolicy', 'logs:UpdateLogDelivery'],
      '*',
    ),
  );
  t.add(
    logGroupId,
    {
      Type: 'AWS::Logs::LogGroup',
      DeletionPolicy: 'Delete',
      UpdateReplacePolicy: 'Delete',
      Properties: { LogGroupName: sub(`/aws/vendedlogs/states/\${AWS::StackName}-${wf.name}`), RetentionInDays: app.functionDefaults.logRetentionDays },
    },
    wf.path,
  );
  t.add(
    roleId,
    {
      Type: 'AWS::IAM::Role',
      Properties: {
        Description: `Runs workflow ${wf.name}: only the functions and services its states use`,
        AssumeRolePolicyDocument: assumeRole('states.amazonaws.com'),
        Policies: [{ PolicyName: 'least-privilege', PolicyDocument: policyDocument(statements) }],
      },
    },
    wf.path,
  );
  const { definition, substitutions } = substituteDefinition(app, wf.definition);
  t.add(
    wf.logicalId,
    {
      Type: 'AWS::Serverless::StateMachine',
      Properties: {
        Type: wf.type === 'express' ? 'EXPRESS' : 'STANDARD',
        Definition: definition,
        DefinitionSubstitutions: Object.keys(substitutions).length ? substitutions : undefined,
        Role: getAtt(roleId, 'Arn'),
        Tracing: { Enabled: true },
        Logging: {
          Level: wf.type === 'express' ? 'ALL' : 'ERROR',
          IncludeExecutionData: false,
          Destinations: [{ CloudWatchLogsLogGroup: { LogGroupArn: getAtt(logGroupId, 'Arn') } }],
        },
      },
    },
    wf.path,
  );
}

/** What one service integration needs, as AWS documents it for each optimized integration. */
export function integrationStatements(app: App, i: ServiceIntegration): Statement[] {
  const { kind, name } = i.target;
  const actions = i.actions.length === 1 ? i.actions[0]! : i.actions;
  switch (kind) {
    case 'table': {
      const itemOnly = i.actions.every((a) => /^dynamodb:(Get|Put|Update|Delete)Item$/.test(a));
      return [allow(actions, itemOnly ? getAtt(logicalId('table', name), 'Arn') : tableResources(app, name))];
    }
    case 'topic':
      // Topics are encrypted with the app's key: publishing needs it (kms:GenerateDataKey*, kms:Decrypt).
      return [allow(actions, ref(logicalId('topic', name))), allow(['kms:Decrypt', 'kms:GenerateDataKey*'], getAtt(TOPIC_KEY_ID, 'Arn'))];
    case 'bus':
      return [allow(actions, busArn(app, name))];
    case 'workflow': {
      const id = logicalId('workflow', name);
      const statements = [allow(actions, ref(id))];
      if (i.sync) {
        statements.push(allow(['states:DescribeExecution', 'states:StopExecution'], sub(`arn:\${AWS::Partition}:states:\${AWS::Region}:\${AWS::AccountId}:execution:\${${id}.Name}:*`)));
        statements.push(allow(['events:DescribeRule', 'events:PutRule', 'events:PutTargets'], sub('arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:rule/StepFunctionsGetEventsForStepFunctionsExecutionRule')));
      }
      return statements;
    }
    case 'queue':
      // Queues use SQS-managed encryption (no customer key), so sending needs no KMS grant.
      return [allow(actions, getAtt(logicalId('queue', name), 'Arn'))];
    default:
      return [];
  }
}
