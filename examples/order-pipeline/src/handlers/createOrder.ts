import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { resources } from '../generated/resources.js';

const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const events = new EventBridgeClient({});

interface OrderRequest {
  customerId?: string;
  items?: { sku: string; quantity: number; price: number }[];
}

const json = (statusCode: number, body: unknown): APIGatewayProxyResultV2 => ({
  statusCode,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

/** POST /orders — stores the order as PLACED and publishes OrderPlaced on the orders bus. */
export const handler = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> => {
  let request: OrderRequest;
  try {
    request = JSON.parse(event.body ?? '{}') as OrderRequest;
  } catch {
    return json(400, { message: 'body must be JSON' });
  }
  if (!request.customerId || !request.items?.length) return json(400, { message: 'customerId and items are required' });
  const order = {
    id: randomUUID(),
    customerId: request.customerId,
    items: request.items,
    total: request.items.reduce((sum, i) => sum + i.price * i.quantity, 0),
    status: 'PLACED',
    createdAt: Date.now(),
  };
  await db.send(new PutCommand({ TableName: resources.tables.orders.name, Item: order }));
  await events.send(
    new PutEventsCommand({
      Entries: [{ EventBusName: resources.buses.orders.name, Source: 'shop.orders', DetailType: 'OrderPlaced', Detail: JSON.stringify(order) }],
    }),
  );
  return json(201, order);
};
