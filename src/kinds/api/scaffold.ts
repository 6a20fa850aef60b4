// `eda add api` / `eda remove api`: an HTTP or REST API with its CORS and authorization; the
// handler stub of a function an authorizer calls.
// overrides may name it by either logical ID.
import { UsageError } from '../../core/errors.js';
import { logicalId } from '../../core/names.js';
import { clean, insertEntry, removeEntry } from '../scaffold-kit.js';
import type { ApiModel, App, AuthorizerModel, FunctionModel } from '../../model/types.js';
import type { Path } from '../../manifest/edit.js';
import type { Entry } from '../scaffold-inventory.js';
import type { AddContext, AddPlan, Reference, ScaffoldFacet } from '../scaffold-types.js';
import { webSocketReferences, webSocketStub } from '../websocket/scaffold.js';

async function add(ctx: AddContext): Promise<AddPlan> {
  const { opts, ask } = ctx;
  const name = await ctx.newName('api');
  const type = await ask.pick(opts.type as 'http' | 'rest' | 'websocket' | undefined, '--type', 'API type', [
    { name: 'http (API Gateway HTTP API)', value: 'http' },
    { name: 'rest (API Gateway REST API)', value: 'rest' },
    { name: 'websocket (API Gateway WebSocket API)', value: 'websocket' },
  ], 'http');
  if (type !== 'http' && type !== 'rest' && type !== 'websocket') throw new UsageError(`--type: an api is http, rest or websocket, not '${type}'`);
  if (type === 'websocket') {
    if (opts.cors || opts.auth === 'jwt') throw new UsageError(`--${opts.cors ? 'cors' : 'auth jwt'} does not apply to a websocket api`, 'a websocket api takes --auth iam or none; add its routes with eda add route \'$connect\' --api ' + name + ' --function <fn>');
    return insertEntry('api', name, clean({ type, description: opts.description, auth: opts.auth }));
  }
  const cors = await ask.yesNo(opts.cors, 'Allow cross-origin requests (CORS)?', false);
  let auth: unknown;
  if (opts.auth === 'jwt') {
    const issuer = await ask.text(opts.issuer, '--issuer', 'JWT issuer URL', (v) => (v.startsWith('https://') ? true : 'an https:// URL'));
    if (!issuer.startsWith('https://')) throw new UsageError('--issuer must be an https:// URL');
    const audience = opts.audience?.length ? opts.audience : [await ask.text(undefined, '--audience', 'JWT audience (client id)')];
    auth = { type: 'jwt', issuer, audience };
  } else if (opts.auth) {
    if (!['none', 'iam'].includes(opts.auth)) throw new UsageError(`--auth: an api takes none, iam or jwt, not '${opts.auth}'`);
    auth = opts.auth;
  }
  return insertEntry('api', name, clean({ type: type === 'http' && opts.type === undefined ? undefined : type, description: opts.description, cors: cors || undefined, auth }));
}

/** The authorizers that call `fn`, each with its api. */
function authorizersOf(fn: FunctionModel, app: App): { api: ApiModel; authorizer: AuthorizerModel }[] {
  return app.apis.flatMap((api) => (api.authorizers ?? []).filter((a) => 'function' in a && a.function === fn.name).map((authorizer) => ({ api, authorizer })));
}

/** Every stub an authorizer function may get. */
export const authorizerTemplates = ['authorizer-simple', 'authorizer-policy', 'authorizer-token', 'authorizer-request'];

/** The stub of an authorizer function: templates/handlers/authorizer-<simple|policy|token|request>.ts.hbs. */
function authorizerTemplate(fn: FunctionModel, app: App): string {
  const a = authorizersOf(fn, app)[0]?.authorizer;
  if (a?.type === 'token' || a?.type === 'request') return `authorizer-${a.type}`;
  return a?.type === 'lambda' && a.responses === 'iam' ? 'authorizer-policy' : 'authorizer-simple';
}

/** The functions its authorizers call (so `eda remove function` names them). */
function references(api: Entry, at: Path): Reference[] {
  const refs: Reference[] = [];
  const authorizers = api.authorizers && typeof api.authorizers === 'object' ? (api.authorizers as Record<string, Entry | null>) : {};
  for (const [name, a] of Object.entries(authorizers)) if (a && typeof a.function === 'string') refs.push({ kind: 'function', name: a.function, path: [...at, 'authorizers', name, 'function'] });
  if (api.auth && typeof api.auth === 'object' && typeof (api.auth as Entry).function === 'string') refs.push({ kind: 'function', name: (api.auth as Entry).function, path: [...at, 'auth', 'function'] });
  return refs;
}

export const apiScaffold: ScaffoldFacet = {
  kind: 'api',
  section: 'api',
  flags: ['type', 'cors', 'auth', 'issuer', 'audience', 'description'],
  add,
  remove: (ctx) => removeEntry(ctx, 'api', 'api'),
  references: (api, at) => [...references(api, at), ...webSocketReferences(api, at)],
  overrideIds: (name) => [logicalId('api', name, 'http'), logicalId('api', name, 'rest'), logicalId('api', name, 'websocket')],
  stub: webSocketStub as ScaffoldFacet['stub'],
  invoker: {
    template: authorizerTemplate,
    sources: (fn, app) => authorizersOf(fn, app).map(({ api, authorizer }) => `the ${authorizer.type} authorizer ${authorizer.name || '(inline)'} of api ${api.name}`),
  },
};
