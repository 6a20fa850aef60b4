// The safe defaults a user relies on without asking: least privilege per function, DLQs,
// encryption, retained data, alarms — asserted on the compiled order-pipeline example.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compile, type Template } from '../../src/synth/index.js';
import { repoRoot } from '../support/cli.js';

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
    const services = res('TopicsKey').Properties.KeyPolicy.Statement[1].Principal.Service;
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
