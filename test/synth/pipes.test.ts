// What synth makes of pipes, connections and http targets: each pipe's role holds exactly the
// statements its source, enrichment and target need, on exactly those resources; the pipe
// carries its filter, batching and templates; secrets stay references; the templates pass
// cfn-lint and the SAM translator.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compile } from '../../src/pipeline/index.js';
import type { Template } from '../../src/synth/index.js';
import { cfnLint, samTranslate } from '../support/cfn.js';

const yaml = `name: shop
functions:
  enrich: {}
  settle: {}
tables:
  users: { partitionKey: id, stream: newAndOld }
queues:
  orders: {}
  jobs: { fifo: true }
topics:
  news: {}
buses:
  app: {}
workflows:
  fulfil: { type: express, definition: { StartAt: P, States: { P: { Type: Pass, End: true } } } }
  archive: { definition: { StartAt: P, States: { P: { Type: Pass, End: true } } } }
connections:
  hooks:
    auth:
      apiKey: { header: x-api-key, value: '\${secret:hooks-key}' }
  partner:
    auth:
      oauth: { endpoint: 'https://auth.example.com/token', clientId: eda, clientSecret: '\${secret:partner:clientSecret}', scope: events.write }
rules:
  notify:
    bus: app
    pattern: { source: [shop] }
    targets:
      - http: { url: 'https://hooks.example.com/orders', connection: hooks, rateLimit: 10 }
      - http: { url: 'https://partner.example.com/in', method: PUT, connection: partner }
pipes:
  orders-to-fulfil:
    source: { queue: orders, batchSize: 5, batchWindow: 2 }
    filter: { body: { type: [placed] } }
    enrichment: { function: enrich, input: '{"id": <$.body.id>}' }
    target: { workflow: fulfil }
  users-to-news:
    source: { table: users, startingPosition: trimHorizon, maxRetries: 2 }
    enrichment: { workflow: fulfil }
    target: { topic: news }
  users-to-jobs:
    source: { table: users }
    target: { queue: jobs }
  orders-to-archive:
    enabled: false
    source: { queue: orders }
    target: { workflow: archive, input: '<$.body>' }
  users-to-app:
    source: { table: users, batchSize: 10 }
    target: { bus: app, source: shop.users, detailType: UserChanged }
  orders-to-settle:
    source: { queue: orders }
    target: { function: settle, invocation: fireAndForget }
`;

let template: Template;
let file: string;
const res = (id: string) => (template.Resources as Record<string, { Type: string; Properties: Record<string, any> }>)[id]!;
const statements = (roleId: string) => res(roleId).Properties.Policies[0].PolicyDocument.Statement;
const getAtt = (id: string, attr: string) => ({ 'Fn::GetAtt': [id, attr] });

beforeAll(async () => {
  const out = await compile({ cwd: mkdtempSync(path.join(tmpdir(), 'eda-pipes-synth-')), text: yaml });
  template = out.template;
  file = path.join(mkdtempSync(path.join(tmpdir(), 'eda-pipes-tpl-')), 'template.yaml');
  writeFileSync(file, out.templateText);
});

describe('a pipe role', () => {
  it('queue → function enrichment → express workflow: read the queue, invoke the function, start sync executions', () => {
    expect(res('OrdersToFulfilPipeRole').Properties.AssumeRolePolicyDocument.Statement).toEqual([
      { Effect: 'Allow', Principal: { Service: 'pipes.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } } },
    ]);
    expect(statements('OrdersToFulfilPipeRole')).toEqual([
      { Effect: 'Allow', Action: ['sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:ReceiveMessage'], Resource: getAtt('OrdersQueue', 'Arn') },
      { Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: getAtt('EnrichFunction', 'Arn') },
      { Effect: 'Allow', Action: 'states:StartSyncExecution', Resource: { Ref: 'FulfilStateMachine' } },
    ]);
  });

  it('stream → express enrichment → encrypted topic: the stream, its DLQ, the workflow, publish and the topics key', () => {
    expect(statements('UsersToNewsPipeRole')).toEqual([
      { Effect: 'Allow', Action: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams'], Resource: getAtt('UsersTable', 'StreamArn') },
      { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: getAtt('UsersToNewsPipeDlq', 'Arn') },
      { Effect: 'Allow', Action: 'states:StartSyncExecution', Resource: { Ref: 'FulfilStateMachine' } },
      { Effect: 'Allow', Action: 'sns:Publish', Resource: { Ref: 'NewsTopic' } },
      { Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey*'], Resource: getAtt('TopicsKey', 'Arn') },
    ]);
  });

  it('standard workflow, queue, bus and async function targets: exactly their one action', () => {
    expect(statements('OrdersToArchivePipeRole')[1]).toEqual({ Effect: 'Allow', Action: 'states:StartExecution', Resource: { Ref: 'ArchiveStateMachine' } });
    expect(statements('UsersToJobsPipeRole')[2]).toEqual({ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: getAtt('JobsQueue', 'Arn') });
    expect(statements('UsersToAppPipeRole')[2]).toEqual({ Effect: 'Allow', Action: 'events:PutEvents', Resource: getAtt('AppBus', 'Arn') });
    expect(statements('OrdersToSettlePipeRole')[1]).toEqual({ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: getAtt('SettleFunction', 'Arn') });
    for (const id of Object.keys(template.Resources as object).filter((k) => k.endsWith('PipeRole'))) {
      for (const s of statements(id)) expect(s.Resource, `${id} ${JSON.stringify(s.Action)}`).not.toBe('*');
    }
  });
});

describe('the pipe', () => {
  it('carries its filter, batching, enrichment template and invocation type', () => {
    expect(res('OrdersToFulfilPipe')).toEqual({
      Type: 'AWS::Pipes::Pipe',
      Properties: {
        Description: 'Pipe orders-to-fulfil of shop',
        DesiredState: 'RUNNING',
        RoleArn: getAtt('OrdersToFulfilPipeRole', 'Arn'),
        Source: getAtt('OrdersQueue', 'Arn'),
        SourceParameters: { FilterCriteria: { Filters: [{ Pattern: '{"body":{"type":["placed"]}}' }] }, SqsQueueParameters: { BatchSize: 5, MaximumBatchingWindowInSeconds: 2 } },
        Enrichment: getAtt('EnrichFunction', 'Arn'),
        EnrichmentParameters: { InputTemplate: '{"id": <$.body.id>}' },
        Target: { Ref: 'FulfilStateMachine' },
        TargetParameters: { StepFunctionStateMachineParameters: { InvocationType: 'REQUEST_RESPONSE' } },
      },
    });
  });

  it('reads a stream from its starting position, retries, bisects and dead-letters', () => {
    expect(res('UsersToNewsPipe').Properties.SourceParameters).toEqual({
      DynamoDBStreamParameters: { StartingPosition: 'TRIM_HORIZON', BatchSize: 10, MaximumRetryAttempts: 2, OnPartialBatchItemFailure: 'AUTOMATIC_BISECT', DeadLetterConfig: { Arn: getAtt('UsersToNewsPipeDlq', 'Arn') } },
    });
    expect(res('UsersToJobsPipe').Properties.SourceParameters.DynamoDBStreamParameters.BatchSize).toBe(10);
    expect(res('UsersToJobsPipe').Properties.TargetParameters).toEqual({ SqsQueueParameters: { MessageGroupId: 'users-to-jobs' } });
    expect(res('UsersToAppPipe').Properties.TargetParameters).toEqual({ EventBridgeEventBusParameters: { Source: 'shop.users', DetailType: 'UserChanged' } });
    expect(res('OrdersToArchivePipe').Properties).toMatchObject({ DesiredState: 'STOPPED', TargetParameters: { InputTemplate: '<$.body>', StepFunctionStateMachineParameters: { InvocationType: 'FIRE_AND_FORGET' } } });
    expect(res('OrdersToSettlePipe').Properties.TargetParameters).toEqual({ LambdaFunctionParameters: { InvocationType: 'FIRE_AND_FORGET' } });
  });

  it('keeps its queue messages invisible for 6 × what it waits for, unless app.yaml sets visibilityTimeout', () => {
    // orders-to-fulfil waits for enrich (10 s) and the express workflow fulfil (up to 300 s), with a 2 s window
    expect(res('OrdersQueue').Properties.VisibilityTimeout).toBe(6 * (10 + 300) + 2);
  });

  it('has an alarm on failed executions and on its dead-letter queue', () => {
    expect(res('UsersToNewsPipeFailedAlarm').Properties).toMatchObject({ Namespace: 'AWS/EventBridge/Pipes', MetricName: 'ExecutionFailed', Dimensions: [{ Name: 'PipeName', Value: { Ref: 'UsersToNewsPipe' } }] });
    expect(res('UsersToNewsPipeDlqDepthAlarm').Properties).toMatchObject({ MetricName: 'ApproximateNumberOfMessagesVisible', AlarmDescription: 'Messages are waiting in the batches pipe users-to-news gave up on' });
  });
});

describe('API destinations', () => {
  it('makes a connection whose secrets are dynamic references', () => {
    expect(res('HooksConnection').Properties).toEqual({
      Description: 'Connection hooks of shop',
      AuthorizationType: 'API_KEY',
      AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'x-api-key', ApiKeyValue: '{{resolve:secretsmanager:hooks-key:SecretString}}' } },
    });
    expect(res('PartnerConnection').Properties.AuthParameters.OAuthParameters).toEqual({
      AuthorizationEndpoint: 'https://auth.example.com/token',
      HttpMethod: 'POST',
      ClientParameters: { ClientID: 'eda', ClientSecret: '{{resolve:secretsmanager:partner:SecretString:clientSecret}}' },
      OAuthHttpParameters: { BodyParameters: [{ Key: 'scope', Value: 'events.write', IsValueSecret: false }] },
    });
  });

  it('makes a destination per http target, and a rule role invoking exactly those', () => {
    expect(res('NotifyRuleDestination1').Properties).toEqual({ Description: 'POST https://hooks.example.com/orders', ConnectionArn: getAtt('HooksConnection', 'Arn'), InvocationEndpoint: 'https://hooks.example.com/orders', HttpMethod: 'POST', InvocationRateLimitPerSecond: 10 });
    expect(res('NotifyRuleDestination2').Properties).toMatchObject({ HttpMethod: 'PUT', InvocationRateLimitPerSecond: 300, ConnectionArn: getAtt('PartnerConnection', 'Arn') });
    expect(statements('NotifyRuleRole')).toEqual([
      { Effect: 'Allow', Action: 'events:InvokeApiDestination', Resource: getAtt('NotifyRuleDestination1', 'Arn') },
      { Effect: 'Allow', Action: 'events:InvokeApiDestination', Resource: getAtt('NotifyRuleDestination2', 'Arn') },
    ]);
    expect(res('NotifyRule').Properties.Targets[0]).toMatchObject({ Id: 'api-destination-1', Arn: getAtt('NotifyRuleDestination1', 'Arn'), RoleArn: getAtt('NotifyRuleRole', 'Arn'), DeadLetterConfig: { Arn: getAtt('NotifyRuleDlq', 'Arn') } });
  });
});

describe('the template', () => {
  it('is clean under cfn-lint and accepted by the SAM translator', async () => {
    const lint = await cfnLint([file]);
    expect(lint.output).toBe('');
    const [translated] = await samTranslate([file]);
    expect(translated!.errors ?? []).toEqual([]);
    expect(translated!.resources).toMatchObject({ OrdersToFulfilPipe: 'AWS::Pipes::Pipe', HooksConnection: 'AWS::Events::Connection', NotifyRuleDestination1: 'AWS::Events::ApiDestination' });
  }, 300_000);
});
