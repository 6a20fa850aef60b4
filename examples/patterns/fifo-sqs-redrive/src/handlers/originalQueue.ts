import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';

/** Fails every message, to show it moving to the shared dead-letter queue. */
export const handler = async (event: SQSEvent): Promise<SQSBatchResponse> => {
  for (const record of event.Records) console.log(JSON.stringify({ failing: record.messageId }));
  throw new Error('Simulated processing failure');
};
