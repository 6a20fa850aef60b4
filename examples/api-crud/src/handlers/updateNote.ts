import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { resources } from '../generated/resources.js';
import { db, json } from './notes.js';

export const handler = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> => {
  const { text } = JSON.parse(event.body ?? '{}') as { text?: string };
  if (!text) return json(400, { message: 'text is required' });
  try {
    const { Attributes } = await db.send(
      new UpdateCommand({
        TableName: resources.tables.notes.name,
        Key: { id: event.pathParameters?.id },
        UpdateExpression: 'SET #t = :t, updatedAt = :u',
        ConditionExpression: 'attribute_exists(id)',
        ExpressionAttributeNames: { '#t': 'text' },
        ExpressionAttributeValues: { ':t': text, ':u': Date.now() },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return json(200, Attributes);
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') return json(404, { message: 'no such note' });
    throw error;
  }
};
