// An api's authorizers in the model: the named ones under `authorizers:` and the one written
// inline as its `auth:`, each with where it reads the identity and how long results are
// cached; and the api's default auth that routes inherit. Shared by the model, the checks and
// synth so that all three read one interpretation of app.yaml.
import { pascal } from '../../core/names.js';
import type { ApiSpec, AuthorizerSpec } from '../../manifest/app.types.js';
import type { AuthorizerModel, IdentitySource, RouteAuth, SourcePath } from '../../model/types.js';
import { parseValue } from '../../model/values.js';

/** Seconds API Gateway caches an authorizer's result unless `ttl` says otherwise. */
export const AUTHORIZER_TTL = 300;

const SOURCE_FORMS: [RegExp, IdentitySource['in']][] = [
  [/^(?:\$request|method\.request)\.header\.(.+)$/, 'header'],
  [/^(?:\$request|method\.request)\.querystring\.(.+)$/, 'query'],
  [/^\$?context\.(.+)$/, 'context'],
  [/^\$?stageVariables\.(.+)$/, 'stageVariable'],
];

/** `$request.header.Authorization` or `method.request.header.Authorization` → { in: header, name }. */
export function parseIdentitySource(text: string): IdentitySource | undefined {
  for (const [re, where] of SOURCE_FORMS) {
    const m = re.exec(text);
    if (m) return { in: where, name: m[1]! };
  }
  return undefined;
}

/** The inline authorizer of `auth:` (an object with one of the authorizer types), if any. */
export function inlineAuthorizer(spec: ApiSpec): AuthorizerSpec | undefined {
  const auth = spec.auth;
  return auth && typeof auth === 'object' && auth.type !== 'none' && auth.type !== 'iam' ? (auth as AuthorizerSpec) : undefined;
}

/** The SAM Auth.Authorizers key: UsersAuthorizer; an inline authorizer is named after its type. */
export function authorizerKey(name: string, type: string): string {
  return `${pascal(name || type)}Authorizer`;
}

/** Every authorizer of an api: the named ones, then the inline one (name ''). */
export function authorizerEntries(spec: ApiSpec, apiPath: SourcePath): { name: string; spec: AuthorizerSpec; path: SourcePath }[] {
  const out = Object.entries(spec.authorizers ?? {}).map(([name, a]) => ({ name, spec: a, path: [...apiPath, 'authorizers', name] }));
  const inline = inlineAuthorizer(spec);
  if (inline) out.push({ name: '', spec: inline, path: [...apiPath, 'auth'] });
  return out;
}

export function modelAuthorizer(name: string, a: AuthorizerSpec, path: SourcePath): AuthorizerModel {
  const header = { in: 'header' as const, name: 'Authorization' };
  const identitySources = (a.identitySources ?? []).map(parseIdentitySource).filter((s): s is IdentitySource => s !== undefined);
  const base = { name, key: authorizerKey(name, a.type), identitySources: identitySources.length ? identitySources : [header], ttl: a.ttl ?? AUTHORIZER_TTL, path };
  switch (a.type) {
    case 'jwt':
      return { ...base, type: 'jwt', ttl: 0, issuer: a.issuer ?? '', audience: a.audience ?? [], scopes: a.scopes ?? [] };
    case 'lambda':
      return { ...base, type: 'lambda', function: a.function ?? '', responses: a.responses ?? 'simple' };
    case 'token':
      return { ...base, type: 'token', function: a.function ?? '', validation: a.validation };
    case 'request':
      return { ...base, type: 'request', function: a.function ?? '' };
    case 'cognito':
      return { ...base, type: 'cognito', userPoolArn: parseValue(a.userPoolArn ?? ''), scopes: a.scopes ?? [] };
  }
}

/** The auth every route of the api gets unless it says otherwise. */
export function defaultAuth(spec: ApiSpec, authorizers: AuthorizerModel[]): RouteAuth {
  const auth = spec.auth;
  if (auth === undefined || auth === 'none' || (typeof auth === 'object' && auth.type === 'none')) return { type: 'none' };
  if (auth === 'iam' || (typeof auth === 'object' && auth.type === 'iam')) return { type: 'iam' };
  const found = typeof auth === 'string' ? authorizers.find((a) => a.name === auth) : authorizers.find((a) => a.name === '');
  return found ? { type: found.type, authorizer: found.name, scopes: [] } : { type: 'none' };
}

/** The authorizer a route's auth names, on its api. */
export function authorizerOf(authorizers: AuthorizerModel[] | undefined, auth: RouteAuth | undefined): AuthorizerModel | undefined {
  if (!auth || auth.type === 'none' || auth.type === 'iam') return undefined;
  return authorizers?.find((a) => a.name === auth.authorizer);
}
