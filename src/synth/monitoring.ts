// Alarms on what fails quietly (function errors and throttles, messages waiting in dead-letter
// queues, failed workflow executions), all notifying one alerts topic. The topic exists whenever
// there is an alarm, so alerts can be subscribed to after a deploy even without alertEmail.
import type { App, SourcePath } from '../model/types.js';
import { TOPIC_KEY_ID } from '../kinds/topic/grants.js';
import { getAtt, ref, sub, type TemplateBuilder } from '../kinds/template.js';

export const ALERTS_TOPIC_ID = 'MonitoringAlertsTopic';
/** The stack output holding the alerts topic's ARN. */
export const ALERTS_OUTPUT = 'AlertsTopicArn';

interface AlarmSpec {
  id: string;
  source: SourcePath;
  description: string;
  namespace: string;
  metric: string;
  dimensions: { Name: string; Value: unknown }[];
  statistic: 'Sum' | 'Maximum';
}

/** Every alarm the app gets (none when monitoring.alarms is false). */
export function alarmsOf(app: App): AlarmSpec[] {
  if (!app.monitoring.alarms) return [];
  const alarms: AlarmSpec[] = [];
  for (const fn of app.functions) {
    const dimensions = [{ Name: 'FunctionName', Value: ref(fn.logicalId) }];
    const lambda = { source: fn.path, namespace: 'AWS/Lambda', dimensions, statistic: 'Sum' as const };
    alarms.push({ ...lambda, id: `${fn.logicalId}ErrorsAlarm`, description: `Function ${fn.name} failed`, metric: 'Errors' });
    alarms.push({ ...lambda, id: `${fn.logicalId}ThrottlesAlarm`, description: `Function ${fn.name} was throttled`, metric: 'Throttles' });
  }
  for (const q of app.queues) {
    const dlqs = q.dlq ? [{ id: q.dlq.logicalId, what: `dead-letter queue of ${q.name}` }] : [];
    if (q.implicit === 'function-failures') dlqs.push({ id: q.logicalId, what: `failures of function ${q.name.split(':')[1]}` });
    if (q.redriveSources?.length) dlqs.push({ id: q.logicalId, what: `dead-letter queue of ${q.redriveSources.join(', ')}` });
    if (q.implicit === 'rule-dlq') dlqs.push({ id: q.logicalId, what: `undeliverable events of rule ${q.name.split(':')[1]}` });
    if (q.implicit === 'pipe-dlq') dlqs.push({ id: q.logicalId, what: `batches pipe ${q.name.split(':')[1]} gave up on` });
    for (const d of dlqs) {
      const dimensions = [{ Name: 'QueueName', Value: getAtt(d.id, 'QueueName') }];
      alarms.push({ id: `${d.id}DepthAlarm`, source: q.path, description: `Messages are waiting in the ${d.what}`, namespace: 'AWS/SQS', metric: 'ApproximateNumberOfMessagesVisible', dimensions, statistic: 'Maximum' });
    }
  }
  for (const wf of app.workflows) {
    const dimensions = [{ Name: 'StateMachineArn', Value: ref(wf.logicalId) }];
    alarms.push({ id: `${wf.logicalId}FailedAlarm`, source: wf.path, description: `Workflow ${wf.name} has failed executions`, namespace: 'AWS/States', metric: 'ExecutionsFailed', dimensions, statistic: 'Sum' });
  }
  for (const pipe of app.pipes) {
    const dimensions = [{ Name: 'PipeName', Value: ref(pipe.logicalId) }];
    alarms.push({ id: `${pipe.logicalId}FailedAlarm`, source: pipe.path, description: `Pipe ${pipe.name} has failed executions`, namespace: 'AWS/EventBridge/Pipes', metric: 'ExecutionFailed', dimensions, statistic: 'Sum' });
  }
  return alarms;
}

/** Whether synth creates the alerts topic: alarms are on and there is something to watch. */
export function hasAlertsTopic(app: App): boolean {
  return alarmsOf(app).length > 0;
}

/** Who receives alerts: alertEmail, plus subscriptions to the alerts topic declared under `resources`. */
export function alertSubscribers(app: App): string[] {
  const declared = Object.entries(app.resources)
    .filter(([, r]) => {
      const res = r as { Type?: string; Properties?: { TopicArn?: unknown } };
      return res.Type === 'AWS::SNS::Subscription' && JSON.stringify(res.Properties?.TopicArn) === JSON.stringify(ref(ALERTS_TOPIC_ID));
    })
    .map(([id]) => `resources.${id}`);
  return [...(app.monitoring.alertEmail ? [app.monitoring.alertEmail] : []), ...declared];
}

export interface AlertsSummary {
  alarms: number;
  topic: string;
  output: string;
  subscribers: string[];
  hint?: string;
}

/** What synth tells the user about alerts; undefined when the app has no alarms. */
export function alertsSummary(app: App): AlertsSummary | undefined {
  const alarms = alarmsOf(app).length;
  if (!alarms) return undefined;
  const subscribers = alertSubscribers(app);
  const hint = subscribers.length ? undefined : `set monitoring.alertEmail in app.yaml, or subscribe to the topic in the stack output ${ALERTS_OUTPUT} after deploying`;
  return { alarms, topic: ALERTS_TOPIC_ID, output: ALERTS_OUTPUT, subscribers, hint };
}

export function synthMonitoring(app: App, t: TemplateBuilder): void {
  const alarms = alarmsOf(app);
  if (!alarms.length) return;
  synthAlertsTopic(app, t);
  const actions = [ref(ALERTS_TOPIC_ID)];
  for (const a of alarms) {
    t.add(
      a.id,
      {
        Type: 'AWS::CloudWatch::Alarm',
        Properties: {
          AlarmDescription: a.description,
          Namespace: a.namespace,
          MetricName: a.metric,
          Dimensions: a.dimensions,
          Statistic: a.statistic,
          Period: 300,
          EvaluationPeriods: 1,
          Threshold: 1,
          ComparisonOperator: 'GreaterThanOrEqualToThreshold',
          TreatMissingData: 'notBreaching',
          AlarmActions: actions,
          OKActions: actions,
        },
      },
      a.source,
    );
  }
}

/** The alerts topic, encrypted with the topics key (whose policy lets CloudWatch use it), the
 * statement that lets this stack's alarms publish to it, its ARN as an output, and alertEmail. */
function synthAlertsTopic(app: App, t: TemplateBuilder): void {
  t.add(ALERTS_TOPIC_ID, { Type: 'AWS::SNS::Topic', Properties: { DisplayName: `${app.name} alerts`.slice(0, 100), KmsMasterKeyId: ref(TOPIC_KEY_ID) } }, ['monitoring']);
  t.allowOnTopic(ALERTS_TOPIC_ID, {
    Sid: 'AlarmsPublish',
    Effect: 'Allow',
    Principal: { Service: 'cloudwatch.amazonaws.com' },
    Action: 'sns:Publish',
    Resource: ref(ALERTS_TOPIC_ID),
    Condition: {
      StringEquals: { 'aws:SourceAccount': ref('AWS::AccountId') },
      ArnLike: { 'aws:SourceArn': sub('arn:${AWS::Partition}:cloudwatch:${AWS::Region}:${AWS::AccountId}:alarm:${AWS::StackName}-*') },
    },
  });
  t.output(ALERTS_OUTPUT, ref(ALERTS_TOPIC_ID), 'Topic every alarm notifies: subscribe to it to receive alerts');
  if (app.monitoring.alertEmail) {
    t.add(
      'MonitoringAlertsEmailSubscription',
      { Type: 'AWS::SNS::Subscription', Properties: { TopicArn: ref(ALERTS_TOPIC_ID), Protocol: 'email', Endpoint: app.monitoring.alertEmail } },
      ['monitoring', 'alertEmail'],
    );
  }
}
