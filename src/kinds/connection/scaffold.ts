// `eda add connection` / `eda remove connection`: how API destinations authorize their calls.
// The secret is given by reference only (--secret name[:jsonKey], or an ARN); removal is
// refused while a rule's http target uses the connection.
import { UsageError } from '../../core/errors.js';
import { insertEntry, removeEntry } from '../scaffold-kit.js';
import type { AddContext, AddPlan, ScaffoldFacet } from '../scaffold-types.js';
import { parseSecretRef } from './secret-ref.js';

const AUTHS = ['apiKey', 'basic', 'oauth'];

async function add(ctx: AddContext): Promise<AddPlan> {
  const { opts, ask } = ctx;
  const name = await ctx.newName('connection');
  const auth = await ask.pick(opts.auth, '--auth', 'How does it authorize?', AUTHS.map((a) => ({ name: a, value: a })));
  if (!AUTHS.includes(auth)) throw new UsageError(`--auth: '${auth}' is not apiKey, basic or oauth`);
  const secretText = await ask.text(opts.secret, '--secret', 'Secrets Manager secret holding the key/password/client secret (name[:jsonKey] or ARN)', (v) => (v.trim() ? true : 'a secret name'));
  const ref = secretText.startsWith('arn:') || secretText.startsWith('{{') ? secretText : `\${secret:${secretText}}`;
  if (!parseSecretRef(ref)) throw new UsageError(`--secret: '${secretText}' is not a secret name or ARN`, 'e.g. --secret webhook-key, --secret api-creds:password');
  let spec: Record<string, unknown>;
  if (auth === 'apiKey') spec = { apiKey: { header: opts.header ?? 'x-api-key', value: ref } };
  else if (auth === 'basic') spec = { basic: { username: await ask.text(opts.username, '--username', 'User name'), password: ref } };
  else {
    const endpoint = await ask.text(opts.endpoint, '--endpoint', 'Token endpoint (https://...)', (v) => (/^https:\/\//.test(v) ? true : 'an https:// URL'));
    spec = { oauth: { endpoint, clientId: await ask.text(opts.clientId, '--client-id', 'Client ID'), clientSecret: ref } };
  }
  return insertEntry('connection', name, { ...(opts.description ? { description: opts.description } : {}), auth: spec });
}

export const connectionScaffold: ScaffoldFacet = {
  kind: 'connection',
  section: 'connection',
  flags: ['auth', 'secret', 'header', 'username', 'endpoint', 'clientId', 'description'],
  missingFlags: (opts) => [...(opts.auth ? [] : ['--auth apiKey|basic|oauth']), ...(opts.secret ? [] : ['--secret <name>'])],
  add,
  remove: (ctx) => removeEntry(ctx, 'connection', 'connection'),
};
