// The safe defaults a user relies on without asking: least privilege per function, DLQs,
// encryption, retained data, alarms — asserted on the compiled order-pipeline example.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compile } from '../../src/pipeline/index.js';
import { type Template } from '../../src/synth/index.js';
import { repoRoot, tempProject } from '../support/cli.js';

let t: Template;
const res = (id: string) => t.Resources[id] as { Type: string; Properties: any; DeletionPolicy?: string };
const statements = (roleId: string) => res(roleId).Properties.Policies.flatMap((p: any) => p.PolicyDocument.Statement) as any[];
const actionsOn = (roleId: string, match: (resource: string) => boolean) =>
  statements(roleId)
    .filter((s) => [s.Resource].flat().some((r: unknown) => match(JSON.stringify(r))))
    .flatMap((s) => [s.Action].flat());

beforeAll(async () => {
  t = (await compile({ cwd: path.join(repoRoot, 'examples', 'order-pipeline') })).template;
});

describe('IAM', () => {
  it('gives every function its own role and never a data action on "*"', () => {
    const roles = Object.entries(t.Resources).filter(([, r]) => r.Type === 'AWS::IAM::Role');
    expect(roles.length).toBeGreaterThanOrEqual(8);
    for (const [id] of roles) {
      for (const s of statements(id)) {
        if (s.Resource !== '*') continue;
        for (const action of [s.Action].flat()) expect(action, `${id} allows ${action} on *`).toMatch(/^(xray|logs):/);
      }
    }
    for (const [id, r] of Object.entries(t.Resources)) if (r.Type === 'AWS::Serverless::Function') expect((r.Properties as any).Role).toEqual({ 'Fn::GetAtt': [`${id}Role`, 'Arn'] });
  });

  it('grants read access without any write', () => {
    const actions = actionsOn('GetOrderFunctionRole', (r) => r.includes('OrdersTable'));
    expect(actions).toContain('dynamodb:GetItem');
    expect(actions).toContain('dynamodb:Query');
    expect(actions.filter((a) => /Put|Update|Delete|BatchWrite/.test(a))).toEqual([]);
  });

  it('grants write access without reads and readWrite with both', () => {
    const write = actionsOn('SettlePaymentFunctionRole', (r) => r.includes('OrdersTable'));
    expect(write).toContain('dynamodb:UpdateItem');
    expect(write.filter((a) => /GetItem|Query|Scan/.test(a))).toEqual([]);
    const rw = actionsOn('CreateOrderFunctionRole', (r) => r.includes('OrdersTable'));
    expect(rw).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:PutItem']));
  });

  it('covers table indexes only where the table has them', () => {
    const resources = statements('GetOrderFunctionRole').flatMap((s) => [s.Resource].flat());
    expect(resources).toContainEqual({ 'Fn::Sub': '${OrdersTable.Arn}/index/*' });
  });

  it('lets a queue consumer receive from exactly its queue, and a producer only send', () => {
    expect(actionsOn('SettlePaymentFunctionRole', (r) => r.includes('PaymentsQueue'))).toEqual(
      expect.arrayContaining(['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility']),
    );
    const producer = actionsOn('ProcessPaymentFunctionRole', (r) => r.includes('PaymentsQueue'));
    expect(producer).toContain('sqs:SendMessage');
    expect(producer).not.toContain('sqs:ReceiveMessage');
  });

  it('lets the workflow invoke exactly its three task functions', () => {
    const invokes = statements('ProcessOrderStateMachineRole').filter((s) => s.Action === 'lambda:InvokeFunction');
    const targets = invokes.flatMap((s) => [s.Resource].flat()).filter((r: any) => r['Fn::GetAtt']).map((r: any) => r['Fn::GetAtt'][0]);
    expect(targets.sort()).toEqual(['ProcessPaymentFunction', 'ShipOrderFunction', 'ValidateOrderFunction']);
  });

  it('substitutes function ARNs into the state machine definition', () => {
    const sm = res('ProcessOrderStateMachine').Properties;
    expect(sm.Definition.States.ValidateOrder.Resource).toBe('${ValidateOrderFunctionArn}');
    expect(sm.DefinitionSubstitutions.ValidateOrderFunctionArn).toEqual({ 'Fn::GetAtt': ['ValidateOrderFunction', 'Arn'] });
  });

  it('injects an environment variable for every use', () => {
    const vars = res('CreateOrderFunction').Properties.Environment.Variables;
    expect(vars.ORDERS_TABLE_NAME).toEqual({ Ref: 'OrdersTable' });
    expect(vars.ORDERS_BUS_NAME).toEqual({ Ref: 'OrdersBus' });
    expect(vars.LOG_LEVEL).toBe('info');
    expect(res('ShipOrderFunction').Properties.Environment.Variables.NOTIFICATIONS_TOPIC_ARN).toEqual({ Ref: 'NotificationsTopic' });
  });
});

describe('queues, topics and rules', () => {
  it('gives queues a DLQ with redrive, SSE and a visibility timeout of 6× the consumer timeout', () => {
    const q = res('PaymentsQueue').Properties;
    expect(q.RedrivePolicy).toEqual({ deadLetterTargetArn: { 'Fn::GetAtt': ['PaymentsDlq', 'Arn'] }, maxReceiveCount: 3 });
    expect(q.SqsManagedSseEnabled).toBe(true);
    expect(q.VisibilityTimeout).toBe(60);
    expect(res('PaymentsDlq').DeletionPolicy).toBe('Retain');
    expect(res('PaymentsDlqDepthAlarm').Properties.MetricName).toBe('ApproximateNumberOfMessagesVisible');
  });

  it('reports batch item failures for queue consumers', () => {
    const event = res('SettlePaymentFunction').Properties.Events.QueuePayments.Properties;
    expect(event).toMatchObject({ BatchSize: 5, FunctionResponseTypes: ['ReportBatchItemFailures'] });
  });

  it('scopes the SNS→SQS queue policy to the topic', () => {
    const policy = res('AuditQueuePolicy').Properties.PolicyDocument.Statement;
    expect(policy).toContainEqual(
      expect.objectContaining({ Principal: { Service: 'sns.amazonaws.com' }, Action: 'sqs:SendMessage', Condition: { ArnEquals: { 'aws:SourceArn': { Ref: 'NotificationsTopic' } } } }),
    );
    expect(res('NotificationsToAuditSubscription').Properties).toMatchObject({ Protocol: 'sqs', RawMessageDelivery: true });
  });

  it('encrypts topics with a key EventBridge and CloudWatch may use', () => {
    expect(res('NotificationsTopic').Properties.KmsMasterKeyId).toEqual({ Ref: 'TopicsKey' });
    const services = res('TopicsKey').Properties.KeyPolicy.Statement.flatMap((s: any) => [s.Principal.Service ?? []].flat());
    expect(services).toEqual(expect.arrayContaining(['events.amazonaws.com', 'cloudwatch.amazonaws.com']));
  });

  it('gives rule targets a retry policy, a DLQ and exactly the permission they need', () => {
    const target = res('OrderPlacedRule').Properties.Targets[0];
    expect(target).toMatchObject({ RetryPolicy: { MaximumRetryAttempts: 185 }, DeadLetterConfig: { Arn: { 'Fn::GetAtt': ['OrderPlacedRuleDlq', 'Arn'] } } });
    expect(statements('OrderPlacedRuleRole')).toEqual([{ Effect: 'Allow', Action: 'states:StartExecution', Resource: { Ref: 'ProcessOrderStateMachine' } }]);
    expect(res('DailyCleanupRuleToCleanupPermission').Properties).toMatchObject({ Principal: 'events.amazonaws.com', SourceArn: { 'Fn::GetAtt': ['DailyCleanupRule', 'Arn'] } });
    expect(res('DailyCleanupRule').Properties.Targets[0].Input).toBe('{"olderThanHours":24}');
  });
});

describe('data and operations', () => {
  it('retains and encrypts tables, with point-in-time recovery', () => {
    const table = res('OrdersTable');
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.Properties.SSESpecification).toEqual({ SSEEnabled: true });
    expect(table.Properties.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
  });

  it('gives each function an explicit log group with retention, and alarms', () => {
    expect(res('CreateOrderLogGroup').Properties.RetentionInDays).toBe(30);
    expect(res('CreateOrderFunction').Properties.LoggingConfig).toEqual({ LogGroup: { Ref: 'CreateOrderLogGroup' } });
    expect(res('CreateOrderFunctionErrorsAlarm').Properties.AlarmActions).toEqual([{ Ref: 'MonitoringAlertsTopic' }]);
  });

  it('carries the esbuild metadata sam build needs', () => {
    expect((t.Resources.CreateOrderFunction as any).Metadata).toMatchObject({ BuildMethod: 'esbuild', BuildProperties: { EntryPoints: ['src/handlers/createOrder.ts'] } });
    expect(res('CreateOrderFunction').Properties.Handler).toBe('createOrder.handler');
  });

  it('applies the prod stage overrides', async () => {
    const prod = (await compile({ cwd: path.join(repoRoot, 'examples', 'order-pipeline'), stage: 'prod' })).template;
    expect((prod.Globals as any).Function.MemorySize).toBe(1024);
    expect(prod.Description).toContain('stage prod');
  });
});

describe('CloudFormation limits', () => {
  it('counts the resources SAM will create, as CloudFormation will', async () => {
    const { deployedResourceCount } = await import('../../src/synth/index.js');
    const { samTranslate } = await import('../support/cfn.js');
    const [translated] = await samTranslate([path.join(repoRoot, 'examples', 'order-pipeline', 'template.yaml')]);
    expect(deployedResourceCount(t)).toBe(Object.keys(translated!.resources!).length);
  });
});

/** Compiles an app.yaml in a temp project. */
const compileText = async (text: string) => (await compile({ cwd: tempProject({ 'app.yaml': text }) })).template;
const ofType = (tpl: Template, type: string) => Object.entries(tpl.Resources).filter(([, r]) => r.Type === type);

describe('alarms notify someone', () => {
  it('wires every alarm, on alarm and on OK, to the alerts topic', () => {
    const alarms = ofType(t, 'AWS::CloudWatch::Alarm');
    expect(alarms.length).toBe(22); // with the failure queue of cleanup, a rule target
    for (const [id, r] of alarms) {
      expect((r.Properties as any).AlarmActions, id).toEqual([{ Ref: 'MonitoringAlertsTopic' }]);
      expect((r.Properties as any).OKActions, id).toEqual([{ Ref: 'MonitoringAlertsTopic' }]);
    }
    expect(res('MonitoringAlertsEmailSubscription').Properties).toMatchObject({ Protocol: 'email', Endpoint: 'ops@example.com', TopicArn: { Ref: 'MonitoringAlertsTopic' } });
  });

  it('creates the alerts topic without alertEmail, outputs its ARN, and lets only CloudWatch alarms of this stack publish', async () => {
    const tpl = await compileText('name: quiet\nfunctions:\n  worker: {}\n');
    const r = (id: string) => tpl.Resources[id] as any;
    expect(r('MonitoringAlertsTopic').Properties.KmsMasterKeyId).toEqual({ Ref: 'TopicsKey' });
    expect(r('WorkerFunctionErrorsAlarm').Properties.AlarmActions).toEqual([{ Ref: 'MonitoringAlertsTopic' }]);
    expect(ofType(tpl, 'AWS::SNS::Subscription')).toEqual([]);
    expect((tpl.Outputs as any).AlertsTopicArn.Value).toEqual({ Ref: 'MonitoringAlertsTopic' });
    const keyUsers = r('TopicsKey').Properties.KeyPolicy.Statement.find((s: any) => s.Sid === 'ServicesPublishToTopics');
    expect(keyUsers.Principal.Service).toContain('cloudwatch.amazonaws.com');
    expect(keyUsers.Action).toEqual(['kms:Decrypt', 'kms:GenerateDataKey*']);
    // EventBridge sends KMS no aws:SourceAccount: its statement is scoped by the topic instead.
    const eventBridge = r('TopicsKey').Properties.KeyPolicy.Statement.filter((s: any) => [s.Principal.Service].flat().includes('events.amazonaws.com'));
    expect(eventBridge).toHaveLength(1);
    expect(eventBridge[0].Condition).toEqual({ ArnLike: { 'kms:EncryptionContext:aws:sns:topicArn': { 'Fn::Sub': 'arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:*' } } });
    const publish = r('MonitoringAlertsTopicPolicy').Properties.PolicyDocument.Statement.find((s: any) => s.Effect === 'Allow');
    expect(publish).toMatchObject({ Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: 'sns:Publish', Resource: { Ref: 'MonitoringAlertsTopic' } });
    expect(publish.Condition.ArnLike['aws:SourceArn']).toEqual({ 'Fn::Sub': 'arn:${AWS::Partition}:cloudwatch:${AWS::Region}:${AWS::AccountId}:alarm:${AWS::StackName}-*' });
  });

  it('creates no alerts topic (and no key) when alarms are off', async () => {
    const tpl = await compileText('name: quiet\nmonitoring: { alarms: false, alertEmail: ops@example.com }\nfunctions:\n  worker: {}\n');
    expect(ofType(tpl, 'AWS::CloudWatch::Alarm')).toEqual([]);
    expect(tpl.Resources.MonitoringAlertsTopic).toBeUndefined();
    expect(tpl.Resources.TopicsKey).toBeUndefined();
    expect((tpl.Outputs as any)?.AlertsTopicArn).toBeUndefined();
  });
});

describe('queue and topic policies deny requests not made over TLS', () => {
  it('gives every queue (DLQs and failure queues too) and every topic one policy whose first statement denies them', async () => {
    const tpl = await compileText(`name: tls
functions:
  worker:
    triggers: [{ queue: jobs }, { topic: news }]
queues:
  jobs: {}
  plain: { dlq: false }
topics:
  news: {}
resources:
  MyQueue: { Type: AWS::SQS::Queue }
`);
    const queues = ofType(tpl, 'AWS::SQS::Queue').map(([id]) => id).filter((id) => id !== 'MyQueue');
    expect(queues.sort()).toEqual(['JobsDlq', 'JobsQueue', 'PlainQueue', 'WorkerFunctionDlq']);
    const topics = ofType(tpl, 'AWS::SNS::Topic').map(([id]) => id);
    expect(topics.sort()).toEqual(['MonitoringAlertsTopic', 'NewsTopic']);
    const deny = (action: string, resource: unknown) => ({ Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: action, Resource: resource, Condition: { Bool: { 'aws:SecureTransport': 'false' } } });
    for (const id of queues) {
      const policies = ofType(tpl, 'AWS::SQS::QueuePolicy').filter(([, p]) => JSON.stringify((p.Properties as any).Queues) === JSON.stringify([{ Ref: id }]));
      expect(policies.length, id).toBe(1);
      expect((policies[0]![1].Properties as any).PolicyDocument.Statement[0]).toEqual(deny('sqs:*', { 'Fn::GetAtt': [id, 'Arn'] }));
    }
    for (const id of topics) {
      const policies = ofType(tpl, 'AWS::SNS::TopicPolicy').filter(([, p]) => JSON.stringify((p.Properties as any).Topics) === JSON.stringify([{ Ref: id }]));
      expect(policies.length, id).toBe(1);
      expect((policies[0]![1].Properties as any).PolicyDocument.Statement[0]).toEqual(deny('sns:Publish', { Ref: id }));
    }
    expect(tpl.Resources.MyQueuePolicy).toBeUndefined();
  });

  it('keeps the statements other resources need after the deny', () => {
    const statements = res('AuditQueuePolicy').Properties.PolicyDocument.Statement;
    expect(statements.map((s: any) => s.Sid)).toEqual(['DenyInsecureTransport', 'NotificationsTopicSends']);
  });
});

describe('APIs are throttled and logged', () => {
  it('gives an HTTP API a default stage throttle and JSON access logs to its own log group with retention', () => {
    const api = res('PublicHttpApi').Properties;
    expect(api.DefaultRouteSettings).toEqual({ ThrottlingBurstLimit: 200, ThrottlingRateLimit: 100 });
    expect(api.AccessLogSettings.DestinationArn).toEqual({ 'Fn::GetAtt': ['PublicHttpApiAccessLogGroup', 'Arn'] });
    expect(JSON.parse(api.AccessLogSettings.Format)).toMatchObject({ requestId: '$context.requestId', routeKey: '$context.routeKey', status: '$context.status' });
    expect(res('PublicHttpApiAccessLogGroup')).toMatchObject({ Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 30 } });
  });

  it('applies app.yaml throttles to a REST stage, logs it, and can turn access logs off', async () => {
    const tpl = await compileText(`name: rest
defaults: { logRetentionDays: 14 }
apis:
  legacy: { type: rest, throttle: { rate: 5.5, burst: 10 } }
  quiet: { accessLogs: false, throttle: { burst: 50 } }
functions:
  a: { triggers: [{ http: GET /a, api: legacy }] }
  b: { triggers: [{ http: GET /b, api: quiet }] }
`);
    const rest = (tpl.Resources.LegacyRestApi as any).Properties;
    expect(rest.MethodSettings).toEqual([{ ResourcePath: '/*', HttpMethod: '*', ThrottlingBurstLimit: 10, ThrottlingRateLimit: 5.5 }]);
    expect(rest.AccessLogSetting.DestinationArn).toEqual({ 'Fn::GetAtt': ['LegacyRestApiAccessLogGroup', 'Arn'] });
    expect(JSON.parse(rest.AccessLogSetting.Format)).toMatchObject({ requestId: '$context.requestId', resourcePath: '$context.resourcePath' });
    expect((tpl.Resources.LegacyRestApiAccessLogGroup as any).Properties.RetentionInDays).toBe(14);
    const quiet = (tpl.Resources.QuietHttpApi as any).Properties;
    expect(quiet.DefaultRouteSettings).toEqual({ ThrottlingBurstLimit: 50, ThrottlingRateLimit: 100 });
    expect(quiet.AccessLogSettings).toBeUndefined();
    expect(tpl.Resources.QuietHttpApiAccessLogGroup).toBeUndefined();
  });

  it('allows any origin for cors: true and exactly the listed origins otherwise', async () => {
    expect(res('PublicHttpApi').Properties.CorsConfiguration.AllowOrigins).toEqual(['*']);
    const tpl = await compileText('name: c\napis:\n  web: { cors: { origins: [https://a.example.com, "https://*.b.example.com"] } }\nfunctions:\n  a: { triggers: [{ http: GET /a }] }\n');
    expect((tpl.Resources.WebHttpApi as any).Properties.CorsConfiguration.AllowOrigins).toEqual(['https://a.example.com', 'https://*.b.example.com']);
  });
});
