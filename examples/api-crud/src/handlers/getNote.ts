import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { resources } from '../generated/resources.js';
import { db, json } from './notes.js';

export const handler = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> => {
  const { Item } = await db.send(new GetCommand({ TableName: resources.tables.notes.name, Key: { id: event.pathParameters?.id } }));
  return Item ? json(200, Item) : json(404, { message: 'no such note' });
};
