import type { APIGatewayAuthorizerResult, APIGatewayTokenAuthorizerEvent } from 'aws-lambda';

/** "Bearer allow" → Allow, "Bearer deny" → Deny, "unauthorized" → 401, anything else → 500. */
export const handler = async (event: APIGatewayTokenAuthorizerEvent): Promise<APIGatewayAuthorizerResult> => {
  switch (event.authorizationToken) {
    case 'Bearer allow':
      return policy('user', 'Allow', event.methodArn);
    case 'Bearer deny':
      return policy('user', 'Deny', event.methodArn);
    case 'unauthorized':
      throw new Error('Unauthorized'); // API Gateway answers 401
    default:
      throw new Error('Error: Invalid token'); // API Gateway answers 500
  }
};

function policy(principalId: string, effect: 'Allow' | 'Deny', resource: string): APIGatewayAuthorizerResult {
  return {
    principalId,
    policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: resource }] },
    // values of the String, Number or Boolean type reach the route as event.requestContext.authorizer
    context: { stringKey: 'stringval', numberKey: 123, booleanKey: true },
  };
}
