// Direct routes in the template: one role per route that API Gateway assumes, allowed exactly
// the one action the route calls on exactly its one resource, and the API's OpenAPI body
// (DefinitionBody) holding each route's integration; SAM adds the functions' routes to it.
import { logicalId } from '../../core/names.js';
import type { ApiModel, App, DirectRouteModel } from '../../model/types.js';
import { busArn } from '../bus/attributes.js';
import { allow, assumeRole, policyDocument } from '../iam.js';
import { getAtt, ref, type Statement, type TemplateBuilder } from '../template.js';
import { httpOperation } from './direct-http.js';
import { restOperation } from './direct-rest.js';

const tableActions = { put: 'dynamodb:PutItem', get: 'dynamodb:GetItem', query: 'dynamodb:Query', delete: 'dynamodb:DeleteItem' } as const;

/** The one statement a direct route's role holds. */
export function directRouteStatement(route: DirectRouteModel): Statement {
  const t = route.target;
  switch (t.kind) {
    case 'queue':
      // queues use SQS-managed encryption: sending needs no KMS grant
      return allow('sqs:SendMessage', getAtt(logicalId('queue', t.name), 'Arn'));
    case 'bus':
      return allow('events:PutEvents', busArn(t.name));
    case 'workflow':
      return allow(t.sync ? 'states:StartSyncExecution' : 'states:StartExecution', ref(logicalId('workflow', t.name)));
    case 'table':
      return allow(tableActions[t.action], getAtt(logicalId('table', t.name), 'Arn'));
  }
}

export function synthDirectRoutes(app: App, t: TemplateBuilder): void {
  for (const api of app.apis) {
    for (const route of api.directRoutes ?? []) {
      t.add(
        route.roleLogicalId,
        {
          Type: 'AWS::IAM::Role',
          Properties: {
            Description: `API Gateway calls ${route.target.kind} ${route.target.name} for ${route.method} ${route.path} on ${api.name}`,
            AssumeRolePolicyDocument: assumeRole('apigateway.amazonaws.com'),
            Policies: [{ PolicyName: 'direct-route', PolicyDocument: policyDocument([directRouteStatement(route)]) }],
          },
        },
        route.source,
      );
    }
  }
}

/** The API's DefinitionBody when it has direct routes (undefined otherwise: SAM builds it). */
export function directDefinitionBody(app: App, api: ApiModel): Record<string, unknown> | undefined {
  const routes = api.directRoutes ?? [];
  if (!routes.length) return undefined;
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const method = route.method === 'ANY' ? 'x-amazon-apigateway-any-method' : route.method.toLowerCase();
    (paths[route.path] ??= {})[method] = api.type === 'http' ? httpOperation(route) : restOperation(app, route);
  }
  const info = { title: `${app.name}-${api.name}`, version: '1.0' };
  return api.type === 'http' ? { openapi: '3.0.1', info, paths } : { swagger: '2.0', info, paths };
}
