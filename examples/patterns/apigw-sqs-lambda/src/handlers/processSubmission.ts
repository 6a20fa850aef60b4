import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';

/** Logs every message the API put on the queue. */
export const handler = async (event: SQSEvent): Promise<SQSBatchResponse> => {
  for (const record of event.Records) console.log(JSON.stringify({ messageId: record.messageId, body: record.body }));
  return { batchItemFailures: [] };
};
