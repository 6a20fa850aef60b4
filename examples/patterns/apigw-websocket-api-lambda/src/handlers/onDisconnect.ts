import type { APIGatewayProxyResultV2, APIGatewayProxyWebsocketEventV2 } from 'aws-lambda';
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { resources } from '../generated/resources.js';
import { db } from './connections.js';

/** $disconnect: forgets the connection. */
export const handler = async (event: APIGatewayProxyWebsocketEventV2): Promise<APIGatewayProxyResultV2> => {
  await db.send(new DeleteCommand({ TableName: resources.tables.connections.name, Key: { connectionId: event.requestContext.connectionId } }));
  return { statusCode: 200 };
};
