// Direct routes in the model: each apis.X.routes entry with its target resolved (a queue's
// FIFO-ness, a table's action) and the logical ID of the role API Gateway assumes for it.
import { pascal } from '../../core/names.js';
import type { DirectRouteSpec } from '../../manifest/app.types.js';
import type { DirectRouteModel, DirectTarget, RequestValue } from '../../model/types.js';
import type { ModelContext } from '../types.js';
import { defaultAction } from './direct-checks.js';

export function modelDirectRoutes(c: ModelContext): void {
  for (const api of c.app.apis) {
    const routes = c.m.apis?.[api.name]?.routes;
    if (api.implicit || !routes) continue;
    // string values are websocket routes (a function name), refused on http and rest apis
    api.directRoutes = Object.entries(routes).flatMap(([key, spec]): DirectRouteModel[] => {
      if (typeof spec !== 'object' || spec === null) return [];
      const [method, path] = key.split(' ') as [string, string];
      return [{ method, path, target: targetOf(c, method, spec), roleLogicalId: directRouteRoleId(api.logicalId, method, path), source: ['apis', api.name, 'routes', key] }];
    });
  }
}

/** OrdersHttpApi + POST /orders/{id} → OrdersHttpApiPostOrdersIdRole. */
export function directRouteRoleId(apiLogicalId: string, method: string, path: string): string {
  return `${apiLogicalId}${pascal(method.toLowerCase())}${pascal(path.replace(/[{}+]/g, '')) || 'Root'}Role`;
}

/** $request.body.customer.id → { from: body, name: customer.id }. */
export function requestValue(text: string): RequestValue {
  const m = /^\$request\.(header|querystring|path|body)\.(.+)$/.exec(text)!;
  return { from: m[1] as RequestValue['from'], name: m[2]! };
}

function targetOf(c: ModelContext, method: string, spec: DirectRouteSpec): DirectTarget {
  if (spec.queue !== undefined) {
    const fifo = c.app.queues.find((q) => q.name === spec.queue)?.fifo ?? false;
    return { kind: 'queue', name: spec.queue, fifo, messageGroupId: spec.messageGroupId ? requestValue(spec.messageGroupId) : undefined };
  }
  if (spec.bus !== undefined) return { kind: 'bus', name: spec.bus, source: spec.source ?? '', detailType: spec.detailType ?? '' };
  if (spec.workflow !== undefined) return { kind: 'workflow', name: spec.workflow, sync: spec.sync ?? false };
  return { kind: 'table', name: spec.table!, action: spec.action ?? defaultAction(method) ?? 'get' };
}
