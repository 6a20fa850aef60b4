// Authorization before a route runs, as API Gateway does it: JWT and Cognito tokens verified
// (jwt.ts), Lambda authorizers invoked with the event of their type (HTTP payload 2.0, REST
// TOKEN or REQUEST) and their answers applied (simple responses, or an IAM policy evaluated
// against the route's ARN), results cached per identity for the authorizer's ttl, and API keys
// checked. Each refusal is the status and body AWS answers with.
import type { ApiModel, AuthorizerModel, IdentitySource, RouteModel } from '../model/types.js';
import type { Addresses } from './addresses.js';
import type { Functions, InvokeResult } from './functions.js';
import { flatClaims, type JwtVerifier } from './jwt.js';
import { httpApiEvent, restApiEvent, type HttpRequestFacts } from './payloads.js';
import { allows } from './policy.js';
import type { Trace } from './trace.js';

export interface Refusal {
  status: number;
  body: unknown;
}
export type AuthOutcome = { ok: true; authorizer?: unknown } | { ok: false; refusal: Refusal };

const UNAUTHORIZED: Refusal = { status: 401, body: { message: 'Unauthorized' } };
const FORBIDDEN: Refusal = { status: 403, body: { message: 'Forbidden' } };
const refuse = (refusal: Refusal): AuthOutcome => ({ ok: false, refusal });

export interface LocalAuthDeps {
  functions: Functions;
  addresses: Addresses;
  trace: Trace;
  now: () => number;
  jwt: JwtVerifier;
  /** The key every route that needs one accepts in x-api-key. */
  apiKey: string;
}

export class LocalAuth {
  private cache = new Map<string, { expires: number; value: unknown }>();

  constructor(private readonly deps: LocalAuthDeps) {}

  async authorize(api: ApiModel, route: Pick<RouteModel, 'auth' | 'apiKey'>, facts: HttpRequestFacts): Promise<AuthOutcome> {
    const outcome = await this.byAuth(api, route, facts);
    if (!outcome.ok) return outcome;
    if (api.type === 'rest' && api.apiKeys && route.apiKey !== false && header(facts, 'x-api-key') !== this.deps.apiKey) {
      this.warn(api, 'a missing or unknown x-api-key: 403');
      return refuse(FORBIDDEN);
    }
    return outcome;
  }

  private async byAuth(api: ApiModel, route: Pick<RouteModel, 'auth' | 'apiKey'>, facts: HttpRequestFacts): Promise<AuthOutcome> {
    const auth = route.auth ?? api.auth;
    if (auth.type === 'none') return { ok: true };
    if (auth.type === 'iam') {
      const caller = { accountId: this.deps.addresses.account, userId: 'AIDAEDALOCAL', callerId: 'AIDAEDALOCAL' };
      return { ok: true, authorizer: api.type === 'http' ? { iam: caller } : undefined };
    }
    const authorizer = api.authorizers?.find((a) => a.name === auth.authorizer);
    if (!authorizer) return { ok: true };
    const scopes = auth.scopes.length ? auth.scopes : 'scopes' in authorizer ? authorizer.scopes : [];
    switch (authorizer.type) {
      case 'jwt':
      case 'cognito':
        return this.token(api, authorizer, scopes, facts);
      default:
        return this.lambda(api, authorizer, facts);
    }
  }

  /** A JWT (HTTP API) or Cognito user pool (REST API) authorizer. */
  private async token(api: ApiModel, a: Extract<AuthorizerModel, { type: 'jwt' | 'cognito' }>, scopes: string[], facts: HttpRequestFacts): Promise<AuthOutcome> {
    const raw = identityValues(a.identitySources, facts, api)?.[0];
    if (!raw) return refuse(UNAUTHORIZED);
    const issuer = a.type === 'jwt' ? a.issuer : cognitoIssuer(a.userPoolArn);
    const audience = a.type === 'jwt' ? a.audience : [];
    const check = await this.deps.jwt.verify(raw.replace(/^Bearer\s+/i, ''), { issuer, audience, scopes, now: this.deps.now() });
    if (!check.ok) {
      this.warn(api, `${a.type} authorizer refused the token (${check.reason}): ${check.status}`);
      // a Cognito authorizer answers every refusal, scopes included, with 401
      return refuse(check.status === 403 && a.type === 'jwt' ? FORBIDDEN : UNAUTHORIZED);
    }
    const claims = flatClaims(check.claims);
    return { ok: true, authorizer: a.type === 'jwt' ? { jwt: { claims, scopes: check.scopes.length ? check.scopes : null } } : { claims } };
  }

  /** A Lambda authorizer: HTTP payload 2.0, or REST TOKEN / REQUEST. */
  private async lambda(api: ApiModel, a: Extract<AuthorizerModel, { type: 'lambda' | 'token' | 'request' }>, facts: HttpRequestFacts): Promise<AuthOutcome> {
    const values = identityValues(a.identitySources, facts, api);
    if (!values) return refuse(UNAUTHORIZED);
    if (a.type === 'token' && a.validation && !new RegExp(a.validation).test(values[0]!)) return refuse(UNAUTHORIZED);
    const { region, account } = this.deps.addresses;
    const arn = `arn:aws:execute-api:${region}:${account}:${facts.apiId}/${facts.stage}/${facts.method}${facts.path}`;
    const cacheKey = `${api.name}\u0000${a.key}\u0000${values.join('\u0000')}`;
    const cached = a.ttl > 0 ? this.cache.get(cacheKey) : undefined;
    let value: unknown;
    if (cached && cached.expires > this.deps.now()) value = cached.value;
    else {
      const result = await this.deps.functions.invoke(a.function, authorizerEvent(api, a, facts, values, arn), { trigger: `authorizer ${a.key}` });
      if (!result.ok) return refuse(this.failed(api, a, result));
      value = result.value;
      if (a.ttl > 0) this.cache.set(cacheKey, { expires: this.deps.now() + a.ttl * 1000, value });
    }
    return this.decide(api, a, value, arn);
  }

  private decide(api: ApiModel, a: Extract<AuthorizerModel, { type: 'lambda' | 'token' | 'request' }>, value: unknown, arn: string): AuthOutcome {
    const v = (value ?? {}) as { isAuthorized?: unknown; context?: Record<string, unknown>; principalId?: unknown; policyDocument?: unknown };
    if (a.type === 'lambda' && a.responses === 'simple') {
      if (v.isAuthorized !== true) return refuse(FORBIDDEN);
      return { ok: true, authorizer: { lambda: v.context ?? {} } };
    }
    const verdict = allows(v.policyDocument, 'execute-api:Invoke', arn);
    if (verdict !== 'allow') {
      this.warn(api, `authorizer ${a.key}'s policy ${verdict === 'deny' ? 'denies' : 'does not allow'} ${arn}: 403`);
      if (a.type === 'lambda') return refuse(FORBIDDEN);
      return refuse({ status: 403, body: { message: verdict === 'deny' ? 'User is not authorized to access this resource with an explicit deny' : 'User is not authorized to access this resource' } });
    }
    if (a.type === 'lambda') return { ok: true, authorizer: { lambda: v.context ?? {} } };
    // a REST API passes the context's values as strings, next to the principal
    const context = Object.fromEntries(Object.entries(v.context ?? {}).map(([k, x]) => [k, String(x)]));
    return { ok: true, authorizer: { principalId: v.principalId === undefined ? undefined : String(v.principalId), ...context } };
  }

  /** An authorizer that threw: REST's "Unauthorized" error is a 401, anything else a 500. */
  private failed(api: ApiModel, a: AuthorizerModel, result: Extract<InvokeResult, { ok: false }>): Refusal {
    if (a.type !== 'lambda' && result.error.errorMessage === 'Unauthorized') return UNAUTHORIZED;
    this.warn(api, `authorizer ${a.key} failed (${result.error.errorType}: ${result.error.errorMessage}): 500`);
    return api.type === 'http' ? { status: 500, body: { message: 'Internal Server Error' } } : { status: 500, body: { message: null } };
  }

  private warn(api: ApiModel, message: string): void {
    this.deps.trace.emit({ kind: 'warn', message: `api ${api.name}: ${message}` });
  }
}

/** The event a Lambda authorizer receives. */
function authorizerEvent(api: ApiModel, a: AuthorizerModel, facts: HttpRequestFacts, values: string[], arn: string): unknown {
  if (a.type === 'token') return { type: 'TOKEN', authorizationToken: values[0], methodArn: arn };
  if (api.type === 'rest') {
    const { body: _body, isBase64Encoded: _b64, ...request } = restApiEvent(facts);
    return { type: 'REQUEST', methodArn: arn, ...request };
  }
  const { body: _body, isBase64Encoded: _b64, ...request } = httpApiEvent(facts);
  return { ...request, type: 'REQUEST', routeArn: arn, identitySource: values };
}

/** The identity source values of a request, or undefined when one is missing or empty. */
function identityValues(sources: IdentitySource[], facts: HttpRequestFacts, api: ApiModel): string[] | undefined {
  const out: string[] = [];
  const query = new URLSearchParams(facts.rawQuery);
  for (const s of sources) {
    const v =
      s.in === 'header'
        ? header(facts, s.name)
        : s.in === 'query'
          ? (query.get(s.name) ?? undefined)
          : s.in === 'context'
            ? contextValue(s.name, facts, api)
            : undefined;
    if (!v) return undefined;
    out.push(v);
  }
  return out;
}

function contextValue(name: string, facts: HttpRequestFacts, api: ApiModel): string | undefined {
  const known: Record<string, string> = { requestId: facts.requestId, stage: facts.stage, 'identity.sourceIp': facts.sourceIp, httpMethod: facts.method, routeKey: facts.routeKey, apiId: facts.apiId };
  return known[name] ?? (api.type === 'http' && name === 'http.sourceIp' ? facts.sourceIp : undefined);
}

function header(facts: HttpRequestFacts, name: string): string | undefined {
  const v = facts.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

/** arn:aws:cognito-idp:REGION:ACCOUNT:userpool/POOL → https://cognito-idp.REGION.amazonaws.com/POOL (a literal ARN only). */
function cognitoIssuer(arn: unknown): string | undefined {
  const m = typeof arn === 'string' ? /^arn:aws[a-z-]*:cognito-idp:([a-z0-9-]+):\d{12}:userpool\/([\w-]+)$/.exec(arn) : null;
  return m ? `https://cognito-idp.${m[1]}.amazonaws.com/${m[2]}` : undefined;
}
