import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { resources } from '../generated/resources.js';

const sns = new SNSClient({});

/** Publishes each message to the topic, in order; a failure stops the batch so order holds. */
export const handler = async (event: SQSEvent): Promise<SQSBatchResponse> => {
  for (const [i, record] of event.Records.entries()) {
    try {
      await sns.send(new PublishCommand({ TopicArn: resources.topics.notifications.arn, Message: record.body, Subject: 'SQS Event Notification' }));
    } catch (error) {
      console.error('publish failed', record.messageId, error);
      return { batchItemFailures: event.Records.slice(i).map((r) => ({ itemIdentifier: r.messageId })) };
    }
  }
  return { batchItemFailures: [] };
};
