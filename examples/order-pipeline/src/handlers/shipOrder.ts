import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { resources } from '../generated/resources.js';
import type { Order } from './validateOrder.js';

const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const sns = new SNSClient({});

/** Task ShipOrder: marks the order SHIPPED and tells the notifications topic. */
export const handler = async (order: Order): Promise<Order> => {
  await db.send(
    new UpdateCommand({
      TableName: resources.tables.orders.name,
      Key: { id: order.id },
      UpdateExpression: 'SET #s = :s',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':s': 'SHIPPED' },
    }),
  );
  await sns.send(
    new PublishCommand({
      TopicArn: resources.topics.notifications.arn,
      Subject: `Order ${order.id} shipped`,
      Message: JSON.stringify({ type: 'OrderShipped', orderId: order.id, customerId: order.customerId }),
      MessageAttributes: { type: { DataType: 'String', StringValue: 'OrderShipped' } },
    }),
  );
  return { ...order, status: 'SHIPPED' };
};
