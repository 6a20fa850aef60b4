// `eda add route "POST /orders" --queue orders` (or --bus, --workflow, --table) and `eda remove
// route` for a direct route: the entry under apis.<api>.routes, on the only api or --api.
import { EdaError, UsageError } from '../../core/errors.js';
import type { Path } from '../../manifest/edit.js';
import type { Inventory } from '../scaffold-inventory.js';
import { clean, isObject } from '../scaffold-kit.js';
import { normalizeRoute } from '../scaffold-specs.js';
import type { AddOptions, AddPlan, Spec } from '../scaffold-types.js';
import { directKinds, normalRoute } from './direct-checks.js';

/** The target flag given (--queue, --bus, --workflow, --table), if any; several are an error. */
export function directTarget(opts: AddOptions): (typeof directKinds)[number] | undefined {
  const given = directKinds.filter((k) => opts[k] !== undefined);
  if (given.length + (opts.function !== undefined ? 1 : 0) > 1) {
    throw new UsageError(`a route has one target; got ${[...(opts.function !== undefined ? ['--function'] : []), ...given.map((k) => `--${k}`)].join(' and ')}`);
  }
  return given[0];
}

/** The direct routes of every api: [api, route key as written, normalised key]. */
function directRoutes(inv: Inventory): { api: string; key: string; normal: string }[] {
  const out: { api: string; key: string; normal: string }[] = [];
  for (const [api, spec] of Object.entries(inv.section('api'))) {
    const routes = isObject(spec) && isObject(spec.routes) ? spec.routes : {};
    for (const key of Object.keys(routes)) {
      const [method, path] = normalizeRoute(key).split(' ') as [string, string];
      out.push({ api, key, normal: normalRoute(method, path ?? '') });
    }
  }
  return out;
}

export function planDirectRoute(inv: Inventory, route: string, kind: (typeof directKinds)[number], opts: AddOptions): AddPlan {
  const apis = inv.names('api');
  if (!apis.length) throw new EdaError(`a route to a ${kind} lives on a declared api, and app.yaml declares none`, 'add one first: eda add api <name>');
  const api = opts.api ?? (apis.length === 1 ? apis[0]! : undefined);
  if (api === undefined) throw new UsageError(`there are ${apis.length} apis; say which the route is on`, `add --api <name> (declared: ${apis.join(', ')})`);
  inv.requireRef('api', api, `--api ${api}`);
  const name = opts[kind]!;
  inv.requireRef(kind, name, `--${kind} ${name}`);
  const [method, path] = route.split(' ') as [string, string];
  const normal = normalRoute(method, path);
  const taken = directRoutes(inv).find((r) => r.api === api && r.normal === normal);
  if (taken) throw new EdaError(`the route ${route} already exists on api ${api} (apis.${api}.routes)`, 'a route has one target: remove it first with eda remove route');
  if (functionServes(inv, api, apis.length, normal)) throw new EdaError(`a function already serves the route ${route} on api ${api}`, 'a route has one target: remove it first with eda remove route');
  const spec: Spec = clean({
    [kind]: name,
    messageGroupId: kind === 'queue' ? opts.messageGroupId : undefined,
    source: kind === 'bus' ? opts.source : undefined,
    detailType: kind === 'bus' ? opts.detailType : undefined,
    sync: kind === 'workflow' && opts.sync ? true : undefined,
    action: kind === 'table' ? opts.action : undefined,
  });
  return { ops: [{ op: 'insert', path: ['apis', api, 'routes'], key: route, value: spec }], what: `route ${route} → ${kind} ${name}`, newFunctions: [] };
}

function functionServes(inv: Inventory, api: string, apiCount: number, normal: string): boolean {
  for (const spec of Object.values(inv.section('function'))) {
    const triggers = Array.isArray(spec?.triggers) ? (spec.triggers as Spec[]) : [];
    for (const t of triggers) {
      if (typeof t?.http !== 'string') continue;
      const on = typeof t.api === 'string' ? t.api : apiCount === 1 ? api : undefined;
      const [method, path] = normalizeRoute(t.http).split(' ') as [string, string];
      if (on === api && normalRoute(method, path ?? '') === normal) return true;
    }
  }
  return false;
}

/** The direct routes matching `route` (on `api` when given), as app.yaml paths. */
export function findDirectRoutes(inv: Inventory, route: string, api: string | undefined): { api: string; target: Path }[] {
  const [method, path] = route.split(' ') as [string, string];
  const normal = normalRoute(method, path ?? '');
  return directRoutes(inv)
    .filter((r) => r.normal === normal && (api === undefined || r.api === api))
    .map((r) => ({ api: r.api, target: ['apis', r.api, 'routes', r.key] }));
}
