import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { resources } from '../generated/resources.js';

const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));

interface Payment {
  paymentId: string;
  orderId: string;
  amount: number;
}

/** Settles queued payments; a message that cannot be settled is retried, then dead-lettered. */
export const handler = async (event: SQSEvent): Promise<SQSBatchResponse> => {
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    try {
      const payment = JSON.parse(record.body) as Payment;
      if (!payment.orderId || typeof payment.amount !== 'number') throw new Error(`not a payment: ${record.body}`);
      await db.send(
        new UpdateCommand({
          TableName: resources.tables.orders.name,
          Key: { id: payment.orderId },
          UpdateExpression: 'SET paymentId = :p, paidAmount = :a',
          ExpressionAttributeValues: { ':p': payment.paymentId, ':a': payment.amount },
        }),
      );
    } catch (error) {
      console.error('payment not settled', record.messageId, error);
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
};
