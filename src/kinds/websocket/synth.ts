// WebSocket APIs: an AWS::ApiGatewayV2::Api (WEBSOCKET) per entry; per route a Lambda proxy
// integration, the route, and a Lambda permission for exactly that route of that API; a stage
// named after the eda stage that deploys itself, with the default throttle and JSON access logs.
import { pascal } from '../../core/names.js';
import type { App, WebSocketApiModel } from '../../model/types.js';
import { getAtt, ref, sub, type TemplateBuilder } from '../template.js';
import { callbackUrl, webSocketUrl } from './attributes.js';

/** Access-log fields: AWS's documented $context variables for WebSocket APIs. */
const WEBSOCKET_LOG_FORMAT = {
  requestId: '$context.requestId',
  ip: '$context.identity.sourceIp',
  userAgent: '$context.identity.userAgent',
  requestTime: '$context.requestTime',
  eventType: '$context.eventType',
  routeKey: '$context.routeKey',
  connectionId: '$context.connectionId',
  status: '$context.status',
  integrationLatency: '$context.integrationLatency',
  error: '$context.error.message',
};

/** The prefix of every ID of one websocket api: chat → ChatWebSocket. */
export const webSocketPrefix = (api: WebSocketApiModel) => api.logicalId.replace(/Api$/, '');

/** A route's part of its logical IDs: $connect → Connect, sendMessage → SendMessage, made unique. */
export function routeIds(api: WebSocketApiModel): Map<string, string> {
  const ids = new Map<string, string>();
  const taken = new Set<string>();
  for (const r of api.routes) {
    const base = pascal(r.key.replace(/^\$/, '')) || 'Route';
    let id = base;
    for (let i = 2; taken.has(id); i++) id = `${base}${i}`;
    taken.add(id);
    ids.set(r.key, id);
  }
  return ids;
}

export function synthWebSockets(app: App, t: TemplateBuilder): void {
  for (const api of app.websocketApis) synthWebSocket(app, api, t);
}

function synthWebSocket(app: App, api: WebSocketApiModel, t: TemplateBuilder): void {
  const prefix = webSocketPrefix(api);
  const logGroupId = `${api.logicalId}AccessLogGroup`;
  if (api.accessLogs) {
    t.add(logGroupId, { Type: 'AWS::Logs::LogGroup', DeletionPolicy: 'Delete', UpdateReplacePolicy: 'Delete', Properties: { RetentionInDays: app.functionDefaults.logRetentionDays } }, api.path);
  }
  t.add(
    api.logicalId,
    {
      Type: 'AWS::ApiGatewayV2::Api',
      Properties: {
        Name: sub(`\${AWS::StackName}-${api.name}`),
        Description: api.description ?? `WebSocket API ${api.name} of ${app.name}`,
        ProtocolType: 'WEBSOCKET',
        RouteSelectionExpression: api.routeSelection,
      },
    },
    api.path,
  );
  const ids = routeIds(api);
  const routeIdList: string[] = [];
  for (const r of api.routes) {
    const id = `${prefix}${ids.get(r.key)}`;
    const fnId = app.functions.find((f) => f.name === r.function)!.logicalId;
    t.add(
      `${id}Integration`,
      {
        Type: 'AWS::ApiGatewayV2::Integration',
        Properties: {
          ApiId: ref(api.logicalId),
          Description: `${r.key} → function ${r.function}`,
          IntegrationType: 'AWS_PROXY',
          IntegrationUri: sub(`arn:\${AWS::Partition}:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${${fnId}.Arn}/invocations`),
        },
      },
      r.source,
    );
    t.add(
      `${id}Route`,
      {
        Type: 'AWS::ApiGatewayV2::Route',
        Properties: {
          ApiId: ref(api.logicalId),
          RouteKey: r.key,
          AuthorizationType: r.key === '$connect' && api.auth === 'iam' ? 'AWS_IAM' : 'NONE',
          Target: sub(`integrations/\${${id}Integration}`),
        },
      },
      r.source,
    );
    t.add(
      `${id}Permission`,
      {
        Type: 'AWS::Lambda::Permission',
        Properties: {
          Action: 'lambda:InvokeFunction',
          FunctionName: ref(fnId),
          Principal: 'apigateway.amazonaws.com',
          SourceArn: sub(`arn:\${AWS::Partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${${api.logicalId}}/${app.stage}/${r.key}`),
        },
      },
      r.source,
    );
    routeIdList.push(`${id}Route`);
  }
  t.add(
    `${prefix}Stage`,
    {
      Type: 'AWS::ApiGatewayV2::Stage',
      // the first automatic deployment carries every route
      DependsOn: routeIdList.length ? routeIdList : undefined,
      Properties: {
        ApiId: ref(api.logicalId),
        StageName: app.stage,
        Description: `Stage ${app.stage} of the ${api.name} WebSocket API`,
        AutoDeploy: true,
        DefaultRouteSettings: { ThrottlingBurstLimit: api.throttle.burst, ThrottlingRateLimit: api.throttle.rate },
        AccessLogSettings: api.accessLogs ? { DestinationArn: getAtt(logGroupId, 'Arn'), Format: JSON.stringify(WEBSOCKET_LOG_FORMAT) } : undefined,
      },
    },
    api.path,
  );
  t.output(`${pascal(api.name)}WebSocketUrl`, webSocketUrl(app, api.logicalId), `wss:// URL of the ${api.name} WebSocket API`);
  t.output(`${pascal(api.name)}WebSocketCallbackUrl`, callbackUrl(app, api.logicalId), `https:// endpoint of the ${api.name} WebSocket API's connections (ApiGatewayManagementApi)`);
}
