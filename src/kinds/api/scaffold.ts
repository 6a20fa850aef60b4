// `eda add api` / `eda remove api`: an HTTP or REST API with its CORS and authorization.
// overrides may name it by either logical ID.
import { UsageError } from '../../core/errors.js';
import { logicalId } from '../../core/names.js';
import { clean, insertEntry, removeEntry } from '../scaffold-kit.js';
import type { AddContext, AddPlan, ScaffoldFacet } from '../scaffold-types.js';

async function add(ctx: AddContext): Promise<AddPlan> {
  const { opts, ask } = ctx;
  const name = await ctx.newName('api');
  const type = await ask.pick(opts.type as 'http' | 'rest' | undefined, '--type', 'API type', [
    { name: 'http (API Gateway HTTP API)', value: 'http' },
    { name: 'rest (API Gateway REST API)', value: 'rest' },
  ], 'http');
  if (type !== 'http' && type !== 'rest') throw new UsageError(`--type: an api is http or rest, not '${type}'`);
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

export const apiScaffold: ScaffoldFacet = {
  kind: 'api',
  section: 'api',
  flags: ['type', 'cors', 'auth', 'issuer', 'audience', 'description'],
  add,
  remove: (ctx) => removeEntry(ctx, 'api', 'api'),
  overrideIds: (name) => [logicalId('api', name, 'http'), logicalId('api', name, 'rest')],
};
