import type { EventBridgeEvent } from 'aws-lambda';

/** Logs each event the source region's rules deliver to this region's bus. */
export const handler = async (event: EventBridgeEvent<string, unknown>): Promise<void> => {
  console.log(JSON.stringify(event));
};
