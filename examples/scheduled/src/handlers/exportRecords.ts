import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { resources } from '../generated/resources.js';

const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));

/** Task Export: returns the keys of records older than a day, for Purge. */
export const handler = async (): Promise<{ keys: { source: string; fetchedAt: number }[] }> => {
  const { Items = [] } = await db.send(
    new QueryCommand({
      TableName: resources.tables.feed.name,
      KeyConditionExpression: '#s = :s AND fetchedAt < :before',
      ExpressionAttributeNames: { '#s': 'source' },
      ExpressionAttributeValues: { ':s': 'partner', ':before': Date.now() - 86400_000 },
      ProjectionExpression: '#s, fetchedAt',
    }),
  );
  return { keys: Items as { source: string; fetchedAt: number }[] };
};
