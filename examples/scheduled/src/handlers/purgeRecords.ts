import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { resources } from '../generated/resources.js';

const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));

/** Task Purge: deletes the records Export listed. */
export const handler = async (input: { keys: { source: string; fetchedAt: number }[] }): Promise<{ purged: number }> => {
  for (const key of input.keys) await db.send(new DeleteCommand({ TableName: resources.tables.feed.name, Key: key }));
  return { purged: input.keys.length };
};
