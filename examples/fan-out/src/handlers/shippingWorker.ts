import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';

/** shippingWorker: handles its share of order events; failed messages are retried, then dead-lettered. */
export const handler = async (event: SQSEvent): Promise<SQSBatchResponse> => {
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    try {
      const message = JSON.parse(record.body) as { type: string };
      console.log('shippingWorker', record.messageId, message.type);
    } catch (error) {
      console.error('failed', record.messageId, error);
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
};
