// `eda add api` / `eda remove api`: an HTTP or REST API with its CORS and authorization.
// overrides may name it by either logical ID.
import { UsageError } from '../../core/errors.js';
import { logicalId } from '../../core/names.js';
import { clean, insertEntry, removeEntry } from '../scaffold-kit.js';
import type { AddContext, AddPlan, ScaffoldFacet } from '../scaffold-types.js';
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
  } else if (opts.auth) auth = opts.auth;
  return insertEntry('api', name, clean({ type: type === 'http' && opts.type === undefined ? undefined : type, description: opts.description, cors: cors || undefined, auth }));
}

export const apiScaffold: ScaffoldFacet = {
  kind: 'api',
  section: 'api',
  flags: ['type', 'cors', 'auth', 'issuer', 'audience', 'description'],
  add,
  remove: (ctx) => removeEntry(ctx, 'api', 'api'),
  overrideIds: (name) => [logicalId('api', name, 'http'), logicalId('api', name, 'rest'), logicalId('api', name, 'websocket')],
  stub: webSocketStub as ScaffoldFacet['stub'],
  references: webSocketReferences,
};
