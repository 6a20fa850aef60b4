// `eda add route` / `eda remove route`: an http trigger on a function ("GET /orders/{id}"),
// on the only API or the one --api names, or a direct route to a queue, bus, workflow or table
// (direct-scaffold.ts). Its handler stub is an API Gateway handler.
import { EdaError, UsageError } from '../../core/errors.js';
import type { Path } from '../../manifest/edit.js';
import type { Inventory } from '../scaffold-inventory.js';
import { checkRouteSafe } from '../scaffold-kit.js';
import { checkRoute, normalizeRoute } from '../scaffold-specs.js';
import type { AddContext, AddPlan, Removal, RemoveContext, ScaffoldFacet, Spec, StubTrigger } from '../scaffold-types.js';
import { directTarget, findDirectRoutes, planDirectRoute } from './direct-scaffold.js';
import { addWebSocketRoute, removeWebSocketRoute, webSocketApiFor } from '../websocket/scaffold.js';

async function add(ctx: AddContext): Promise<AddPlan> {
  const { opts, inv, ask } = ctx;
  const ws = webSocketApiFor(inv, ctx.name, opts.api);
  if (ws !== undefined) return addWebSocketRoute(ctx, ws);
  const route = checkRoute(await ask.text(ctx.name, 'the route', 'Route (METHOD /path)', (v) => (checkRouteSafe(v) ? true : 'like GET /orders/{id}')), 'route');
  const direct = directTarget(opts);
  if (direct) return planDirectRoute(inv, route, direct, opts);
  const fn = await ask.pick(opts.function, '--function', 'Which function serves it?', inv.names('function').map((n) => ({ name: n, value: n })));
  inv.requireRef('function', fn, `--function ${fn}`);
  const apis = inv.names('api');
  let api = opts.api;
  if (api !== undefined) inv.requireRef('api', api, `--api ${api}`);
  else if (apis.length > 1) api = await ask.pick(undefined, '--api', 'On which API?', apis.map((n) => ({ name: n, value: n })));
  const clash = servedBy(inv, route, api);
  if (clash) throw new EdaError(`the route ${route} already exists (functions.${clash})`, 'a route can be served by one function only');
  const item: Spec = api !== undefined && (opts.api !== undefined || apis.length > 1) ? { http: route, api } : { http: route };
  return { ops: [{ op: 'append', path: ['functions', fn, 'triggers'], item }], what: `route ${route} → ${fn}`, newFunctions: [] };
}

/** The function that already serves `route` on `api` (undefined api: the only/implied one). */
function servedBy(inv: Inventory, route: string, api: string | undefined): string | undefined {
  const apis = inv.names('api');
  const norm = (a: unknown) => (typeof a === 'string' ? a : apis.length === 1 ? apis[0] : undefined);
  for (const [fn, spec] of Object.entries(inv.section('function'))) {
    const triggers = Array.isArray(spec?.triggers) ? (spec.triggers as Spec[]) : [];
    for (const t of triggers) {
      if (typeof t?.http === 'string' && normalizeRoute(t.http) === route && norm(t.api) === norm(api)) return fn;
    }
  }
  return undefined;
}

function remove(ctx: RemoveContext): Removal {
  const { inv, opts } = ctx;
  const ws = webSocketApiFor(inv, ctx.name, opts.api);
  if (ws !== undefined) return removeWebSocketRoute(ctx, ws);
  const wanted = normalizeRoute(ctx.name);
  const hits: { fn: string; index: number; api?: string }[] = [];
  for (const [fn, spec] of Object.entries(inv.section('function'))) {
    const triggers = Array.isArray(spec?.triggers) ? (spec.triggers as Record<string, unknown>[]) : [];
    triggers.forEach((t, index) => {
      if (typeof t?.http === 'string' && normalizeRoute(t.http) === wanted) hits.push({ fn, index, api: typeof t.api === 'string' ? t.api : undefined });
    });
  }
  const api = opts.api;
  const fnMatches = api === undefined ? hits : hits.filter((h) => h.api === api || (h.api === undefined && inv.names('api').length <= 1));
  const matching = [
    ...fnMatches.map((h) => ({ api: h.api ?? 'the default api', target: ['functions', h.fn, 'triggers', h.index] as Path, what: `route ${wanted} (from function ${h.fn})` })),
    ...findDirectRoutes(inv, wanted, api).map((d) => ({ ...d, what: `route ${wanted} (from apis.${d.api}.routes)` })),
  ];
  if (matching.length === 0) throw new EdaError(`no function or direct route serves the route ${wanted}${api ? ` on api ${api}` : ''}`);
  if (matching.length > 1) throw new UsageError(`the route ${wanted} is on several apis (${matching.map((h) => h.api).join(', ')})`, 'say which with --api <name>');
  const hit = matching[0]!;
  return { target: hit.target, what: hit.what, kept: [] };
}

const stub: StubTrigger<'http'> = {
  trigger: 'http',
  template: (t, app) => (app.apis.find((a) => a.name === t.api)?.type === 'rest' ? 'rest' : 'http'),
  source: (t) => `${t.method} ${t.path}`,
  testSource: () => '',
};

export const routeScaffold: ScaffoldFacet = {
  kind: 'route',
  flags: ['function', 'api', 'queue', 'bus', 'workflow', 'table', 'messageGroupId', 'source', 'detailType', 'sync', 'action'],
  argument: 'the route: eda add route "METHOD /path" (or a websocket route key: eda add route \'$connect\' --api chat)',
  missingFlags: (opts) => (opts.function || opts.queue || opts.bus || opts.workflow || opts.table ? [] : ['--function <name> (or --queue, --bus, --workflow, --table)']),
  add,
  removeFlags: ['api'],
  remove,
  stub: stub as StubTrigger,
};
