import type { ScheduledEvent } from 'aws-lambda';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { resources } from '../generated/resources.js';

const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));

/** Nightly: deletes orders still PLACED after `olderThanHours` (the rule's constant input). */
export const handler = async (event: ScheduledEvent | { olderThanHours?: number }): Promise<{ deleted: number }> => {
  const hours = 'olderThanHours' in event && typeof event.olderThanHours === 'number' ? event.olderThanHours : 24;
  const cutoff = Date.now() - hours * 3600_000;
  const { Items = [] } = await db.send(
    new ScanCommand({
      TableName: resources.tables.orders.name,
      FilterExpression: '#s = :placed AND createdAt < :cutoff',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':placed': 'PLACED', ':cutoff': cutoff },
    }),
  );
  for (const item of Items) await db.send(new DeleteCommand({ TableName: resources.tables.orders.name, Key: { id: item.id } }));
  return { deleted: Items.length };
};
