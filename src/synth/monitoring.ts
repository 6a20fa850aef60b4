import type { App } from '../model/types.js';
import { TOPIC_KEY_ID } from './iam.js';
import { getAtt, ref, type TemplateBuilder } from './template.js';

export const ALERTS_TOPIC_ID = 'MonitoringAlertsTopic';

export function synthMonitoring(app: App, t: TemplateBuilder): void {
  if (!app.monitoring.alarms) return;
  const actions = app.monitoring.alertEmail ? [ref(ALERTS_TOPIC_ID)] : undefined;
  if (app.monitoring.alertEmail) {
    t.add(ALERTS_TOPIC_ID, { Type: 'AWS::SNS::Topic', Properties: { KmsMasterKeyId: ref(TOPIC_KEY_ID) } }, ['monitoring', 'alertEmail']);
    t.add(
      'MonitoringAlertsEmailSubscription',
      { Type: 'AWS::SNS::Subscription', Properties: { TopicArn: ref(ALERTS_TOPIC_ID), Protocol: 'email', Endpoint: app.monitoring.alertEmail } },
      ['monitoring', 'alertEmail'],
    );
  }
  const alarm = (description: string, namespace: string, metric: string, dimensions: { Name: string; Value: unknown }[], statistic: string) => ({
    Type: 'AWS::CloudWatch::Alarm',
    Properties: {
      AlarmDescription: description,
      Namespace: namespace,
      MetricName: metric,
      Dimensions: dimensions,
      Statistic: statistic,
      Period: 300,
      EvaluationPeriods: 1,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
      AlarmActions: actions,
      OKActions: actions,
    },
  });
  for (const fn of app.functions) {
    const dims = [{ Name: 'FunctionName', Value: ref(fn.logicalId) }];
    t.add(`${fn.logicalId}ErrorsAlarm`, alarm(`Function ${fn.name} failed`, 'AWS/Lambda', 'Errors', dims, 'Sum'), fn.path);
    t.add(`${fn.logicalId}ThrottlesAlarm`, alarm(`Function ${fn.name} was throttled`, 'AWS/Lambda', 'Throttles', dims, 'Sum'), fn.path);
  }
  for (const q of app.queues) {
    const dlqs = q.dlq ? [{ id: q.dlq.logicalId, what: `dead-letter queue of ${q.name}` }] : [];
    if (q.implicit === 'function-failures') dlqs.push({ id: q.logicalId, what: `failures of function ${q.name.split(':')[1]}` });
    if (q.implicit === 'rule-dlq') dlqs.push({ id: q.logicalId, what: `undeliverable events of rule ${q.name.split(':')[1]}` });
    for (const d of dlqs) {
      t.add(
        `${d.id}DepthAlarm`,
        alarm(`Messages are waiting in the ${d.what}`, 'AWS/SQS', 'ApproximateNumberOfMessagesVisible', [{ Name: 'QueueName', Value: getAtt(d.id, 'QueueName') }], 'Maximum'),
        q.path,
      );
    }
  }
  for (const wf of app.workflows) {
    t.add(`${wf.logicalId}FailedAlarm`, alarm(`Workflow ${wf.name} has failed executions`, 'AWS/States', 'ExecutionsFailed', [{ Name: 'StateMachineArn', Value: ref(wf.logicalId) }], 'Sum'), wf.path);
  }
}
