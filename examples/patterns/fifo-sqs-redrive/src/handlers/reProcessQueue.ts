import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';

/** Processes the messages redriven from the dead-letter queue. */
export const handler = async (event: SQSEvent): Promise<SQSBatchResponse> => {
  for (const record of event.Records) console.log(JSON.stringify({ reprocessed: record.messageId, body: record.body }));
  return { batchItemFailures: [] };
};
