// A route's `auth:` — none (public), iam, the name of an authorizer of its api, or
// { authorizer, scopes, apiKey } — checked and resolved in one place, for http triggers and
// any other way of declaring a route.
import { suggest } from '../../core/did-you-mean.js';
import type { RouteAuthSpec } from '../../manifest/app.types.js';
import type { Path } from '../../manifest/source.js';
import type { ApiModel, RouteAuth } from '../../model/types.js';
import type { CheckContext } from '../types.js';
import { authorizerEntries, defaultAuth, modelAuthorizer } from './authorizers.js';

/** The authorizer a route's auth names (undefined: the api's default), its scopes and apiKey. */
function parts(spec: RouteAuthSpec): { authorizer?: string; scopes?: string[]; apiKey?: boolean } {
  return typeof spec === 'string' ? { authorizer: spec } : spec;
}

/** Reports what a route's auth gets wrong on `apiName` (path: the route's `auth`). */
export function checkRouteAuth(c: CheckContext, apiName: string | undefined, spec: RouteAuthSpec | undefined, path: Path): void {
  if (spec === undefined || apiName === undefined) return;
  const api = c.m.apis?.[apiName] ?? {};
  const { authorizer, scopes, apiKey } = parts(spec);
  const at = typeof spec === 'string' ? path : [...path, 'authorizer'];
  const authorizers = authorizerEntries(api, ['apis', apiName]).map((e) => modelAuthorizer(e.name, e.spec, e.path));
  const named = authorizers.filter((a) => a.name !== '');
  if (authorizer !== undefined && authorizer !== 'none' && authorizer !== 'iam' && !named.some((a) => a.name === authorizer)) {
    c.add({ path: at, code: 'ref-unknown', message: `authorizer '${authorizer}' is not declared under apis.${apiName}.authorizers`, hint: suggest(authorizer, [...named.map((a) => a.name), 'none', 'iam'], `apis.${apiName}.authorizers`) });
    return;
  }
  const resolved = authorizer === undefined ? defaultAuth(api, authorizers) : authorizer === 'none' || authorizer === 'iam' ? { type: authorizer } : { type: named.find((a) => a.name === authorizer)!.type };
  if (scopes && resolved.type !== 'jwt' && resolved.type !== 'cognito') {
    c.add({ path: [...path, 'scopes'], at: 'key', code: 'auth-scopes', message: `scopes apply to jwt and cognito authorizers; this route's auth is ${resolved.type}`, hint: authorizer === undefined ? `name a jwt or cognito authorizer: auth: { authorizer: NAME, scopes: [...] }` : 'remove scopes, or use a jwt or cognito authorizer' });
  }
  if (apiKey !== undefined && !api.apiKeys) {
    c.add({ path: [...path, 'apiKey'], at: 'key', code: 'route-api-key', message: `api '${apiName}' does not use API keys`, hint: `add apiKeys: true to apis.${apiName} (a rest api)` });
  }
}

/** A route's effective auth on `api`, and whether it needs an API key. */
export function routeAuth(api: ApiModel, spec: RouteAuthSpec | undefined): { auth: RouteAuth; apiKey: boolean } {
  const apiKey = api.apiKeys !== undefined;
  if (spec === undefined) return { auth: api.auth, apiKey };
  const p = parts(spec);
  const key = p.apiKey ?? apiKey;
  let auth: RouteAuth;
  if (p.authorizer === 'none' || p.authorizer === 'iam') auth = { type: p.authorizer };
  else if (p.authorizer === undefined) auth = api.auth;
  else {
    const found = api.authorizers?.find((a) => a.name === p.authorizer);
    auth = found ? { type: found.type, authorizer: found.name, scopes: [] } : api.auth;
  }
  if (p.scopes && auth.type !== 'none' && auth.type !== 'iam') auth = { ...auth, scopes: p.scopes };
  return { auth, apiKey: key };
}
