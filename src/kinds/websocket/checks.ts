// WebSocket APIs (`apis.X` with type: websocket): their routes (keys AWS accepts, functions that
// exist), settings that apply to HTTP APIs only, websocket routes written on an HTTP api, `uses:
// - api:` naming an api that has no connections to manage, and the ${apis.X.callbackUrl} and
// ${functions.X.url} attributes only some entries have.
import { closest } from '../../core/did-you-mean.js';
import type { ApiSpec } from '../../manifest/app.types.js';
import { parseExpressions } from '../../manifest/expressions.js';
import type { Path } from '../../manifest/source.js';
import type { CheckContext } from '../types.js';

/** The route keys API Gateway gives a meaning to; any other key starting with $ is refused. */
export const PREDEFINED_ROUTES = ['$connect', '$disconnect', '$default'];
/** A custom route key: what the selection expression evaluates to (AWS caps route keys at 128 characters). */
const CUSTOM_ROUTE = /^[^\s$][^\s]{0,127}$/;
/** $request.body.<field>[.<field>…]: the selection expressions WebSocket APIs route Lambda integrations by. */
const SELECTION = /^\$request\.body\.[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z_][A-Za-z0-9_-]*)*$/;
const aType = (type: string) => `${type === 'http' ? 'an' : 'a'} ${type} api`;

export const isWebSocket = (api: ApiSpec | null | undefined) => api?.type === 'websocket';

export function checkWebSockets(c: CheckContext): void {
  for (const [name, api] of Object.entries(c.m.apis ?? {})) {
    if (!api) continue;
    const base: Path = ['apis', name];
    if (isWebSocket(api)) checkWebSocketApi(c, name, api, base);
    else checkHttpApiRoutes(c, name, api, base);
  }
  checkApiUses(c);
  checkAttributes(c);
}

function checkWebSocketApi(c: CheckContext, name: string, api: ApiSpec, base: Path): void {
  if (api.cors !== undefined) {
    c.add({ path: [...base, 'cors'], at: 'key', code: 'websocket-cors', message: 'cors does not apply to a websocket api', hint: 'browsers send no CORS preflight for WebSocket connections: check the Origin header in the $connect handler instead' });
  }
  const auth = typeof api.auth === 'object' ? api.auth.type : api.auth;
  if (auth === 'jwt') {
    c.add({ path: [...base, 'auth', ...(typeof api.auth === 'object' ? ['type'] : [])], code: 'websocket-jwt', message: 'jwt auth needs an http api; a websocket api takes auth: iam or none', hint: 'auth: iam signs the $connect request with SigV4; or check a token in the $connect handler' });
  }
  if (typeof api.routeSelection === 'string' && !SELECTION.test(api.routeSelection)) {
    c.add({ path: [...base, 'routeSelection'], code: 'websocket-selection', message: `'${api.routeSelection}' is not a route selection expression eda can route by`, hint: 'name a field of the JSON message: $request.body.action (or a nested one, $request.body.meta.type)' });
  }
  const routes = Object.entries(api.routes ?? {});
  if (routes.length === 0) {
    c.add({ path: base, at: 'key', severity: 'warning', code: 'api-unused', message: `websocket api '${name}' has no routes`, hint: `list them: routes: { $connect: onConnect, $disconnect: onDisconnect, sendMessage: send }` });
  }
  for (const [key, fn] of routes) {
    const path: Path = [...base, 'routes', key];
    if (key.startsWith('$') && !PREDEFINED_ROUTES.includes(key)) {
      const near = closest(key, PREDEFINED_ROUTES);
      c.add({ path, at: 'key', code: 'websocket-route-key', message: `'${key}' is not a route key API Gateway knows`, hint: near ? `did you mean '${near}'? (keys starting with $ are reserved: ${PREDEFINED_ROUTES.join(', ')})` : `keys starting with $ are reserved: ${PREDEFINED_ROUTES.join(', ')}` });
    } else if (!key.startsWith('$') && !CUSTOM_ROUTE.test(key)) {
      c.add({ path, at: 'key', code: 'websocket-route-key', message: `'${key}' is not a valid route key`, hint: 'a route key is the value the selection expression finds in a message (e.g. sendMessage): 1 to 128 characters, no spaces' });
    }
    c.ref('function', fn, path, 'function');
  }
}

/** A websocket route (a function name under routes, or routeSelection) written on an HTTP or REST api. */
function checkHttpApiRoutes(c: CheckContext, name: string, api: ApiSpec, base: Path): void {
  const type = api.type ?? 'http';
  if (api.routeSelection !== undefined) {
    c.add({ path: [...base, 'routeSelection'], at: 'key', code: 'websocket-only', message: `routeSelection applies to websocket apis; '${name}' is ${aType(type)}`, hint: 'add type: websocket to make it a WebSocket API' });
  }
  for (const [key, fn] of Object.entries(api.routes ?? {})) {
    if (typeof fn !== 'string') continue;
    c.add({ path: [...base, 'routes', key], at: 'key', code: 'websocket-only', message: `route '${key}: ${fn}' is a websocket route, but '${name}' is ${aType(type)}`, hint: `add type: websocket to the api, or give ${fn} an http trigger: triggers: [{ http: GET /path, api: ${name} }]` });
  }
}

/** `uses: - api: X` manages X's WebSocket connections: X must be a websocket api. */
function checkApiUses(c: CheckContext): void {
  for (const [fnName, fn] of Object.entries(c.m.functions ?? {})) {
    (fn?.uses ?? []).forEach((use, i) => {
      if (!use || typeof use.api !== 'string') return;
      const api = c.m.apis?.[use.api];
      if (api && !isWebSocket(api)) {
        c.add({ path: ['functions', fnName, 'uses', i, 'api'], code: 'use-api-type', message: `api '${use.api}' is ${aType(api.type ?? 'http')}; uses: api grants posting to the connections of a websocket api`, hint: `call an http api over HTTPS with its URL (\${apis.${use.api}.url} in environment)` });
      }
    });
  }
}

/** ${apis.X.callbackUrl} needs a websocket api; ${functions.X.url} a function with url:, not read by itself. */
function checkAttributes(c: CheckContext): void {
  const walk = (value: unknown, path: Path): void => {
    if (typeof value === 'string') {
      if (value.includes('${')) for (const piece of parseExpressions(value)) checkPiece(c, piece, path);
    } else if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i]));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
  };
  walk(c.m, []);
}

function checkPiece(c: CheckContext, piece: ReturnType<typeof parseExpressions>[number], path: Path): void {
  if (piece.type !== 'ref') return;
  if (piece.section === 'apis' && piece.attr === 'callbackUrl') {
    const api = c.m.apis?.[piece.name];
    if (api && !isWebSocket(api)) c.add({ path, offset: piece.index, code: 'expr-attr', message: `${piece.raw}: only websocket apis have a callbackUrl`, hint: `\${apis.${piece.name}.url} is its URL` });
  }
  if (piece.section === 'functions' && piece.attr === 'url') {
    const fn = c.m.functions?.[piece.name];
    if (fn && !fn.url) c.add({ path, offset: piece.index, code: 'expr-attr', message: `${piece.raw}: function '${piece.name}' has no function URL`, hint: `give it one: url: true (IAM auth) under functions.${piece.name}` });
    else if (fn && path[0] === 'functions' && path[1] === piece.name && path[2] === 'environment') {
      c.add({ path, offset: piece.index, code: 'expr-cycle', message: `${piece.raw}: a function cannot read its own URL from its environment`, hint: 'the URL exists only once the function does (a circular dependency); read it in the handler from the request (event.requestContext.domainName)' });
    }
  }
}
