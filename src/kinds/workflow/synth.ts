// Each workflow: its log group, its least-privilege role (the functions and service
// integrations its Task states use), and the state machine with its definition substitutions.
import { isFunctionResource } from '../../manifest/asl.js';
import { dynamicReference } from '../../manifest/expressions.js';
import { logicalId, pascal } from '../../core/names.js';
import type { App, WorkflowModel } from '../../model/types.js';
import { Expr, sectionOfRef, type Deep, type Part } from '../../model/values.js';
import { allow, assumeRole, policyDocument } from '../iam.js';
import { getAtt, ref, sub, type Statement, type TemplateBuilder } from '../template.js';
import { attributeValue, resourceValue } from '../values.js';
import { distributedMapStatements, hasDistributedMap, integrationStatements } from './grants.js';
import { policyStatements } from '../policies/index.js';

export function synthWorkflows(app: App, t: TemplateBuilder): void {
  for (const wf of app.workflows) synthWorkflow(app, wf, t);
}

/** Replaces function names and ${kind.name.attr} with ${Placeholders} + DefinitionSubstitutions. */
export function substituteDefinition(app: App, definition: Deep): { definition: unknown; substitutions: Record<string, unknown> } {
  const substitutions: Record<string, unknown> = {};
  const walk = (value: Deep, key?: string): unknown => {
    if (value instanceof Expr) return value.parts.map((p) => placeholder(app, p, substitutions)).join('');
    if (Array.isArray(value)) return value.map((v) => walk(v));
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, k)]));
    if (key === 'Resource' && isFunctionResource(value)) {
      const name = `${pascal(value)}FunctionArn`;
      substitutions[name] = getAtt(logicalId('function', value), 'Arn');
      return `\${${name}}`;
    }
    return value;
  };
  return { definition: walk(definition), substitutions };
}

/** One piece of a definition string: text as it is, a reference as a ${Placeholder} it substitutes. */
function placeholder(app: App, p: Part, substitutions: Record<string, unknown>): string {
  if ('text' in p) return p.text;
  if ('ref' in p) {
    const name = `${pascal(sectionOfRef(p))}${pascal(p.name)}${pascal(p.attr)}`;
    substitutions[name] = attributeValue(app, p.kind, p.name, p.attr);
    return `\${${name}}`;
  }
  if ('resource' in p) {
    const name = `Resources${p.resource}${(p.attr ?? '').replace(/[^A-Za-z0-9]/g, '')}`;
    substitutions[name] = resourceValue(p);
    return `\${${name}}`;
  }
  if ('parameter' in p) {
    const name = `Parameters${p.parameter}`;
    substitutions[name] = ref(p.parameter);
    return `\${${name}}`;
  }
  if ('dynamic' in p) {
    const name = `${pascal(p.dynamic)}${pascal(p.body)}`.slice(0, 200);
    substitutions[name] = dynamicReference(p.dynamic, p.body);
    return `\${${name}}`;
  }
  const name = p.pseudo.replace('AWS::', 'Aws');
  substitutions[name] = ref(p.pseudo);
  return `\${${name}}`;
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
  if (hasDistributedMap(wf.definition)) statements.push(...distributedMapStatements(wf.logicalId));
  statements.push(allow(['xray:GetSamplingRules', 'xray:GetSamplingTargets', 'xray:PutTelemetryRecords', 'xray:PutTraceSegments'], '*'));
  // CloudWatch Logs delivery for Step Functions works only with Resource "*" (AWS documents this).
  statements.push(
    allow(
      ['logs:CreateLogDelivery', 'logs:DeleteLogDelivery', 'logs:DescribeLogGroups', 'logs:DescribeResourcePolicies', 'logs:GetLogDelivery', 'logs:ListLogDeliveries', 'logs:PutResourcePolicy', 'logs:UpdateLogDelivery'],
      '*',
    ),
  );
  statements.push(...policyStatements(app, wf.policies));
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
