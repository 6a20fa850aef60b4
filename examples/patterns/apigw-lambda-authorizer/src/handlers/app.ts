import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';

/** Answers with the event it received, the authorizer's context included. */
export const handler = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => ({
  statusCode: 200,
  body: JSON.stringify(event),
});
