import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';

/** Logs each message that passed the trigger's filter. */
export const handler = async (event: SQSEvent): Promise<SQSBatchResponse> => {
  for (const record of event.Records) console.log(JSON.stringify({ messageId: record.messageId, body: record.body }));
  return { batchItemFailures: [] };
};
