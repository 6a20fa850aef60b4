// Every service integration a workflow Task can call: the state machine's role grants exactly
// the IAM actions AWS documents for it, on exactly the resource the Task's parameters name.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { compile } from '../../src/pipeline/index.js';
import { serializeTemplate, type Template } from '../../src/synth/index.js';
import { cfnLint } from '../support/cfn.js';
import { tempDir } from '../support/cli.js';

const task = (Resource: string, Parameters: Record<string, unknown>) => ({ StartAt: 'T', States: { T: { Type: 'Task', Resource, Parameters, End: true } } });

const app = {
  name: 'wfiam',
  functions: { worker: {} },
  tables: { orders: { partitionKey: 'id' }, events: { partitionKey: 'id', indexes: { byKind: { partitionKey: 'kind' } } } },
  queues: { jobs: {} },
  topics: { news: {} },
  buses: { shop: {} },
  buckets: { data: {} },
  workflows: {
    child: { definition: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } } },
    putItem: { definition: task('arn:aws:states:::dynamodb:putItem', { TableName: '${tables.orders.name}', Item: { id: { 'S.$': '$.id' } } }) },
    getItem: { definition: task('arn:aws:states:::dynamodb:getItem', { TableName: '${tables.orders.name}', Key: { id: { 'S.$': '$.id' } } }) },
    send: { definition: task('arn:aws:states:::sqs:sendMessage', { QueueUrl: '${queues.jobs.url}', 'MessageBody.$': '$' }) },
    publish: { definition: task('arn:aws:states:::sns:publish', { TopicArn: '${topics.news.arn}', 'Message.$': '$' }) },
    publishWait: { definition: task('arn:aws:states:::sns:publish.waitForTaskToken', { TopicArn: '${topics.news.arn}', Message: { 'token.$': '$$.Task.Token' } }) },
    putEvents: { definition: task('arn:aws:states:::events:putEvents', { Entries: [{ EventBusName: '${buses.shop.name}', Source: 's', DetailType: 'd', 'Detail.$': '$' }] }) },
    putDefault: { definition: task('arn:aws:states:::events:putEvents', { Entries: [{ Source: 's', DetailType: 'd', 'Detail.$': '$' }] }) },
    start: { definition: task('arn:aws:states:::states:startExecution', { StateMachineArn: '${workflows.child.arn}', 'Input.$': '$' }) },
    startSync: { definition: task('arn:aws:states:::states:startExecution.sync:2', { StateMachineArn: '${workflows.child.arn}', 'Input.$': '$' }) },
    invoke: { definition: task('arn:aws:states:::lambda:invoke', { FunctionName: '${functions.worker.arn}', 'Payload.$': '$' }) },
    sdkQuery: { definition: task('arn:aws:states:::aws-sdk:dynamodb:query', { TableName: '${tables.events.name}', IndexName: 'byKind', KeyConditionExpression: 'kind = :k', ExpressionAttributeValues: { ':k': { S: 'x' } } }) },
    sdkSend: { definition: task('arn:aws:states:::aws-sdk:sqs:sendMessage', { QueueUrl: '${queues.jobs.url}', MessageBody: '${topics.news.arn}' }) },
    sdkStart: { definition: task('arn:aws:states:::aws-sdk:sfn:startExecution', { StateMachineArn: '${workflows.child.arn}' }) },
    getObject: { definition: task('arn:aws:states:::aws-sdk:s3:getObject', { Bucket: '${buckets.data.name}', 'Key.$': '$.key' }) },
    overS3: {
      definition: {
        StartAt: 'M',
        States: {
          M: {
            Type: 'Map',
            ItemReader: { Resource: 'arn:aws:states:::s3:listObjectsV2', Parameters: { Bucket: '${buckets.data.name}', Prefix: 'in/' } },
            ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
            ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: '${buckets.data.name}', Prefix: 'out' } },
            End: true,
          },
        },
      },
    },
  },
};

let template: Template;
const grants = (workflow: string) => {
  const role = template.Resources[`${workflow[0]!.toUpperCase()}${workflow.slice(1)}StateMachineRole`] as any;
  return role.Properties.Policies[0].PolicyDocument.Statement.filter((s: any) => ![s.Action].flat().every((a: string) => /^(logs|xray):/.test(a)));
};
const sub = (s: string) => ({ 'Fn::Sub': s });
const account = 'arn:${AWS::Partition}:%s:${AWS::Region}:${AWS::AccountId}:';

describe('workflow service integrations', async () => {
  template = (await compile({ cwd: '/nonexistent', text: stringify(app) })).template;

  it.each([
    ['putItem', [{ Effect: 'Allow', Action: 'dynamodb:PutItem', Resource: { 'Fn::GetAtt': ['OrdersTable', 'Arn'] } }]],
    ['getItem', [{ Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: { 'Fn::GetAtt': ['OrdersTable', 'Arn'] } }]],
    ['send', [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: { 'Fn::GetAtt': ['JobsQueue', 'Arn'] } }]],
    ['sdkSend', [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: { 'Fn::GetAtt': ['JobsQueue', 'Arn'] } }]],
    ['putEvents', [{ Effect: 'Allow', Action: 'events:PutEvents', Resource: { 'Fn::GetAtt': ['ShopBus', 'Arn'] } }]],
    ['putDefault', [{ Effect: 'Allow', Action: 'events:PutEvents', Resource: sub(`${account.replace('%s', 'events')}event-bus/default`) }]],
    ['start', [{ Effect: 'Allow', Action: 'states:StartExecution', Resource: { Ref: 'ChildStateMachine' } }]],
    ['sdkStart', [{ Effect: 'Allow', Action: 'states:StartExecution', Resource: { Ref: 'ChildStateMachine' } }]],
    ['invoke', [{ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: [{ 'Fn::GetAtt': ['WorkerFunction', 'Arn'] }, sub('${WorkerFunction.Arn}:*')] }]],
    ['sdkQuery', [{ Effect: 'Allow', Action: 'dynamodb:Query', Resource: [{ 'Fn::GetAtt': ['EventsTable', 'Arn'] }, sub('${EventsTable.Arn}/index/*')] }]],
  ])('%s: exactly the action on exactly the resource', (workflow, expected) => {
    expect(grants(workflow)).toEqual(expected);
  });

  it.each(['publish', 'publishWait'])('%s: sns:Publish on the topic and its encryption key', (workflow) => {
    expect(grants(workflow)).toEqual([
      { Effect: 'Allow', Action: 'sns:Publish', Resource: { Ref: 'NewsTopic' } },
      { Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey*'], Resource: { 'Fn::GetAtt': ['TopicsKey', 'Arn'] } },
    ]);
  });

  it('startExecution.sync also describes and stops the child execution and manages the events rule', () => {
    expect(grants('startSync')).toEqual([
      { Effect: 'Allow', Action: 'states:StartExecution', Resource: { Ref: 'ChildStateMachine' } },
      { Effect: 'Allow', Action: ['states:DescribeExecution', 'states:StopExecution'], Resource: sub(`${account.replace('%s', 'states')}execution:\${ChildStateMachine.Name}:*`) },
      { Effect: 'Allow', Action: ['events:DescribeRule', 'events:PutRule', 'events:PutTargets'], Resource: sub(`${account.replace('%s', 'events')}rule/StepFunctionsGetEventsForStepFunctionsExecutionRule`) },
    ]);
  });

  it('s3: object actions on the objects, listing on the bucket; a distributed Map also starts, describes and stops its own child executions', () => {
    expect(grants('getObject')).toEqual([{ Effect: 'Allow', Action: 's3:GetObject', Resource: sub('${DataBucket.Arn}/*') }]);
    expect(grants('overS3')).toEqual([
      { Effect: 'Allow', Action: 's3:ListBucket', Resource: { 'Fn::GetAtt': ['DataBucket', 'Arn'] } },
      { Effect: 'Allow', Action: 's3:PutObject', Resource: sub('${DataBucket.Arn}/*') },
      { Effect: 'Allow', Action: 'states:StartExecution', Resource: sub(`${account.replace('%s', 'states')}stateMachine:OverS3StateMachine-*`) },
      { Effect: 'Allow', Action: ['states:DescribeExecution', 'states:StopExecution'], Resource: sub(`${account.replace('%s', 'states')}execution:OverS3StateMachine-*:*`) },
    ]);
  });

  it('is clean under cfn-lint', async () => {
    const file = path.join(tempDir('eda-wfiam-'), 'template.yaml');
    writeFileSync(file, serializeTemplate(template));
    expect((await cfnLint([file])).output).toBe('');
  }, 120_000);
});
