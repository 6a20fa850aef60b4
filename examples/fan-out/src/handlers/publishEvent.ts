import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { resources } from '../generated/resources.js';

const sns = new SNSClient({});

/** POST /events {type, amount, ...} — publishes with `type` and `amount` as message attributes. */
export const handler = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> => {
  const body = JSON.parse(event.body ?? '{}') as { type?: string; amount?: number };
  if (!body.type) return { statusCode: 400, body: JSON.stringify({ message: 'type is required' }) };
  const { MessageId } = await sns.send(
    new PublishCommand({
      TopicArn: resources.topics['order-events'].arn,
      Message: JSON.stringify(body),
      MessageAttributes: {
        type: { DataType: 'String', StringValue: body.type },
        amount: { DataType: 'Number', StringValue: String(body.amount ?? 0) },
      },
    }),
  );
  return { statusCode: 202, body: JSON.stringify({ messageId: MessageId }) };
};
