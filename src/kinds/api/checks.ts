// APIs: authorizers and API keys that fit the API type (auth-checks.ts), CORS origins and credentials, APIs nobody routes to.
import type { CheckContext } from '../types.js';
import { checkApiAuth } from './auth-checks.js';

export function checkApis(c: CheckContext): void {
  const { m, add } = c;
  for (const [apiName, api] of Object.entries(m.apis ?? {})) {
    if (!api || api.type === 'websocket') continue; // checked with websocket apis (src/kinds/websocket)
    checkApiAuth(c, apiName, api);
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
  for (const [apiName, api] of Object.entries(m.apis ?? {})) if (Object.values(api?.routes ?? {}).some((r) => typeof r === 'object')) used.add(apiName); // direct routes; function names are websocket routes
  for (const apiName of Object.keys(m.apis ?? {})) {
    if (m.apis?.[apiName]?.type === 'websocket') continue;
    if (!used.has(apiName)) add({ path: ['apis', apiName], at: 'key', severity: 'warning', code: 'api-unused', message: `api '${apiName}' has no routes`, hint: 'add an http trigger to a function: triggers: [{ http: GET /hello, api: ' + apiName + ' }], or a direct route under routes:' });
  }
}
