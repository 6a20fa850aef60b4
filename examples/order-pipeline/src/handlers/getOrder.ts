import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { resources } from '../generated/resources.js';

const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));

/** GET /orders/{id} */
export const handler = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> => {
  const id = event.pathParameters?.id;
  const { Item } = await db.send(new GetCommand({ TableName: resources.tables.orders.name, Key: { id } }));
  if (!Item) return { statusCode: 404, body: JSON.stringify({ message: `no order ${id}` }) };
  return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(Item) };
};
