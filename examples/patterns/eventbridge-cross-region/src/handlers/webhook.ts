import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { resources } from '../generated/resources.js';

const events = new EventBridgeClient({});

/** GET /?region=us-west-2 — puts the query string on the source bus; the rules route it by region. */
export const handler = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> => {
  const { FailedEntryCount } = await events.send(
    new PutEventsCommand({
      Entries: [
        {
          EventBusName: resources.buses.source.name,
          Source: process.env.EVENT_SOURCE,
          DetailType: 'Request',
          Detail: JSON.stringify({ apiEvent: event.queryStringParameters ?? {} }),
        },
      ],
    }),
  );
  return { statusCode: FailedEntryCount ? 502 : 200, body: JSON.stringify({ routed: !FailedEntryCount }) };
};
