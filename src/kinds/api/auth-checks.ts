// An api's authorizers, API keys and domain: each authorizer fits the api's type and has the
// settings its type needs (and none of another type's), the functions it names exist, the
// default auth names a declared authorizer, usage plans come with apiKeys.
import { suggest } from '../../core/did-you-mean.js';
import type { ApiSpec, AuthorizerSpec } from '../../manifest/app.types.js';
import type { Path } from '../../manifest/source.js';
import type { CheckContext } from '../types.js';
import { authorizerEntries, authorizerKey, parseIdentitySource } from './authorizers.js';

/** The api types each authorizer type works on. */
const API_TYPE: Record<AuthorizerSpec['type'], 'http' | 'rest'> = { jwt: 'http', lambda: 'http', token: 'rest', request: 'rest', cognito: 'rest' };
const OTHER: Record<AuthorizerSpec['type'], string> = {
  jwt: 'on a rest api use type: cognito (a Cognito user pool) or a token authorizer',
  lambda: 'on a rest api a Lambda authorizer is type: token (one header) or type: request (headers, query strings, context)',
  token: 'on an http api use type: lambda (payload 2.0) or type: jwt',
  request: 'on an http api use type: lambda (payload 2.0)',
  cognito: 'on an http api use type: jwt with issuer https://cognito-idp.REGION.amazonaws.com/POOL_ID',
};

/** The settings that belong to each authorizer type. */
const KEYS: Record<string, AuthorizerSpec['type'][]> = {
  issuer: ['jwt'],
  audience: ['jwt'],
  scopes: ['jwt', 'cognito'],
  function: ['lambda', 'token', 'request'],
  responses: ['lambda'],
  validation: ['token'],
  userPoolArn: ['cognito'],
  ttl: ['lambda', 'token', 'request', 'cognito'],
};

const COGNITO_ARN = /^arn:aws[a-z-]*:cognito-idp:[a-z0-9-]+:\d{12}:userpool\/[\w-]+$/;

export function checkApiAuth(c: CheckContext, apiName: string, api: ApiSpec): void {
  const apiPath = ['apis', apiName];
  const apiType = api.type === 'rest' ? 'rest' : 'http'; // websocket apis are checked by their own kind
  const entries = authorizerEntries(api, apiPath);
  const keys = new Map<string, string>();
  for (const { name, spec, path } of entries) {
    if (name === 'none' || name === 'iam') c.add({ path, at: 'key', code: 'authorizer-name', message: `'${name}' is reserved for auth: ${name}`, hint: 'give the authorizer another name' });
    checkAuthorizer(c, spec, path, apiType);
    const key = authorizerKey(name, spec.type);
    const clash = keys.get(key);
    if (clash !== undefined) c.add({ path, at: name ? 'key' : 'value', code: 'authorizer-collision', message: `this authorizer and ${clash || 'the inline one'} both become ${key}`, hint: 'rename the named authorizer' });
    keys.set(key, name);
  }
  if (typeof api.auth === 'string' && api.auth !== 'none' && api.auth !== 'iam') {
    const names = Object.keys(api.authorizers ?? {});
    if (!names.includes(api.auth)) c.add({ path: [...apiPath, 'auth'], code: 'ref-unknown', message: `authorizer '${api.auth}' is not declared under apis.${apiName}.authorizers`, hint: suggest(api.auth, [...names, 'none', 'iam'], `apis.${apiName}.authorizers`) });
  }
  if (api.apiKeys && apiType === 'http') c.add({ path: [...apiPath, 'apiKeys'], at: 'key', code: 'api-keys-http', message: 'API keys need a rest api', hint: 'use type: rest; an http api has no API keys or usage plans' });
  if (api.usagePlans && Object.keys(api.usagePlans).length && !api.apiKeys) {
    c.add({ path: [...apiPath, 'usagePlans'], at: 'key', code: 'usage-plans-keys', message: 'usage plans hand out API keys, but this api does not require them', hint: 'add apiKeys: true to the api' });
  }
  const cert = api.domain?.certificateArn;
  if (typeof cert === 'string' && !cert.includes('${') && !/^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[\w-]+$/.test(cert)) {
    c.add({ path: [...apiPath, 'domain', 'certificateArn'], code: 'domain-certificate', message: `'${cert}' is not an ACM certificate ARN`, hint: 'arn:aws:acm:REGION:ACCOUNT:certificate/ID, in the region the stack deploys to' });
  }
}

function checkAuthorizer(c: CheckContext, a: AuthorizerSpec, path: Path, apiType: 'http' | 'rest'): void {
  const wanted = API_TYPE[a.type];
  if (wanted && wanted !== apiType) {
    c.add({ path: [...path, 'type'], code: a.type === 'jwt' ? 'auth-jwt-rest' : 'authorizer-api-type', message: `a ${a.type} authorizer needs ${wanted === 'http' ? 'an http' : 'a rest'} api`, hint: OTHER[a.type] });
  }
  for (const [key, types] of Object.entries(KEYS)) {
    if (key in a && !types.includes(a.type)) c.add({ path: [...path, key], at: 'key', code: 'auth-key', message: `'${key}' applies to ${types.join(', ')} authorizers, not ${a.type}`, hint: key === 'responses' && apiType === 'rest' ? 'a rest api\'s Lambda authorizers always return an IAM policy' : undefined });
  }
  if (a.type === 'jwt') {
    if (!a.issuer) c.add({ path, code: 'auth-jwt', message: 'jwt auth needs an issuer', hint: 'issuer: https://cognito-idp.REGION.amazonaws.com/POOL_ID' });
    if (!a.audience) c.add({ path, code: 'auth-jwt', message: 'jwt auth needs an audience', hint: 'audience: [your-app-client-id]' });
  }
  if (a.type === 'lambda' || a.type === 'token' || a.type === 'request') {
    if (a.function === undefined) c.add({ path, code: 'authorizer-function', message: `a ${a.type} authorizer needs the function that decides`, hint: 'function: authorize (a function under functions; eda add authorizer writes one)' });
    else {
      const other = (Object.keys(c.declared) as (keyof typeof c.declared)[]).find((k) => k !== 'function' && c.declared[k].includes(a.function!));
      if (!c.declared.function.includes(a.function) && other) {
        c.add({ path: [...path, 'function'], code: 'authorizer-function', message: `'${a.function}' is a ${other}, not a function: an authorizer calls a Lambda function`, hint: suggest(a.function, c.declared.function, 'functions') });
      } else c.ref('function', a.function, [...path, 'function']);
    }
  }
  if (a.type === 'cognito') {
    const arn = a.userPoolArn;
    if (arn === undefined) c.add({ path, code: 'authorizer-pool', message: 'a cognito authorizer needs userPoolArn', hint: 'userPoolArn: arn:aws:cognito-idp:REGION:ACCOUNT:userpool/POOL_ID or ${resources.UserPool.Arn}' });
    else if (!arn.includes('${') && !COGNITO_ARN.test(arn)) c.add({ path: [...path, 'userPoolArn'], code: 'authorizer-pool', message: `'${arn}' is not a Cognito user pool ARN`, hint: 'arn:aws:cognito-idp:REGION:ACCOUNT:userpool/POOL_ID, or ${resources.UserPool.Arn}' });
  }
  checkSources(c, a, path);
  if (a.validation !== undefined) {
    try {
      new RegExp(a.validation);
    } catch (error) {
      c.add({ path: [...path, 'validation'], code: 'authorizer-validation', message: `validation is not a regular expression: ${(error as Error).message}` });
    }
  }
}

function checkSources(c: CheckContext, a: AuthorizerSpec, path: Path): void {
  const sources = a.identitySources ?? [];
  if ((a.type === 'token' || a.type === 'cognito') && sources.length) {
    const one = sources.length === 1 ? parseIdentitySource(sources[0]!) : undefined;
    if (one?.in !== 'header') c.add({ path: [...path, 'identitySources'], code: 'authorizer-sources', message: `a ${a.type} authorizer reads one header`, hint: 'identitySources: [method.request.header.Authorization]' });
  }
  if (a.type === 'jwt' && sources.length > 1) c.add({ path: [...path, 'identitySources', 1], code: 'authorizer-sources', message: 'a jwt authorizer reads one identity source', hint: 'identitySources: [$request.header.Authorization]' });
}
