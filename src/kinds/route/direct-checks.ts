// apis.X.routes: each direct route names one declared queue, bus, workflow or table, carries
// exactly the fields its integration needs, fits the api's type, and takes a route no function
// serves on the same api.
import type { DirectRouteSpec } from '../../manifest/app.types.js';
import type { Path } from '../../manifest/source.js';
import type { CheckContext } from '../types.js';

export const directKinds = ['queue', 'bus', 'workflow', 'table'] as const;
export type DirectKind = (typeof directKinds)[number];

/** The fields each target takes besides its own name. */
const fieldsOf: Record<DirectKind, string[]> = { queue: ['messageGroupId'], bus: ['source', 'detailType'], workflow: ['sync'], table: ['action'] };

/** A route key's method and path with parameter names blanked: routes equal under it clash. */
export const normalRoute = (method: string, path: string) => `${method} ${path.replace(/\{[^}/]+\}/g, '{}')}`;

/** The table action a method implies when `action` is not written. */
export function defaultAction(method: string): 'put' | 'get' | 'delete' | undefined {
  return method === 'GET' ? 'get' : method === 'PUT' || method === 'POST' ? 'put' : method === 'DELETE' ? 'delete' : undefined;
}

/** A direct route's key: the method and the path, as the schema's routes used to require. */
const ROUTE_KEY = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|ANY) (\/|(\/[^/\s]+)+)$/;

export function checkDirectRoutes(c: CheckContext): void {
  const taken = functionRoutes(c);
  for (const [apiName, api] of Object.entries(c.m.apis ?? {})) {
    const type = api?.type ?? 'http';
    for (const [key, spec] of Object.entries(api?.routes ?? {})) {
      const path: Path = ['apis', apiName, 'routes', key];
      if (typeof spec === 'string') continue; // a websocket route: checked with websocket apis
      if (type === 'websocket') {
        c.add({ path, at: 'key', code: 'route-websocket', message: `a websocket api's route names the function that handles it; '${apiName}' cannot send '${key}' to a service`, hint: `write ${key}: <function>, or put this route on an http or rest api` });
        continue;
      }
      if (!ROUTE_KEY.test(key)) {
        c.add({ path, at: 'key', code: 'route-key', message: `'${key}' is not a route: write the method and the path`, hint: 'for example POST /orders or GET /orders/{id} (methods: GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, ANY)' });
        continue;
      }
      const [method, routePath] = key.split(' ') as [string, string];
      const normal = `${apiName} ${normalRoute(method, routePath)}`;
      const prev = taken.get(normal);
      if (prev) c.add({ path, at: 'key', code: 'route-duplicate', message: `route '${key}' on api '${apiName}' is already taken by ${prev.slice(0, prev[0] === 'functions' ? 2 : 4).join('.')}`, hint: 'a route (method and path, whatever the parameter names) has one target: remove one of them' });
      else taken.set(normal, path);
      if (/\{[^}]*\+\}./.test(routePath)) c.add({ path, at: 'key', code: 'route-greedy', message: `a greedy path parameter must be the last segment of '${routePath}'` });
      if (!spec) continue;
      const kind = c.oneKind(spec as Record<string, unknown>, directKinds, path, 'route');
      if (!kind) continue;
      for (const field of Object.keys(spec)) {
        if (field !== kind && !fieldsOf[kind].includes(field)) {
          c.add({ path: [...path, field], at: 'key', code: 'route-field', message: `'${field}' does not apply to a ${kind} route`, hint: `a ${kind} route takes: ${[kind, ...fieldsOf[kind]].join(', ')}` });
        }
      }
      c.ref(kind, spec[kind], [...path, kind]);
      checkTarget(c, kind, spec, { path, method, routePath, type, apiName });
    }
  }
}

interface RouteAt {
  path: Path;
  method: string;
  routePath: string;
  type: 'http' | 'rest';
  apiName: string;
}

function checkTarget(c: CheckContext, kind: DirectKind, spec: DirectRouteSpec, at: RouteAt): void {
  const { path } = at;
  if (kind === 'queue') {
    const queue = c.m.queues?.[spec.queue!];
    if (!queue) return;
    if (queue.fifo && !spec.messageGroupId) {
      c.add({ path: [...path, 'queue'], code: 'route-group-id', message: `queue '${spec.queue}' is FIFO: the route must say which request value is the message group`, hint: 'add messageGroupId: $request.header.x-group (or $request.body.customerId)' });
    }
    if (!queue.fifo && spec.messageGroupId) c.add({ path: [...path, 'messageGroupId'], at: 'key', code: 'route-group-id', message: `messageGroupId applies to FIFO queues; '${spec.queue}' is a standard queue`, hint: 'remove it, or make the queue fifo: true' });
    if (spec.messageGroupId?.startsWith('$request.path.')) checkPathParam(c, at, spec.messageGroupId.slice('$request.path.'.length), [...path, 'messageGroupId']);
  } else if (kind === 'bus') {
    for (const field of ['source', 'detailType'] as const) {
      if (!spec[field]) c.add({ path, code: 'route-field-missing', message: `a bus route needs ${field}`, hint: field === 'source' ? 'source: shop.api' : 'detailType: OrderRequested' });
    }
    if (spec.source?.startsWith('aws.')) c.add({ path: [...path, 'source'], code: 'route-source', message: `source '${spec.source}' is reserved for AWS services`, hint: 'use your own prefix, e.g. shop.api' });
  } else if (kind === 'workflow') {
    const wf = c.m.workflows?.[spec.workflow!];
    if (wf && spec.sync && (wf.type ?? 'standard') !== 'express') {
      c.add({ path: [...path, 'sync'], code: 'route-sync-standard', message: `sync needs an express workflow; '${spec.workflow}' is a standard workflow`, hint: `set workflows.${spec.workflow}.type: express, or drop sync (the route answers 202 with the execution ARN)` });
    }
  } else checkTableRoute(c, spec, at);
}

function checkTableRoute(c: CheckContext, spec: DirectRouteSpec, at: RouteAt): void {
  const { path } = at;
  if (at.type === 'http') {
    c.add({ path: [...path, 'table'], code: 'route-table-http', message: 'a table route needs a rest api: HTTP APIs have no DynamoDB integration', hint: `set apis.${at.apiName}.type: rest, or serve the route with a function` });
    return;
  }
  const action = spec.action ?? defaultAction(at.method);
  if (!action) {
    c.add({ path, code: 'route-field-missing', message: `a ${at.method} table route needs an action`, hint: 'action: put | get | query | delete' });
    return;
  }
  const table = c.m.tables?.[spec.table!];
  if (!table) return;
  const keyName = (k: unknown) => (typeof k === 'string' ? k.split(':')[0]! : undefined);
  const keys = action === 'query' ? [keyName(table.partitionKey)] : action === 'put' ? [] : [keyName(table.partitionKey), keyName(table.sortKey)];
  for (const key of keys) if (key) checkPathParam(c, at, key, spec.action ? [...path, 'action'] : path, `the ${action} reads the key '${key}' from the path`);
  for (const k of [table.partitionKey, table.sortKey]) {
    if (typeof k === 'string' && k.endsWith(':binary')) c.add({ path: [...path, 'table'], code: 'route-table-binary', message: `table '${spec.table}' has a binary key: a route cannot build it from a request`, hint: 'serve the route with a function' });
  }
}

function checkPathParam(c: CheckContext, at: RouteAt, name: string, path: Path, why = `the route reads the path parameter '${name}'`): void {
  const params = [...at.routePath.matchAll(/\{([^}+]+)\+?\}/g)].map((m) => m[1]!);
  if (!params.includes(name)) c.add({ path, code: 'route-path-param', message: `${why}, but '${at.routePath}' has no {${name}}`, hint: params.length ? `path parameters: ${params.join(', ')}` : `e.g. ${at.method} ${at.routePath.replace(/\/$/, '')}/{${name}}` });
}

/** The routes functions' http triggers take, normalised, with where each is written. */
function functionRoutes(c: CheckContext): Map<string, Path> {
  const taken = new Map<string, Path>();
  for (const { trigger: t, path } of c.triggers('http')) {
    const api = t.api ?? (c.declared.api.length === 1 ? c.declared.api[0] : undefined);
    if (typeof t.http !== 'string' || !api) continue;
    const [method, routePath] = t.http.split(' ') as [string, string];
    const key = `${api} ${normalRoute(method, routePath)}`;
    if (!taken.has(key)) taken.set(key, path);
  }
  return taken;
}
