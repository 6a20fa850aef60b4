import { logicalId, pascal } from '../model/names.js';
import type { App } from '../model/types.js';
import { TOPIC_KEY_ID } from './iam.js';
import { hasAlertsTopic } from './monitoring.js';
import { getAtt, ref, sub, type TemplateBuilder } from './template.js';

/** The customer-managed key topics are encrypted with: AWS-managed alias/aws/sns keys cannot be
 * used by EventBridge or CloudWatch alarms, so a topic encrypted with one would break those. */
export function synthTopicKey(app: App, t: TemplateBuilder): void {
  const needed = app.topics.length > 0 || hasAlertsTopic(app);
  if (!needed) return;
  t.add(
    TOPIC_KEY_ID,
    {
      Type: 'AWS::KMS::Key',
      Properties: {
        Description: `Encrypts the SNS topics of ${app.name}`,
        EnableKeyRotation: true,
        PendingWindowInDays: 7,
        KeyPolicy: {
          Version: '2012-10-17',
          Statement: [
            { Sid: 'AccountAdministers', Effect: 'Allow', Principal: { AWS: sub('arn:${AWS::Partition}:iam::${AWS::AccountId}:root') }, Action: 'kms:*', Resource: '*' },
            {
              Sid: 'ServicesPublishToTopics',
              Effect: 'Allow',
              Principal: { Service: ['cloudwatch.amazonaws.com', 'events.amazonaws.com', 'sns.amazonaws.com'] },
              Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
              Resource: '*',
              Condition: { StringEquals: { 'aws:SourceAccount': ref('AWS::AccountId') } },
            },
          ],
        },
      },
    },
    ['topics'],
  );
}

export function synthTopics(app: App, t: TemplateBuilder): void {
  for (const topic of app.topics) {
    t.add(
      topic.logicalId,
      {
        Type: 'AWS::SNS::Topic',
        Properties: {
          FifoTopic: topic.fifo || undefined,
          ContentBasedDeduplication: topic.fifo || undefined,
          KmsMasterKeyId: ref(TOPIC_KEY_ID),
        },
      },
      topic.path,
    );
    let n = 0;
    for (const s of topic.subscriptions) {
      if (s.protocol === 'lambda') continue; // the function's SNS event subscribes it
      n++;
      const filter = s.filter ? { FilterPolicy: s.filter, FilterPolicyScope: 'MessageAttributes' } : {};
      if (s.protocol === 'sqs') {
        const queueId = logicalId('queue', s.queue);
        t.add(
          `${pascal(topic.name)}To${pascal(s.queue)}Subscription`,
          {
            Type: 'AWS::SNS::Subscription',
            Properties: { TopicArn: ref(topic.logicalId), Protocol: 'sqs', Endpoint: getAtt(queueId, 'Arn'), RawMessageDelivery: s.raw || undefined, ...filter },
          },
          s.source,
        );
        t.allowOnQueue(queueId, {
          Sid: `${pascal(topic.name)}TopicSends`,
          Effect: 'Allow',
          Principal: { Service: 'sns.amazonaws.com' },
          Action: 'sqs:SendMessage',
          Resource: getAtt(queueId, 'Arn'),
          Condition: { ArnEquals: { 'aws:SourceArn': ref(topic.logicalId) } },
        });
      } else {
        const protocol = s.protocol;
        t.add(
          `${pascal(topic.name)}${pascal(protocol)}${n}Subscription`,
          {
            Type: 'AWS::SNS::Subscription',
            Properties: { TopicArn: ref(topic.logicalId), Protocol: protocol, Endpoint: s.endpoint, RawMessageDelivery: s.protocol === 'https' ? s.raw || undefined : undefined, ...filter },
          },
          s.source,
        );
      }
    }
  }
}
