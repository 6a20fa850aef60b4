import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { resources } from '../generated/resources.js';
import { db, json } from './notes.js';

export const handler = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> => {
  await db.send(new DeleteCommand({ TableName: resources.tables.notes.name, Key: { id: event.pathParameters?.id } }));
  return json(204);
};
