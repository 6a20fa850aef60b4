import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { resources } from '../generated/resources.js';

const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));

/** Counts yesterday's polls; the rule passes { format } as constant input. */
export const handler = async (input: { format?: string }): Promise<{ polls: number; format: string }> => {
  const since = Date.now() - 86400_000;
  const { Count = 0 } = await db.send(
    new QueryCommand({
      TableName: resources.tables.feed.name,
      KeyConditionExpression: '#s = :s AND fetchedAt > :since',
      ExpressionAttributeNames: { '#s': 'source' },
      ExpressionAttributeValues: { ':s': 'partner', ':since': since },
      Select: 'COUNT',
    }),
  );
  return { polls: Count, format: input.format ?? 'summary' };
};
