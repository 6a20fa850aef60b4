// An api's auth in the template: SAM's Auth block (authorizers, the default, API keys), a
// route's own Auth when it differs from its api's, usage plans with their keys, and the custom
// domain. SAM grants API Gateway lambda:InvokeFunction on each Lambda authorizer's function,
// scoped to that api's authorizers (<api>/authorizers/*).
import type { ApiModel, App, AuthorizerModel, IdentitySource, RouteAuth, RouteModel } from '../../model/types.js';
import { getAtt, ref, type TemplateBuilder } from '../template.js';
import { resolveValue } from '../values.js';
import { authorizerOf } from './authorizers.js';

const fnArn = (app: App, name: string) => getAtt(app.functions.find((f) => f.name === name)?.logicalId ?? name, 'Arn');

/** The identity sources as SAM's Identity lists them (Headers, QueryStrings, Context, StageVariables). */
function identityLists(sources: IdentitySource[]) {
  const of = (where: IdentitySource['in']) => {
    const names = sources.filter((s) => s.in === where).map((s) => s.name);
    return names.length ? names : undefined;
  };
  return { Headers: of('header'), QueryStrings: of('query'), Context: of('context'), StageVariables: of('stageVariable') };
}

function httpAuthorizer(app: App, a: AuthorizerModel): unknown {
  const source = a.identitySources[0]!;
  if (a.type === 'jwt') {
    const where = { header: '$request.header', query: '$request.querystring', context: '$context', stageVariable: '$stageVariables' }[source.in];
    return { IdentitySource: `${where}.${source.name}`, JwtConfiguration: { issuer: a.issuer, audience: a.audience }, AuthorizationScopes: a.scopes.length ? a.scopes : undefined };
  }
  if (a.type !== 'lambda') return undefined;
  return {
    FunctionArn: fnArn(app, a.function),
    AuthorizerPayloadFormatVersion: '2.0',
    EnableSimpleResponses: a.responses === 'simple' || undefined,
    EnableFunctionDefaultPermissions: true,
    Identity: { ...identityLists(a.identitySources), ReauthorizeEvery: a.ttl },
  };
}

function restAuthorizer(app: App, a: AuthorizerModel): unknown {
  const header = a.identitySources.find((s) => s.in === 'header')?.name ?? 'Authorization';
  switch (a.type) {
    case 'token':
      return { FunctionArn: fnArn(app, a.function), FunctionPayloadType: 'TOKEN', Identity: { Header: header, ValidationExpression: a.validation, ReauthorizeEvery: a.ttl } };
    case 'request':
      return { FunctionArn: fnArn(app, a.function), FunctionPayloadType: 'REQUEST', Identity: { ...identityLists(a.identitySources), ReauthorizeEvery: a.ttl } };
    case 'cognito':
      return { UserPoolArn: resolveValue(app, a.userPoolArn), AuthorizationScopes: a.scopes.length ? a.scopes : undefined, Identity: { Header: header, ReauthorizeEvery: a.ttl } };
    default:
      return undefined;
  }
}

/** SAM's name for a route auth: NONE, AWS_IAM or the authorizer's key. */
function authName(api: ApiModel, auth: RouteAuth): string {
  if (auth.type === 'none') return 'NONE';
  if (auth.type === 'iam') return 'AWS_IAM';
  return authorizerOf(api.authorizers, auth)?.key ?? 'NONE';
}

/** The Auth property of an HTTP API (AWS::Serverless::HttpApi). */
export function httpApiAuth(app: App, api: ApiModel): unknown {
  const authorizers = api.authorizers ?? [];
  const iam = api.auth.type === 'iam' || api.routes.some((r) => r.auth?.type === 'iam');
  if (!iam && !authorizers.length) return undefined;
  return {
    EnableIamAuthorizer: iam || undefined,
    Authorizers: authorizers.length ? Object.fromEntries(authorizers.map((a) => [a.key, httpAuthorizer(app, a)])) : undefined,
    DefaultAuthorizer: api.auth.type === 'none' ? undefined : authName(api, api.auth),
  };
}

/** The Auth property of a REST API (AWS::Serverless::Api). */
export function restApiAuth(app: App, api: ApiModel): unknown {
  const authorizers = api.authorizers ?? [];
  if (api.auth.type === 'none' && !authorizers.length && !api.apiKeys) return undefined;
  const hasDefault = api.auth.type !== 'none';
  return {
    DefaultAuthorizer: hasDefault ? authName(api, api.auth) : undefined,
    Authorizers: authorizers.length ? Object.fromEntries(authorizers.map((a) => [a.key, restAuthorizer(app, a)])) : undefined,
    ApiKeyRequired: api.apiKeys ? true : undefined,
    // a browser's CORS preflight carries no credentials: it must not need the authorizer or a key
    AddDefaultAuthorizerToCorsPreflight: api.cors && hasDefault && api.auth.type !== 'iam' ? false : undefined,
    AddApiKeyRequiredToCorsPreflight: api.cors && api.apiKeys ? false : undefined,
  };
}

/** A route's SAM event Auth, when it differs from its api's default. */
export function routeEventAuth(api: ApiModel, route: RouteModel | undefined): unknown {
  if (!route) return undefined;
  const auth = route.auth ?? api.auth;
  const same = auth.type === api.auth.type && (auth.type === 'none' || auth.type === 'iam' || (api.auth.type !== 'none' && api.auth.type !== 'iam' && auth.authorizer === api.auth.authorizer));
  const scopes = auth.type !== 'none' && auth.type !== 'iam' && auth.scopes.length ? auth.scopes : undefined;
  const keyDiffers = api.type === 'rest' && api.apiKeys && route.apiKey === false;
  if (same && !scopes && !keyDiffers) return undefined;
  return { Authorizer: same && !scopes ? undefined : authName(api, auth), AuthorizationScopes: scopes, ApiKeyRequired: keyDiffers ? false : undefined };
}

/** An HTTP API route's own throttle (SAM HttpApi event RouteSettings). */
export function routeThrottle(api: ApiModel, route: RouteModel | undefined): unknown {
  if (api.type !== 'http' || !route?.throttle) return undefined;
  return { ThrottlingBurstLimit: route.throttle.burst, ThrottlingRateLimit: route.throttle.rate };
}

/** A REST API's MethodSettings for the routes with their own throttle (after the stage's `/*`). */
export function restRouteThrottles(api: ApiModel): Record<string, unknown>[] {
  return api.routes
    .filter((r) => r.throttle)
    .map((r) => ({ ResourcePath: r.path === '/' ? '/' : `/${r.path.replace(/\//g, '~1')}`, HttpMethod: r.method === 'ANY' ? '*' : r.method, ThrottlingBurstLimit: r.throttle!.burst, ThrottlingRateLimit: r.throttle!.rate }));
}

/** Usage plans, their API keys and the keys' ids as outputs (never the key values). */
export function synthUsagePlans(api: ApiModel, t: TemplateBuilder, outputBase: string): void {
  for (const plan of api.apiKeys?.plans ?? []) {
    const path = [...api.path, 'usagePlans', plan.name];
    t.add(
      plan.logicalId,
      {
        Type: 'AWS::ApiGateway::UsagePlan',
        Properties: {
          Description: plan.description ?? `Usage plan ${plan.name} of the ${api.name} API`,
          ApiStages: [{ ApiId: ref(api.logicalId), Stage: ref(`${api.logicalId}.Stage`) }],
          Quota: plan.quota ? { Limit: plan.quota.limit, Period: plan.quota.period } : undefined,
          Throttle: plan.throttle ? { RateLimit: plan.throttle.rate, BurstLimit: plan.throttle.burst } : undefined,
        },
      },
      path,
    );
    t.add(plan.keyLogicalId, { Type: 'AWS::ApiGateway::ApiKey', Properties: { Description: `API key of the ${plan.name} usage plan of the ${api.name} API`, Enabled: true } }, path);
    t.add(`${plan.logicalId}Key`, { Type: 'AWS::ApiGateway::UsagePlanKey', Properties: { KeyId: ref(plan.keyLogicalId), KeyType: 'API_KEY', UsagePlanId: ref(plan.logicalId) } }, path);
    t.output(`${outputBase}${plan.keyLogicalId.slice(api.logicalId.length)}Id`, ref(plan.keyLogicalId), `Id of the ${plan.name} API key (aws apigateway get-api-key --include-value --api-key <id>)`);
  }
}

/** SAM's Domain property: a regional custom domain mapped to the api's stage. */
export function domainProperty(app: App, api: ApiModel): unknown {
  const d = api.domain;
  if (!d) return undefined;
  return {
    DomainName: d.name,
    CertificateArn: resolveValue(app, d.certificateArn),
    EndpointConfiguration: 'REGIONAL',
    BasePath: d.basePath ? [d.basePath] : undefined,
    Route53: d.hostedZoneId ? { HostedZoneId: d.hostedZoneId } : undefined,
  };
}

/** https://api.example.com/v1/ */
export function domainUrl(api: ApiModel): string | undefined {
  return api.domain ? `https://${api.domain.name}/${api.domain.basePath ? `${api.domain.basePath}/` : ''}` : undefined;
}
