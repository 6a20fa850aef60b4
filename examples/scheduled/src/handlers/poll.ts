import type { ScheduledEvent } from 'aws-lambda';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { resources } from '../generated/resources.js';

const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));

/** Records one poll of the partner feed (the fetch itself is the partner's; here, a heartbeat). */
export const handler = async (event: ScheduledEvent): Promise<void> => {
  const fetchedAt = Date.parse(event.time) || Date.now();
  await db.send(
    new PutCommand({
      TableName: resources.tables.feed.name,
      Item: { source: 'partner', fetchedAt, expiresAt: Math.floor(fetchedAt / 1000) + 7 * 86400 },
    }),
  );
};
