import type { APIGatewayProxyResultV2, APIGatewayProxyWebsocketEventV2 } from 'aws-lambda';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { resources } from '../generated/resources.js';
import { db } from './connections.js';

/** $connect: remembers the connection. */
export const handler = async (event: APIGatewayProxyWebsocketEventV2): Promise<APIGatewayProxyResultV2> => {
  await db.send(new PutCommand({ TableName: resources.tables.connections.name, Item: { connectionId: event.requestContext.connectionId } }));
  return { statusCode: 200 };
};
