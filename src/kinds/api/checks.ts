// APIs: auth settings that fit the API type, CORS origins and credentials, APIs nobody routes to.
import type { CheckContext } from '../types.js';

export function checkApis(c: CheckContext): void {
  const { m, add } = c;
  for (const [apiName, api] of Object.entries(m.apis ?? {})) {
    if (!api || api.type === 'websocket') continue; // checked with websocket apis (src/kinds/websocket)
    const auth = typeof api.auth === 'object' ? api.auth : api.auth ? { type: api.auth } : undefined;
    const authPath = ['apis', apiName, 'auth'];
    if (auth && typeof api.auth === 'object') {
      if (auth.type === 'jwt') {
        if ((api.type ?? 'http') === 'rest') add({ path: [...authPath, 'type'], code: 'auth-jwt-rest', message: 'jwt auth needs an http api', hint: 'use type: http, or iam auth on a rest api' });
        if (!('issuer' in auth) || !auth.issuer) add({ path: authPath, code: 'auth-jwt', message: 'jwt auth needs an issuer', hint: 'issuer: https://cognito-idp.REGION.amazonaws.com/POOL_ID' });
        if (!('audience' in auth) || !auth.audience) add({ path: authPath, code: 'auth-jwt', message: 'jwt auth needs an audience', hint: 'audience: [your-app-client-id]' });
      } else {
        for (const key of ['issuer', 'audience', 'scopes'] as const) {
          if (key in auth) add({ path: [...authPath, key], at: 'key', code: 'auth-key', message: `'${key}' applies to jwt auth only` });
        }
      }
    }
    const origins = typeof api.cors === 'object' ? (api.cors.origins ?? []) : [];
    if ((api.type ?? 'http') === 'rest' && origins.length > 1) {
      // A REST API's CORS answers with one fixed Access-Control-Allow-Origin value; a list
      // would reach browsers as one value they reject.
      add({ path: ['apis', apiName, 'cors', 'origins', 1], code: 'cors-rest-origins', message: 'a rest api answers CORS with one origin, not a list', hint: 'keep one origin (or *), or use type: http, which checks each request against a list' });
    }
    if (typeof api.cors === 'object' && api.cors.allowCredentials && (api.cors.origins ?? ['*']).includes('*')) {
      add({ path: ['apis', apiName, 'cors', 'allowCredentials'], code: 'cors-credentials', message: 'allowCredentials cannot be used with the origin *', hint: 'list the exact origins, e.g. origins: [https://app.example.com]' });
    }
  }
  if (!c.declared.api.length) return;
  const used = new Set<string>();
  const firstHttp = c.declared.api.find((a) => m.apis?.[a]?.type !== 'websocket');
  for (const fn of Object.values(m.functions ?? {})) for (const t of fn?.triggers ?? []) if (t && 'http' in t && (t.api ?? firstHttp)) used.add(t.api ?? firstHttp!);
  for (const apiName of Object.keys(m.apis ?? {})) {
    if (m.apis?.[apiName]?.type === 'websocket') continue;
    if (!used.has(apiName)) add({ path: ['apis', apiName], at: 'key', severity: 'warning', code: 'api-unused', message: `api '${apiName}' has no routes`, hint: 'add an http trigger to a function: triggers: [{ http: GET /hello, api: ' + apiName + ' }]' });
  }
}
