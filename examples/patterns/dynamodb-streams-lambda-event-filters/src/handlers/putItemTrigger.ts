import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';

/** Logs the stream records the trigger's filter let through (putItem events only). */
export const handler = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  for (const record of event.Records) console.log(JSON.stringify({ eventName: record.eventName, keys: record.dynamodb?.Keys }));
  return { batchItemFailures: [] };
};
