import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describePaths, diffTemplates } from '../../src/deploy/diff.js';
import { iamDiff, iamRows, renderValue } from '../../src/deploy/iam.js';

const fixture = JSON.parse(readFileSync(new URL('./fixtures/basic/template.json', import.meta.url), 'utf8'));
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v));

describe('IAM broadening', () => {
  it('lists every grant in a template: role trust and inline statements, SAM event permissions', () => {
    const rows = iamRows(fixture);
    expect(rows).toContainEqual({
      resource: 'WorkerFunctionRole',
      kind: 'trust',
      effect: 'Allow',
      actions: 'sts:AssumeRole',
      principal: 'Service:lambda.amazonaws.com',
      target: '',
      condition: '',
    });
    expect(rows).toContainEqual(expect.objectContaining({ resource: 'WorkerFunctionRole', actions: 'dynamodb:PutItem', target: '${OrdersTable.Arn}' }));
    // The function has an explicit Role, so its SQS event adds no implicit policy.
    expect(rows.some((r) => r.resource.startsWith('WorkerFunction.'))).toBe(false);
  });

  it('reports no broadening for an unchanged template or a non-IAM change', () => {
    const next = clone(fixture);
    next.Resources.JobsQueue.Properties.VisibilityTimeout = 120;
    expect(iamDiff(fixture, next)).toEqual({ added: [], removed: [], broadening: [] });
  });

  it('calls out a new action on a role as broadening, and a removed one as narrowing', () => {
    const next = clone(fixture);
    next.Resources.WorkerFunctionRole.Properties.Policies[0].PolicyDocument.Statement[0].Action = ['dynamodb:PutItem', 'dynamodb:DeleteItem'];
    const d = iamDiff(fixture, next);
    expect(d.broadening).toHaveLength(1);
    expect(d.added[0]).toMatchObject({ resource: 'WorkerFunctionRole', actions: 'dynamodb:DeleteItem, dynamodb:PutItem' });
    expect(d.removed[0]).toMatchObject({ actions: 'dynamodb:PutItem' });

    const narrower = iamDiff(next, fixture);
    expect(narrower.added[0]).toMatchObject({ actions: 'dynamodb:PutItem' });
    expect(narrower.removed[0]).toMatchObject({ actions: 'dynamodb:DeleteItem, dynamodb:PutItem' });
    // The statement now grants a subset of what it granted: nothing widens.
    expect(narrower.broadening).toEqual([]);
  });

  it('counts a statement as widening when it gains an action or a target, even if it also loses some', () => {
    const write = clone(fixture);
    const statement = write.Resources.WorkerFunctionRole.Properties.Policies[0].PolicyDocument.Statement[0];
    statement.Action = ['dynamodb:PutItem', 'dynamodb:DeleteItem'];
    const read = clone(fixture);
    read.Resources.WorkerFunctionRole.Properties.Policies[0].PolicyDocument.Statement[0].Action = ['dynamodb:GetItem', 'dynamodb:PutItem'];
    expect(iamDiff(write, read).broadening).toHaveLength(1);

    const fewerTargets = clone(fixture);
    const moreTargets = clone(fixture);
    moreTargets.Resources.WorkerFunctionRole.Properties.Policies[0].PolicyDocument.Statement[0].Resource = [
      statement.Resource,
      { 'Fn::Sub': '${OrdersTable.Arn}/index/*' },
    ];
    expect(iamDiff(fewerTargets, moreTargets).broadening).toHaveLength(1);
    expect(iamDiff(moreTargets, fewerTargets).broadening).toEqual([]);
  });

  it('treats a new Deny as narrowing and a removed Deny as broadening', () => {
    const withDeny = clone(fixture);
    withDeny.Resources.WorkerFunctionRole.Properties.Policies[0].PolicyDocument.Statement.push({ Effect: 'Deny', Action: 's3:*', Resource: '*' });
    expect(iamDiff(fixture, withDeny).broadening).toEqual([]);
    expect(iamDiff(withDeny, fixture).broadening).toEqual([expect.objectContaining({ effect: 'Deny', actions: 's3:*' })]);
  });

  it('sees SAM policies, managed policies, implied event permissions, Lambda permissions and resource policies', () => {
    const next = clone(fixture);
    next.Resources.Api = {
      Type: 'AWS::Serverless::Function',
      Properties: {
        Handler: 'api.handler',
        Policies: ['AWSLambdaBasicExecutionRole', { DynamoDBReadPolicy: { TableName: { Ref: 'OrdersTable' } } }, { Statement: [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: { 'Fn::GetAtt': ['JobsQueue', 'Arn'] } }] }],
        Events: {
          Get: { Type: 'HttpApi', Properties: { Path: '/x', Method: 'GET' } },
          Jobs: { Type: 'SQS', Properties: { Queue: { 'Fn::GetAtt': ['JobsQueue', 'Arn'] } } },
        },
      },
    };
    next.Resources.Invoke = { Type: 'AWS::Lambda::Permission', Properties: { Action: 'lambda:InvokeFunction', FunctionName: { Ref: 'Api' }, Principal: 'sns.amazonaws.com', SourceArn: { Ref: 'Topic' } } };
    next.Resources.JobsQueuePolicy = {
      Type: 'AWS::SQS::QueuePolicy',
      Properties: { Queues: [{ Ref: 'JobsQueue' }], PolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: '*' }] } },
    };
    const d = iamDiff(fixture, next);
    const summary = d.added.map((r) => `${r.resource}|${r.kind}|${r.actions}|${r.principal}|${r.target}|${r.condition}`);
    expect(summary).toEqual([
      'Api|managed|||AWSLambdaBasicExecutionRole|',
      'Api|sam-policy|DynamoDBReadPolicy||{"TableName":{"Ref":"OrdersTable"}}|',
      'Api|policy|sqs:SendMessage||${JobsQueue.Arn}|',
      'Api.Get|invoke|lambda:InvokeFunction|Service:apigateway.amazonaws.com|${Api}|',
      'Api.Jobs|policy|sqs:ChangeMessageVisibility, sqs:DeleteMessage, sqs:GetQueueAttributes, sqs:ReceiveMessage||${JobsQueue.Arn}|',
      'Invoke|invoke|lambda:InvokeFunction|sns.amazonaws.com|${Api}|SourceArn=${Topic}',
      'JobsQueuePolicy|resource-policy|sqs:SendMessage|Service:sns.amazonaws.com|*|',
    ]);
    expect(d.broadening).toHaveLength(7);
  });

  it('renders intrinsics readably', () => {
    expect(renderValue({ Ref: 'X' })).toBe('${X}');
    expect(renderValue({ 'Fn::GetAtt': ['X', 'Arn'] })).toBe('${X.Arn}');
    expect(renderValue({ 'Fn::Sub': '${X.Arn}/*' })).toBe('${X.Arn}/*');
    expect(renderValue({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::b']] })).toBe('arn:${AWS::Partition}:s3:::b');
  });
});

describe('template diff', () => {
  it('reports added, modified (with paths) and removed resources, and outputs', () => {
    const next = clone(fixture);
    next.Resources.JobsQueue.Properties.VisibilityTimeout = 120;
    next.Resources.Reports = { Type: 'AWS::SQS::Queue' };
    delete next.Resources.JobsDlq;
    next.Outputs.Extra = { Value: 'x' };
    const d = diffTemplates(fixture, next);
    expect(d.resources).toEqual([
      { action: 'Add', logicalId: 'Reports', type: 'AWS::SQS::Queue', paths: [] },
      { action: 'Modify', logicalId: 'JobsQueue', type: 'AWS::SQS::Queue', paths: ['Properties.VisibilityTimeout'] },
      { action: 'Remove', logicalId: 'JobsDlq', type: 'AWS::SQS::Queue', paths: [] },
    ]);
    expect(d.outputs).toEqual([{ action: 'Add', name: 'Extra' }]);
    expect(d.changed).toBe(true);
    expect(diffTemplates(fixture, clone(fixture)).changed).toBe(false);
  });

  it('shows a Globals change on each function it affects, and code changes as "code"', () => {
    const next = clone(fixture);
    next.Globals.Function.MemorySize = 512;
    next.Resources.WorkerFunction.Properties.CodeUri = { Bucket: 'b', Key: 'assets/new.zip' };
    const before = clone(fixture);
    before.Resources.WorkerFunction.Properties.CodeUri = { Bucket: 'b', Key: 'assets/old.zip' };
    const d = diffTemplates(before, next);
    expect(d.resources).toEqual([{ action: 'Modify', logicalId: 'WorkerFunction', type: 'AWS::Serverless::Function', paths: ['Properties.CodeUri.Key', 'Properties.MemorySize'] }]);
    expect(d.sections).toEqual([]);
    expect(describePaths(d.resources[0]!.paths)).toBe('code, MemorySize');
  });

  it('against nothing deployed, everything is added', () => {
    const d = diffTemplates(undefined, fixture);
    expect(d.resources.every((r) => r.action === 'Add')).toBe(true);
    expect(d.resources).toHaveLength(Object.keys(fixture.Resources).length);
    expect(d.iam.added.length).toBeGreaterThan(0);
  });
});
