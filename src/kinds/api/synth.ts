// APIs: an HTTP API (AWS::Serverless::HttpApi) or a REST API (AWS::Serverless::Api) per entry,
// each with a stage throttle, JSON access logs to its own log group, CORS, auth (auth-synth.ts)
// and an optional custom domain.
import type { ApiModel, App } from '../../model/types.js';
import { getAtt, type TemplateBuilder } from '../template.js';
import { directDefinitionBody } from '../route/direct-synth.js';
import { apiUrl } from './attributes.js';
import { domainProperty, domainUrl, httpApiAuth, restApiAuth, restRouteThrottles, synthUsagePlans } from './auth-synth.js';

/** Access-log fields, from AWS's documented $context variables for each API type. */
const HTTP_LOG_FORMAT = {
  requestId: '$context.requestId',
  ip: '$context.identity.sourceIp',
  userAgent: '$context.identity.userAgent',
  requestTime: '$context.requestTime',
  httpMethod: '$context.httpMethod',
  routeKey: '$context.routeKey',
  path: '$context.path',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
  error: '$context.error.message',
};
const REST_LOG_FORMAT = {
  requestId: '$context.requestId',
  extendedRequestId: '$context.extendedRequestId',
  ip: '$context.identity.sourceIp',
  userAgent: '$context.identity.userAgent',
  requestTime: '$context.requestTime',
  httpMethod: '$context.httpMethod',
  resourcePath: '$context.resourcePath',
  path: '$context.path',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  integrationError: '$context.integration.error',
  error: '$context.error.message',
};

export const accessLogGroupId = (api: ApiModel) => `${api.logicalId}AccessLogGroup`;

export function synthApis(app: App, t: TemplateBuilder): void {
  for (const api of app.apis) {
    if (api.accessLogs) {
      t.add(
        accessLogGroupId(api),
        { Type: 'AWS::Logs::LogGroup', DeletionPolicy: 'Delete', UpdateReplacePolicy: 'Delete', Properties: { RetentionInDays: app.functionDefaults.logRetentionDays } },
        api.path,
      );
    }
    t.add(api.logicalId, api.type === 'http' ? httpApi(app, api) : restApi(app, api), api.path);
    const outputBase = api.logicalId.replace(/(Http|Rest)Api$/, '');
    t.output(`${outputBase}ApiUrl`, apiUrl(app, api.name), `URL of the ${api.name} API`);
    const domain = domainUrl(api);
    if (domain) t.output(`${outputBase}DomainUrl`, domain, `URL of the ${api.name} API on its custom domain`);
    synthUsagePlans(api, t, outputBase);
  }
}

function accessLog(api: ApiModel, format: Record<string, string>) {
  return api.accessLogs ? { DestinationArn: getAtt(accessLogGroupId(api), 'Arn'), Format: JSON.stringify(format) } : undefined;
}

function httpApi(app: App, api: ApiModel) {
  const cors = api.cors;
  return {
    Type: 'AWS::Serverless::HttpApi',
    Properties: {
      Description: api.description ?? `HTTP API ${api.name} of ${app.name}`,
      DefinitionBody: directDefinitionBody(app, api),
      DefaultRouteSettings: { ThrottlingBurstLimit: api.throttle.burst, ThrottlingRateLimit: api.throttle.rate },
      AccessLogSettings: accessLog(api, HTTP_LOG_FORMAT),
      CorsConfiguration: cors
        ? { AllowOrigins: cors.origins, AllowMethods: cors.methods, AllowHeaders: cors.headers, AllowCredentials: cors.allowCredentials || undefined, MaxAge: cors.maxAge }
        : undefined,
      Auth: httpApiAuth(app, api),
      Domain: domainProperty(app, api),
    },
  };
}

/** REST access logs also need API Gateway's account-level CloudWatch role, which the
 * eda-bootstrap stack sets once per account and region (see docs/deploy.md). */
function restApi(app: App, api: ApiModel) {
  const cors = api.cors;
  const quote = (list: string[]) => `'${list.join(',')}'`;
  return {
    Type: 'AWS::Serverless::Api',
    Properties: {
      Description: api.description ?? `REST API ${api.name} of ${app.name}`,
      DefinitionBody: directDefinitionBody(app, api),
      // SAM adds the functions' Api events to an explicit body only when asked to
      MergeDefinitions: api.directRoutes?.length ? true : undefined,
      StageName: app.stage,
      EndpointConfiguration: { Type: 'REGIONAL' },
      TracingEnabled: true,
      MethodSettings: [{ ResourcePath: '/*', HttpMethod: '*', ThrottlingBurstLimit: api.throttle.burst, ThrottlingRateLimit: api.throttle.rate }, ...restRouteThrottles(api)],
      AccessLogSetting: accessLog(api, REST_LOG_FORMAT),
      Cors: cors
        ? { AllowOrigin: quote(cors.origins), AllowMethods: quote(cors.methods), AllowHeaders: quote(cors.headers), AllowCredentials: cors.allowCredentials || undefined, MaxAge: cors.maxAge !== undefined ? `'${cors.maxAge}'` : undefined }
        : undefined,
      Auth: restApiAuth(app, api),
      Domain: domainProperty(app, api),
    },
  };
}
