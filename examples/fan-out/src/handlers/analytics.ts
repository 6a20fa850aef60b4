import type { SNSEvent } from 'aws-lambda';

/** Counts every order event by type. */
export const handler = async (event: SNSEvent): Promise<void> => {
  for (const record of event.Records) {
    console.log(JSON.stringify({ metric: 'order-event', type: record.Sns.MessageAttributes.type?.Value }));
  }
};
