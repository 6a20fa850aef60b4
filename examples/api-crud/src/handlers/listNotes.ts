import type { APIGatewayProxyResultV2 } from 'aws-lambda';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { resources } from '../generated/resources.js';
import { db, json } from './notes.js';

export const handler = async (): Promise<APIGatewayProxyResultV2> => {
  const { Items = [] } = await db.send(new ScanCommand({ TableName: resources.tables.notes.name, Limit: 100 }));
  return json(200, Items);
};
