// WebSocket APIs in the model: `apis:` entries of type websocket, their routes (key → function),
// and on each routed function a `websocket` trigger, so its stub is typed and `eda invoke`
// builds a WebSocket event for it.
import { logicalId } from '../../core/names.js';
import { API_THROTTLE } from '../api/model.js';
import type { ModelContext } from '../types.js';

/** Where a message names its route unless app.yaml says otherwise (API Gateway's console default). */
export const DEFAULT_ROUTE_SELECTION = '$request.body.action';

export function modelWebSockets(c: ModelContext): void {
  for (const [name, spec] of Object.entries(c.m.apis ?? {})) {
    if (spec.type !== 'websocket') continue;
    const path = ['apis', name];
    // object values are direct service routes, which websocket apis refuse (checks)
    const routes = Object.entries(spec.routes ?? {}).flatMap(([key, fn]) => (typeof fn === 'string' ? [{ key, function: fn, source: [...path, 'routes', key] }] : []));
    c.app.websocketApis.push({
      name,
      logicalId: logicalId('api', name, 'websocket'),
      description: spec.description,
      routeSelection: spec.routeSelection ?? DEFAULT_ROUTE_SELECTION,
      auth: (typeof spec.auth === 'object' ? spec.auth.type : spec.auth) === 'iam' ? 'iam' : 'none',
      routes,
      throttle: { ...API_THROTTLE, ...spec.throttle },
      accessLogs: spec.accessLogs ?? true,
      path,
    });
    for (const r of routes) {
      c.app.functions.find((f) => f.name === r.function)?.triggers.push({ type: 'websocket', api: name, route: r.key, source: r.source });
    }
  }
}
