import { describe, expect, it } from 'vitest';
import { keptResources } from '../../src/cli/commands/destroy.js';
import { bootstrapTemplate, bucketFromStack, ensureBucket, needsApiGatewayLogsRole } from '../../src/deploy/bootstrap.js';
import { iamRows } from '../../src/deploy/iam.js';
import { dispositionFor, isFailureStatus, isInProgress, isSuccess, isTerminal } from '../../src/deploy/status.js';
import { latestOperation, watchStack } from '../../src/deploy/watch.js';
import { fakeAws } from './fakes.js';

const ALL = [
  'CREATE_IN_PROGRESS', 'CREATE_FAILED', 'CREATE_COMPLETE',
  'ROLLBACK_IN_PROGRESS', 'ROLLBACK_FAILED', 'ROLLBACK_COMPLETE',
  'DELETE_IN_PROGRESS', 'DELETE_FAILED', 'DELETE_COMPLETE',
  'UPDATE_IN_PROGRESS', 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS', 'UPDATE_COMPLETE', 'UPDATE_FAILED',
  'UPDATE_ROLLBACK_IN_PROGRESS', 'UPDATE_ROLLBACK_FAILED', 'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS', 'UPDATE_ROLLBACK_COMPLETE',
  'REVIEW_IN_PROGRESS',
  'IMPORT_IN_PROGRESS', 'IMPORT_COMPLETE', 'IMPORT_ROLLBACK_IN_PROGRESS', 'IMPORT_ROLLBACK_FAILED', 'IMPORT_ROLLBACK_COMPLETE',
];

describe('what a deploy does with each stack status', () => {
  it('has a decision for every CloudFormation stack status', () => {
    const table = Object.fromEntries(ALL.map((s) => [s, dispositionFor('app-dev', s).kind]));
    expect(table).toEqual({
      CREATE_IN_PROGRESS: 'busy',
      CREATE_FAILED: 'broken',
      CREATE_COMPLETE: 'update',
      ROLLBACK_IN_PROGRESS: 'busy',
      ROLLBACK_FAILED: 'broken',
      ROLLBACK_COMPLETE: 'recreate',
      DELETE_IN_PROGRESS: 'busy',
      DELETE_FAILED: 'broken',
      DELETE_COMPLETE: 'create',
      UPDATE_IN_PROGRESS: 'busy',
      UPDATE_COMPLETE_CLEANUP_IN_PROGRESS: 'busy',
      UPDATE_COMPLETE: 'update',
      UPDATE_FAILED: 'update',
      UPDATE_ROLLBACK_IN_PROGRESS: 'busy',
      UPDATE_ROLLBACK_FAILED: 'broken',
      UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS: 'busy',
      UPDATE_ROLLBACK_COMPLETE: 'update',
      REVIEW_IN_PROGRESS: 'recreate',
      IMPORT_IN_PROGRESS: 'busy',
      IMPORT_COMPLETE: 'update',
      IMPORT_ROLLBACK_IN_PROGRESS: 'busy',
      IMPORT_ROLLBACK_FAILED: 'broken',
      IMPORT_ROLLBACK_COMPLETE: 'update',
    });
    expect(dispositionFor('app-dev', undefined).kind).toBe('create');
  });

  it('classifies statuses for watching and reporting', () => {
    expect(ALL.filter(isInProgress)).toHaveLength(10);
    expect(isTerminal('REVIEW_IN_PROGRESS')).toBe(true);
    expect(isTerminal('UPDATE_COMPLETE_CLEANUP_IN_PROGRESS')).toBe(false);
    expect(ALL.filter(isSuccess)).toEqual(['CREATE_COMPLETE', 'DELETE_COMPLETE', 'UPDATE_COMPLETE', 'IMPORT_COMPLETE']);
    expect(isFailureStatus('UPDATE_ROLLBACK_COMPLETE')).toBe(true);
    expect(isFailureStatus('UPDATE_COMPLETE')).toBe(false);
  });
});

describe('watching', () => {
  it('does not hang on a stack that never leaves REVIEW_IN_PROGRESS', async () => {
    const f = fakeAws();
    const s = f.cfn.addStack({ StackName: 'app-dev', StackStatus: 'REVIEW_IN_PROGRESS' });
    const result = await watchStack({ cfn: f.cfn, clock: f.clock, stack: s.StackId, stackName: 'app-dev', marker: s.events[0]!.EventId, statusBefore: 'REVIEW_IN_PROGRESS', pollMs: 5_000, startTimeoutMs: 30_000 });
    expect(result.status).toBe('REVIEW_IN_PROGRESS');
    expect(f.clock.t - Date.UTC(2026, 0, 1, 12)).toBeLessThanOrEqual(40_000);
  });

  it('does not stop early when DescribeStacks still shows the old status but the events show the update running', async () => {
    const f = fakeAws();
    const s = f.cfn.addStack({ StackName: 'app-dev', StackStatus: 'UPDATE_COMPLETE' });
    const marker = s.events[0]!.EventId;
    // The update has begun (its event is out) but DescribeStacks lags one poll behind.
    s.events.unshift(f.cfn.event(s, { LogicalResourceId: 'app-dev', ResourceType: 'AWS::CloudFormation::Stack', ResourceStatus: 'UPDATE_IN_PROGRESS' }));
    let polls = 0;
    const cfn = {
      ...f.cfn,
      describeStackEvents: f.cfn.describeStackEvents.bind(f.cfn),
      describeStack: async (name: string) => {
        polls++;
        if (polls === 3) {
          s.events.unshift(f.cfn.event(s, { LogicalResourceId: 'app-dev', ResourceType: 'AWS::CloudFormation::Stack', ResourceStatus: 'UPDATE_COMPLETE' }));
        }
        return f.cfn.describeStack(name);
      },
    };
    const result = await watchStack({ cfn: cfn as never, clock: f.clock, stack: s.StackId, stackName: 'app-dev', marker, statusBefore: 'UPDATE_COMPLETE', pollMs: 1000 });
    expect(polls).toBe(3);
    expect(result.status).toBe('UPDATE_COMPLETE');
    expect(result.events.map((e) => e.ResourceStatus)).toEqual(['UPDATE_IN_PROGRESS', 'UPDATE_COMPLETE']);
  });

  it('finds the latest operation for `eda status --watch` (replaying it from its start)', async () => {
    const f = fakeAws();
    const s = f.cfn.addStack({ StackName: 'app-dev', StackStatus: 'UPDATE_COMPLETE' });
    const ev = (LogicalResourceId: string, ResourceStatus: string, ResourceType = 'AWS::SQS::Queue') => s.events.unshift(f.cfn.event(s, { LogicalResourceId, ResourceStatus: ResourceStatus as never, ResourceType }));
    ev('app-dev', 'UPDATE_IN_PROGRESS', 'AWS::CloudFormation::Stack');
    ev('Q', 'UPDATE_IN_PROGRESS');
    ev('Q', 'UPDATE_COMPLETE');
    ev('R', 'UPDATE_IN_PROGRESS');
    ev('R', 'UPDATE_FAILED');
    ev('app-dev', 'UPDATE_ROLLBACK_IN_PROGRESS', 'AWS::CloudFormation::Stack');
    ev('Q', 'UPDATE_IN_PROGRESS');
    const op = await latestOperation(f.cfn, s.StackId, 'app-dev');
    expect(op.events.map((e) => `${e.LogicalResourceId} ${e.ResourceStatus}`)).toEqual([
      'app-dev UPDATE_IN_PROGRESS',
      'Q UPDATE_IN_PROGRESS',
      'Q UPDATE_COMPLETE',
      'R UPDATE_IN_PROGRESS',
      'R UPDATE_FAILED',
      'app-dev UPDATE_ROLLBACK_IN_PROGRESS',
      'Q UPDATE_IN_PROGRESS',
    ]);
    expect(op.newest).toBe(s.events[0]!.EventId);
  });
});

describe('bootstrap stack', () => {
  it('holds an encrypted, private, TLS-only bucket with lifecycle rules, retained on deletion', () => {
    const t = bootstrapTemplate();
    const bucket = t.Resources.ArtifactsBucket;
    expect(bucket.DeletionPolicy).toBe('Retain');
    expect(bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm).toBe('AES256');
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    expect(bucket.Properties.LifecycleConfiguration.Rules.map((r: { Id: string }) => r.Id)).toEqual(['expire-templates', 'expire-old-assets', 'abort-incomplete-uploads']);
    const deny = iamRows(t).find((r) => r.effect === 'Deny')!;
    expect(deny).toMatchObject({ actions: 's3:*', principal: '*', condition: '{"Bool":{"aws:SecureTransport":"false"}}' });
    expect(t.Outputs.BucketName.Value).toEqual({ Ref: 'ArtifactsBucket' });
  });

  it('creates the bootstrap stack on first use, then reuses its bucket', async () => {
    const f = fakeAws();
    f.cfn.script = {
      batches: [[{ LogicalResourceId: 'eda-bootstrap', ResourceType: 'AWS::CloudFormation::Stack', ResourceStatus: 'CREATE_IN_PROGRESS' }]],
      finalStatus: 'CREATE_COMPLETE',
      outputs: [{ OutputKey: 'BucketName', OutputValue: 'eda-bootstrap-artifactsbucket-abc' }],
    };
    const info: string[] = [];
    const reporter = { info: (m: string) => void info.push(m), changeSet: () => {}, confirm: async () => false };
    const bucket = await ensureBucket(f.aws, { clock: f.clock, reporter }, { create: true });
    expect(bucket).toBe('eda-bootstrap-artifactsbucket-abc');
    expect(info[0]).toMatch(/Setting up the artifacts bucket \(stack eda-bootstrap in us-east-1\)/);
    f.cfn.calls.length = 0;
    expect(await ensureBucket(f.aws, { clock: f.clock, reporter }, { create: true })).toBe('eda-bootstrap-artifactsbucket-abc');
    expect(f.cfn.ops()).toEqual(['describeStack']);
    expect(bucketFromStack(undefined)).toBeUndefined();
    const g = fakeAws();
    expect(await ensureBucket(g.aws, { clock: g.clock, reporter }, { create: false })).toBeUndefined();
  });
});

describe("bootstrap stack: API Gateway's CloudWatch role", () => {
  it('sets the account-level role REST API access logs need, keeping the role if the stack is deleted', () => {
    const t = bootstrapTemplate();
    const role = t.Resources.ApiGatewayCloudWatchRole;
    expect(role.DeletionPolicy).toBe('Retain');
    expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([{ Effect: 'Allow', Principal: { Service: 'apigateway.amazonaws.com' }, Action: 'sts:AssumeRole' }]);
    expect(JSON.stringify(role.Properties.ManagedPolicyArns)).toContain('service-role/AmazonAPIGatewayPushToCloudWatchLogs');
    expect(t.Resources.ApiGatewayAccount).toEqual({ Type: 'AWS::ApiGateway::Account', Properties: { CloudWatchRoleArn: { 'Fn::GetAtt': ['ApiGatewayCloudWatchRole', 'Arn'] } } });
    expect(t.Outputs.Version.Value).toBe('2');
  });

  it('is needed by templates whose WebSocket API stage writes access logs', () => {
    expect(needsApiGatewayLogsRole({ Resources: { S: { Type: 'AWS::ApiGatewayV2::Stage', Properties: { AccessLogSettings: { DestinationArn: 'x' } } } } })).toBe(true);
    expect(needsApiGatewayLogsRole({ Resources: { S: { Type: 'AWS::ApiGatewayV2::Stage', Properties: { StageName: 'dev' } } } })).toBe(false);
  });

  it('is needed only by templates with a REST API that writes access logs', () => {
    expect(needsApiGatewayLogsRole({ Resources: { A: { Type: 'AWS::Serverless::Api', Properties: { AccessLogSetting: { DestinationArn: 'x' } } } } })).toBe(true);
    expect(needsApiGatewayLogsRole({ Resources: { A: { Type: 'AWS::Serverless::Api', Properties: {} } } })).toBe(false);
    expect(needsApiGatewayLogsRole({ Resources: { A: { Type: 'AWS::Serverless::HttpApi', Properties: { AccessLogSettings: {} } } } })).toBe(false);
  });

  it('updates a version-1 bootstrap stack when a deploy needs the role, and leaves a current one alone', async () => {
    const f = fakeAws();
    const outputs = (version: string) => [
      { OutputKey: 'BucketName', OutputValue: 'eda-bootstrap-artifactsbucket-abc' },
      { OutputKey: 'Version', OutputValue: version },
    ];
    f.cfn.addStack({ StackName: 'eda-bootstrap', StackStatus: 'CREATE_COMPLETE', Outputs: outputs('1'), template: '{"Resources":{}}' });
    f.cfn.script = { batches: [[]], finalStatus: 'UPDATE_COMPLETE', outputs: outputs('2') };
    const info: string[] = [];
    const reporter = { info: (m: string) => void info.push(m), changeSet: () => {}, confirm: async () => false };
    expect(await ensureBucket(f.aws, { clock: f.clock, reporter }, { create: true })).toBe('eda-bootstrap-artifactsbucket-abc');
    expect(f.cfn.ops()).toEqual(['describeStack']);
    expect(await ensureBucket(f.aws, { clock: f.clock, reporter }, { create: true, minVersion: 2 })).toBe('eda-bootstrap-artifactsbucket-abc');
    expect(info[0]).toMatch(/Updating stack eda-bootstrap in us-east-1 to version 2: REST API access logs need API Gateway's CloudWatch role/);
    expect(f.cfn.ops()).toContain('executeChangeSet');
    f.cfn.calls.length = 0;
    expect(await ensureBucket(f.aws, { clock: f.clock, reporter }, { create: true, minVersion: 2 })).toBe('eda-bootstrap-artifactsbucket-abc');
    expect(f.cfn.ops()).toEqual(['describeStack']);
  });
});

describe('destroy', () => {
  it('lists what a deletion keeps: Retain and RetainExceptOnCreate resources that exist, and snapshots', () => {
    const template = {
      Resources: {
        Table: { Type: 'AWS::DynamoDB::Table', DeletionPolicy: 'Retain' },
        Dlq: { Type: 'AWS::SQS::Queue', DeletionPolicy: 'RetainExceptOnCreate' },
        Db: { Type: 'AWS::RDS::DBInstance', DeletionPolicy: 'Snapshot' },
        Queue: { Type: 'AWS::SQS::Queue' },
        NeverCreated: { Type: 'AWS::S3::Bucket', DeletionPolicy: 'Retain' },
      },
    };
    const physical = new Map([
      ['Table', { type: 'AWS::DynamoDB::Table', physicalId: 'app-dev-Table-1' }],
      ['Dlq', { type: 'AWS::SQS::Queue', physicalId: 'https://sqs/dlq' }],
      ['Db', { type: 'AWS::RDS::DBInstance', physicalId: 'db-1' }],
      ['Queue', { type: 'AWS::SQS::Queue', physicalId: 'https://sqs/q' }],
    ]);
    expect(keptResources(template, physical)).toEqual([
      { logicalId: 'Db', type: 'AWS::RDS::DBInstance', physicalId: 'db-1', policy: 'Snapshot' },
      { logicalId: 'Dlq', type: 'AWS::SQS::Queue', physicalId: 'https://sqs/dlq', policy: 'RetainExceptOnCreate' },
      { logicalId: 'Table', type: 'AWS::DynamoDB::Table', physicalId: 'app-dev-Table-1', policy: 'Retain' },
    ]);
  });
});
