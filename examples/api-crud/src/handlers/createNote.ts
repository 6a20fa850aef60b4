import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { resources } from '../generated/resources.js';
import { db, json, type Note } from './notes.js';

export const handler = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> => {
  const { text } = JSON.parse(event.body ?? '{}') as { text?: string };
  if (!text) return json(400, { message: 'text is required' });
  const note: Note = { id: randomUUID(), text, updatedAt: Date.now() };
  await db.send(new PutCommand({ TableName: resources.tables.notes.name, Item: note }));
  return json(201, note);
};
