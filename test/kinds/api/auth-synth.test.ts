// What the template says for authorizers, per-route auth, API keys with usage plans and custom
// domains — and that cfn-lint and AWS's SAM translator accept it (the translator adding the
// authorizers' invoke permissions, scoped to their api).
import { execa } from 'execa';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compile } from '../../../src/pipeline/index.js';
import { cfnLint, samTranslate } from '../../support/cfn.js';
import { tempProject } from '../../support/cli.js';

const app = readFileSync(path.join(import.meta.dirname, 'auth-app.fixture.yaml'), 'utf8');
let t: any;
let file: string;

beforeAll(async () => {
  const dir = tempProject({ 'app.yaml': app });
  const compiled = await compile({ cwd: dir });
  t = compiled.template;
  file = path.join(dir, 'template.yaml');
  writeFileSync(file, compiled.templateText);
});

const events = () => t.Resources.OrdersFunction.Properties.Events;

describe('http api authorizers', () => {
  it('writes a Lambda authorizer with payload 2.0, simple responses, its identity sources and ttl, as the default', () => {
    const auth = t.Resources.PublicHttpApi.Properties.Auth;
    expect(auth.DefaultAuthorizer).toBe('CustomAuthorizer');
    expect(auth.Authorizers.CustomAuthorizer).toEqual({
      FunctionArn: { 'Fn::GetAtt': ['AuthorizeFunction', 'Arn'] },
      AuthorizerPayloadFormatVersion: '2.0',
      EnableSimpleResponses: true,
      EnableFunctionDefaultPermissions: true,
      Identity: { Headers: ['Authorization'], QueryStrings: ['tenant'], ReauthorizeEvery: 60 },
    });
    expect(auth.Authorizers.UsersAuthorizer).toEqual({ IdentitySource: '$request.header.Authorization', JwtConfiguration: { issuer: 'https://issuer.example.com', audience: ['client-1'] } });
    expect(auth.EnableIamAuthorizer).toBe(true);
  });

  it("gives a route its own auth only where it differs from the api's", () => {
    expect(events().HttpGetOrders.Properties.Auth).toBeUndefined();
    expect(events().HttpGetHealth.Properties.Auth).toEqual({ Authorizer: 'NONE' });
    expect(events().HttpGetMe.Properties.Auth).toEqual({ Authorizer: 'UsersAuthorizer', AuthorizationScopes: ['orders/read'] });
    expect(events().HttpGetAdmin.Properties.Auth).toEqual({ Authorizer: 'AWS_IAM' });
  });

  it('maps a custom domain and outputs its URL', () => {
    expect(t.Resources.PublicHttpApi.Properties.Domain).toEqual({ DomainName: 'api.example.com', CertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc-123', EndpointConfiguration: 'REGIONAL', BasePath: ['v1'] });
    expect(t.Outputs.PublicDomainUrl.Value).toBe('https://api.example.com/v1/');
    expect(t.Resources.LegacyRestApi.Properties.Domain).toEqual({ DomainName: 'legacy.example.com', CertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/def-456', EndpointConfiguration: 'REGIONAL', Route53: { HostedZoneId: 'Z0123456789ABC' } });
    expect(t.Outputs.LegacyDomainUrl.Value).toBe('https://legacy.example.com/');
  });
});

describe('rest api authorizers and API keys', () => {
  it('writes TOKEN, REQUEST and Cognito authorizers, requires API keys, and keeps CORS preflights open', () => {
    const auth = t.Resources.LegacyRestApi.Properties.Auth;
    expect(auth.DefaultAuthorizer).toBe('TokenAuthorizer');
    expect(auth.Authorizers.TokenAuthorizer).toEqual({ FunctionArn: { 'Fn::GetAtt': ['AuthorizeTokenFunction', 'Arn'] }, FunctionPayloadType: 'TOKEN', Identity: { Header: 'Authorization', ValidationExpression: '^Bearer .+$', ReauthorizeEvery: 300 } });
    expect(auth.Authorizers.ReqAuthorizer.Identity).toEqual({ Headers: ['x-tenant'], QueryStrings: ['user'], ReauthorizeEvery: 0 });
    expect(auth.Authorizers.PoolAuthorizer).toEqual({ UserPoolArn: { 'Fn::GetAtt': ['UserPool', 'Arn'] }, AuthorizationScopes: ['shop/read'], Identity: { Header: 'Authorization', ReauthorizeEvery: 300 } });
    expect(auth.ApiKeyRequired).toBe(true);
    expect(auth.AddDefaultAuthorizerToCorsPreflight).toBe(false);
    expect(auth.AddApiKeyRequiredToCorsPreflight).toBe(false);
    expect(events().HttpGetOpen.Properties.Auth).toEqual({ Authorizer: 'NONE', ApiKeyRequired: false });
    expect(events().HttpGetMine.Properties.Auth).toEqual({ Authorizer: 'PoolAuthorizer', AuthorizationScopes: ['shop/write'] });
  });

  it('creates a usage plan with its limits, an API key and their link per plan, and outputs key ids, never values', () => {
    const plan = t.Resources.LegacyRestApiBasicUsagePlan;
    expect(plan.Properties).toMatchObject({ ApiStages: [{ ApiId: { Ref: 'LegacyRestApi' }, Stage: { Ref: 'LegacyRestApi.Stage' } }], Quota: { Limit: 1000, Period: 'DAY' }, Throttle: { RateLimit: 10, BurstLimit: 20 } });
    expect(t.Resources.LegacyRestApiBasicApiKey).toEqual({ Type: 'AWS::ApiGateway::ApiKey', Properties: { Description: 'API key of the basic usage plan of the legacy API', Enabled: true } });
    expect(t.Resources.LegacyRestApiBasicUsagePlanKey.Properties).toEqual({ KeyId: { Ref: 'LegacyRestApiBasicApiKey' }, KeyType: 'API_KEY', UsagePlanId: { Ref: 'LegacyRestApiBasicUsagePlan' } });
    expect(t.Resources.LegacyRestApiProUsagePlan.Properties.Quota).toBeUndefined();
    expect(t.Outputs.LegacyBasicApiKeyId.Value).toEqual({ Ref: 'LegacyRestApiBasicApiKey' });
    expect(JSON.stringify(t)).not.toMatch(/"Value":\s*\{"Fn::GetAtt":\["\w+ApiKey"/);
  });
});

describe('per-route throttles', () => {
  it("override the api's stage throttle for that route only", () => {
    expect(events().HttpGetOrders.Properties.RouteSettings).toEqual({ ThrottlingBurstLimit: 200, ThrottlingRateLimit: 5 });
    expect(events().HttpGetHealth.Properties.RouteSettings).toBeUndefined();
    expect(t.Resources.LegacyRestApi.Properties.MethodSettings).toEqual([
      { ResourcePath: '/*', HttpMethod: '*', ThrottlingBurstLimit: 200, ThrottlingRateLimit: 100 },
      { ResourcePath: '/~1items~1{id}', HttpMethod: 'GET', ThrottlingBurstLimit: 4, ThrottlingRateLimit: 2 },
    ]);
  });
});

describe('the template', () => {
  it('is clean under cfn-lint', async () => {
    const lint = await cfnLint([file]);
    expect(lint.output).toBe('');
  }, 300_000);

  it("is accepted by AWS's SAM translator, which grants API Gateway each Lambda authorizer's function", async () => {
    const [r] = await samTranslate([file]);
    expect(r!.errors ?? []).toEqual([]);
    expect(r!.resources!.PublicHttpApiCustomAuthorizerAuthorizerPermission).toBe('AWS::Lambda::Permission');
    expect(r!.resources!.LegacyRestApiTokenAuthorizerAuthorizerPermission).toBe('AWS::Lambda::Permission');
    expect(r!.resources!.LegacyRestApiBasicUsagePlan).toBe('AWS::ApiGateway::UsagePlan');
    const out = await execa('python3', [path.join(import.meta.dirname, '../../support/sam_resources.py'), file], { env: { AWS_DEFAULT_REGION: 'us-east-1' } });
    const resources = JSON.parse(out.stdout) as Record<string, { Type: string; Properties: any }>;
    const permissions = Object.values(resources).filter((x) => x.Type === 'AWS::Lambda::Permission' && JSON.stringify(x.Properties.SourceArn).includes('/authorizers/*'));
    // exactly one per Lambda authorizer, on exactly its function and its api's authorizers
    expect(permissions.map((p) => [p.Properties.FunctionName, p.Properties.SourceArn['Fn::Sub'][1].__ApiId__])).toEqual(
      expect.arrayContaining([
        [{ 'Fn::GetAtt': ['AuthorizeFunction', 'Arn'] }, { Ref: 'PublicHttpApi' }],
        [{ 'Fn::GetAtt': ['AuthorizeTokenFunction', 'Arn'] }, { Ref: 'LegacyRestApi' }],
      ]),
    );
    expect(permissions).toHaveLength(3);
    expect(permissions.every((p) => p.Properties.Principal === 'apigateway.amazonaws.com' && p.Properties.Action === 'lambda:InvokeFunction')).toBe(true);
    expect(resources.LegacyRestApiBasicUsagePlan!.Properties.ApiStages[0].Stage).toEqual({ Ref: 'LegacyRestApidevStage' });
    const types = Object.values(resources).map((x) => x.Type);
    expect(types).toEqual(expect.arrayContaining(['AWS::ApiGatewayV2::DomainName', 'AWS::ApiGatewayV2::ApiMapping', 'AWS::ApiGateway::DomainName', 'AWS::ApiGateway::BasePathMapping', 'AWS::Route53::RecordSetGroup']));
  }, 300_000);
});
