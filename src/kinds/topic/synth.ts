// Topics: the key they are encrypted with, each AWS::SNS::Topic, and its subscriptions.
import type { App } from '../../model/types.js';
import { synthSubscriptions } from '../subscription/synth.js';
import { ref, sub, type TemplateBuilder } from '../template.js';
import type { SynthEnv } from '../types.js';
import { TOPIC_KEY_ID } from './grants.js';
import { resolveValue } from '../values.js';

/** The customer-managed key topics are encrypted with: AWS-managed alias/aws/sns keys cannot be
 * used by EventBridge or CloudWatch alarms, so a topic encrypted with one would break those. */
export function synthTopicKey(app: App, t: TemplateBuilder, env: SynthEnv): void {
  const needed = app.topics.length > 0 || env.alertsTopic;
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
              Principal: { Service: ['cloudwatch.amazonaws.com', 'sns.amazonaws.com'] },
              Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
              Resource: '*',
              Condition: { StringEquals: { 'aws:SourceAccount': ref('AWS::AccountId') } },
            },
            {
              // EventBridge's requests to KMS carry no aws:SourceAccount or aws:SourceArn (AWS
              // documents them as unsupported there): conditioned on them, every rule → topic
              // delivery would be dropped. The topic in the encryption context scopes it instead.
              Sid: 'EventBridgePublishesToTopics',
              Effect: 'Allow',
              Principal: { Service: 'events.amazonaws.com' },
              Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
              Resource: '*',
              Condition: { ArnLike: { 'kms:EncryptionContext:aws:sns:topicArn': sub('arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:*') } },
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
          TopicName: topic.physicalName === undefined ? undefined : resolveValue(app, topic.physicalName),
          FifoTopic: topic.fifo || undefined,
          ContentBasedDeduplication: topic.fifo || undefined,
          KmsMasterKeyId: ref(TOPIC_KEY_ID),
        },
      },
      topic.path,
    );
    synthSubscriptions(topic, t);
  }
}
