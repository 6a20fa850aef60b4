import type { EventBridgeEvent } from 'aws-lambda';

/** Logs the event the API put on the bus. */
export const handler = async (event: EventBridgeEvent<'MyDetailType', unknown>): Promise<void> => {
  console.log(JSON.stringify({ source: event.source, detailType: event['detail-type'], detail: event.detail }));
};
