// The scaffolding of websocket apis, which the api and route kinds' facets call: the handler
// stub of a route (a connection handler for $connect/$disconnect or a message handler, typed with
// APIGatewayProxyWebsocketEventV2), `eda add route '<key>' --api <websocket api>` and its
// removal, and the functions an api's routes refer to.
import { EdaError, UsageError } from '../../core/errors.js';
import type { Path } from '../../manifest/edit.js';
import type { Inventory } from '../scaffold-inventory.js';
import type { AddContext, AddPlan, Reference, Removal, RemoveContext, StubTrigger } from '../scaffold-types.js';
import { PREDEFINED_ROUTES } from './checks.js';

export const webSocketStub: StubTrigger<'websocket'> = {
  trigger: 'websocket',
  template: (t) => (t.route === '$connect' || t.route === '$disconnect' ? 'websocket-connect' : 'websocket'),
  source: (t) => `websocket ${t.api} ${t.route}`,
  testSource: (t) => t.route,
};

/** The websocket api a route argument is meant for: --api when it is one, else the only one for a key that is not "METHOD /path". */
export function webSocketApiFor(inv: Inventory, name: string | undefined, api: string | undefined): string | undefined {
  const isWs = (a: string) => inv.entry('api', a)?.type === 'websocket';
  if (api !== undefined) return isWs(api) ? api : undefined;
  if (name === undefined || name.includes(' ')) return undefined;
  const ws = inv.names('api').filter(isWs);
  return ws.length === 1 ? ws[0] : undefined;
}

/** `eda add route '<key>' --api <websocket api> --function <fn>`: routes[key] = fn. */
export async function addWebSocketRoute(ctx: AddContext, api: string): Promise<AddPlan> {
  const { inv, opts, ask } = ctx;
  const key = ctx.name;
  if (!key) throw new UsageError(`name the route key: eda add route '$connect' --api ${api} --function <name>`);
  if (key.startsWith('$') ? !PREDEFINED_ROUTES.includes(key) : !/^[^\s$][^\s]{0,127}$/.test(key)) {
    throw new UsageError(`'${key}' is not a websocket route key`, `use ${PREDEFINED_ROUTES.join(', ')} or the value a message names (e.g. sendMessage)`);
  }
  const fn = await ask.pick(opts.function, '--function', 'Which function handles it?', inv.names('function').map((n) => ({ name: n, value: n })));
  inv.requireRef('function', fn, `--function ${fn}`);
  const routes = inv.entry('api', api)?.routes as Record<string, unknown> | undefined;
  if (routes && Object.hasOwn(routes, key)) throw new EdaError(`the route ${key} of websocket api ${api} already exists (functions.${String(routes[key])})`, 'a route can be served by one function only');
  return { ops: [{ op: 'insert', path: ['apis', api, 'routes'], key, value: fn }], what: `websocket route ${key} on ${api} → ${fn}`, newFunctions: [] };
}

/** `eda remove route '<key>' --api <websocket api>`. */
export function removeWebSocketRoute(ctx: RemoveContext, api: string): Removal {
  const routes = ctx.inv.entry('api', api)?.routes as Record<string, unknown> | undefined;
  if (!routes || !Object.hasOwn(routes, ctx.name)) throw new EdaError(`websocket api ${api} has no route ${ctx.name}`, `its routes: ${Object.keys(routes ?? {}).join(', ') || 'none'}`);
  const target: Path = ['apis', api, 'routes', ctx.name];
  return { target, what: `websocket route ${ctx.name} on ${api} (function ${String(routes[ctx.name])} stays)`, kept: [] };
}

/** A websocket api refers to the functions its routes name (so they cannot be removed while routed). */
export function webSocketReferences(api: Record<string, unknown>, at: Path): Reference[] {
  const routes = api.routes && typeof api.routes === 'object' ? (api.routes as Record<string, unknown>) : {};
  return Object.entries(routes)
    .filter(([, fn]) => typeof fn === 'string')
    .map(([key, fn]) => ({ kind: 'function', name: fn, path: [...at, 'routes', key] }));
}
