import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';

/** Writes each notification to the log as a structured audit line (raw SNS delivery). */
export const handler = async (event: SQSEvent): Promise<SQSBatchResponse> => {
  for (const record of event.Records) {
    console.log(JSON.stringify({ audit: true, messageId: record.messageId, sentAt: record.attributes.SentTimestamp, message: record.body }));
  }
  return { batchItemFailures: [] };
};
