// Least-privilege IAM statements: exactly the actions each access needs, on exactly the
// resources named. Written out rather than via SAM policy templates or SAM's generated role,
// because SAM's role attaches AWS managed poller policies whose SQS/stream actions allow "*".
import { logicalId } from '../model/names.js';
import type { Access, App, UseModel } from '../model/types.js';
import { busArn } from './values.js';
import { getAtt, ref, sub, type Statement } from './template.js';

export const TOPIC_KEY_ID = 'TopicsKey';

const tableRead = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:Scan', 'dynamodb:ConditionCheckItem', 'dynamodb:DescribeTable'];
const tableWrite = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem', 'dynamodb:ConditionCheckItem', 'dynamodb:DescribeTable'];

export function tableActions(access: Access): string[] {
  const set = new Set(access === 'read' ? tableRead : access === 'write' ? tableWrite : [...tableRead, ...tableWrite]);
  return [...set].sort();
}

export function tableResources(app: App, name: string): unknown[] {
  const id = logicalId('table', name);
  const table = app.tables.find((t) => t.name === name);
  return table && table.indexes.length ? [getAtt(id, 'Arn'), sub(`\${${id}.Arn}/index/*`)] : [getAtt(id, 'Arn')];
}

export function allow(action: string | string[], resource: unknown): Statement {
  return { Effect: 'Allow', Action: action, Resource: resource };
}

/** Statements granting what one `uses` entry needs. */
export function useStatements(app: App, use: UseModel): Statement[] {
  switch (use.kind) {
    case 'table':
      return [allow(tableActions(use.access), tableResources(app, use.name))];
    case 'queue':
      return [allow(['sqs:SendMessage', 'sqs:GetQueueAttributes'], getAtt(logicalId('queue', use.name), 'Arn'))];
    case 'topic':
      return [allow('sns:Publish', ref(logicalId('topic', use.name))), allow(['kms:Decrypt', 'kms:GenerateDataKey*'], getAtt(TOPIC_KEY_ID, 'Arn'))];
    case 'bus':
      return [allow('events:PutEvents', busArn(app, use.name))];
    case 'workflow': {
      const wf = app.workflows.find((w) => w.name === use.name);
      const actions = wf?.type === 'express' ? ['states:StartExecution', 'states:StartSyncExecution'] : ['states:StartExecution'];
      return [allow(actions, ref(logicalId('workflow', use.name)))];
    }
    case 'function':
      return [allow('lambda:InvokeFunction', getAtt(logicalId('function', use.name), 'Arn'))];
    case 'secret': {
      const arn = use.secretId.startsWith('arn:')
        ? use.secretId
        : sub(`arn:\${AWS::Partition}:secretsmanager:\${AWS::Region}:\${AWS::AccountId}:secret:${use.secretId}-??????`);
      return [allow('secretsmanager:GetSecretValue', arn)];
    }
  }
}

export function assumeRole(service: string) {
  return {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }],
  };
}

export function policyDocument(statements: Statement[]) {
  return { Version: '2012-10-17', Statement: mergeStatements(statements) };
}

/** Joins statements with the same effect and resource, so roles stay short and readable. */
export function mergeStatements(statements: Statement[]): Statement[] {
  const out: Statement[] = [];
  for (const s of statements) {
    const key = JSON.stringify([s.Effect, s.Resource, s.Principal, s.Condition]);
    const same = out.find((o) => JSON.stringify([o.Effect, o.Resource, o.Principal, o.Condition]) === key);
    if (same) {
      const actions = new Set([...(Array.isArray(same.Action) ? same.Action : [same.Action]), ...(Array.isArray(s.Action) ? s.Action : [s.Action])]);
      same.Action = actions.size === 1 ? [...actions][0]! : [...actions].sort();
    } else out.push({ ...s, Action: Array.isArray(s.Action) ? [...s.Action] : s.Action });
  }
  return out;
}
