// Routes in the model: each function's http triggers, listed on the API they belong to, with
// the auth each resolves to (its own `auth:` or its api's) and its own throttle, if any.
import type { TriggerSpec } from '../../manifest/app.types.js';
import { routeAuth } from '../api/route-auth.js';
import type { ModelContext } from '../types.js';

export function modelRoutes(c: ModelContext): void {
  for (const fn of c.app.functions) {
    for (const t of fn.triggers) {
      if (t.type !== 'http') continue;
      const api = c.app.apis.find((a) => a.name === t.api);
      if (!api) continue;
      const index = t.source[t.source.length - 1];
      const spec = typeof index === 'number' ? (c.m.functions?.[fn.name]?.triggers?.[index] as TriggerSpec | undefined) : undefined;
      const { auth, apiKey } = routeAuth(api, spec?.auth);
      const throttle = spec?.throttle ? { ...api.throttle, ...spec.throttle } : undefined;
      api.routes.push({ method: t.method, path: t.path, function: fn.name, source: t.source, auth, ...(api.apiKeys ? { apiKey } : {}), ...(throttle ? { throttle } : {}) });
    }
  }
}
