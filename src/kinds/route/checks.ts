// http triggers: which api a route is on, its auth, one function per route, greedy parameters last.
import type { Path } from '../../manifest/source.js';
import { checkRouteAuth } from '../api/route-auth.js';
import type { CheckContext } from '../types.js';

export function checkRoutes(c: CheckContext): void {
  const routes = new Map<string, Path>();
  for (const { trigger: t, path, fnName } of c.triggers('http')) {
    let api = t.api;
    if (api === undefined) {
      // websocket apis take no http routes: an http trigger without api: is on the only other one
      const declared = c.declared.api.filter((a) => c.m.apis?.[a]?.type !== 'websocket');
      if (declared.length > 1) c.add({ path: [...path, 'http'], code: 'http-api-ambiguous', message: `there are ${declared.length} apis; say which this route is on`, hint: `add api: ${declared[0]} (declared: ${declared.join(', ')})` });
      api = declared[0];
    } else c.ref('api', api, [...path, 'api']);
    if (api !== undefined && c.m.apis?.[api]?.type === 'websocket') {
      c.add({ path: [...path, t.api === undefined ? 'http' : 'api'], code: 'http-on-websocket', message: `api '${api}' is a websocket api; it takes no http routes`, hint: `a websocket api's routes are listed under apis.${api}.routes (sendMessage: ${fnName}); put this http route on an http api` });
      continue;
    }
    checkRouteAuth(c, api, t.auth, [...path, 'auth']);
    if (typeof t.http !== 'string' || !api) continue;
    const [method, routePath] = t.http.split(' ') as [string, string];
    const normal = `${api} ${method} ${routePath.replace(/\{[^}/]+\}/g, '{}')}`;
    const prev = routes.get(normal);
    if (prev) c.add({ path: [...path, 'http'], code: 'route-duplicate', message: `route '${t.http}' on api '${api}' is already taken by ${prev.slice(0, 2).join('.')}`, hint: 'a route (method and path, whatever the parameter names) may belong to one function' });
    else routes.set(normal, path);
    if (/\{[^}]*\+\}./.test(routePath)) c.add({ path: [...path, 'http'], code: 'route-greedy', message: `a greedy path parameter must be the last segment of '${routePath}'` });
  }
}
