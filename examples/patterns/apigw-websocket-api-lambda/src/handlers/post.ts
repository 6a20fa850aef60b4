import type { APIGatewayProxyResultV2, APIGatewayProxyWebsocketEventV2 } from 'aws-lambda';
import { ApiGatewayManagementApiClient, GoneException, PostToConnectionCommand } from '@aws-sdk/client-apigatewaymanagementapi';
import { DeleteCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { resources } from '../generated/resources.js';
import { db } from './connections.js';

const connections = new ApiGatewayManagementApiClient({ endpoint: resources.apis.chat.endpoint });

/** The "post" route: sends the message's data to every open connection, forgetting the gone ones. */
export const handler = async (event: APIGatewayProxyWebsocketEventV2): Promise<APIGatewayProxyResultV2> => {
  const { data } = JSON.parse(event.body ?? '{}') as { data?: string };
  const table = resources.tables.connections.name;
  const { Items = [] } = await db.send(new ScanCommand({ TableName: table, ProjectionExpression: 'connectionId' }));
  await Promise.all(
    Items.map(async ({ connectionId }) => {
      try {
        await connections.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: String(data ?? '') }));
      } catch (error) {
        if (!(error instanceof GoneException)) throw error;
        await db.send(new DeleteCommand({ TableName: table, Key: { connectionId } }));
      }
    }),
  );
  return { statusCode: 200 };
};
