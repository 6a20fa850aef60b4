// `eda add subscription <topic>` / `eda remove subscription <topic>`: a queue, email address or
// https endpoint on a topic's subscriptions, or a topic trigger on a function.
import { EdaError, UsageError } from '../../core/errors.js';
import { suggest } from '../../core/did-you-mean.js';
import { clean } from '../scaffold-kit.js';
import { parseJsonObject } from '../scaffold-specs.js';
import type { AddContext, AddPlan, Removal, RemoveContext, ScaffoldFacet, Spec } from '../scaffold-types.js';

const protocols = ['queue', 'email', 'https', 'function'] as const;

async function add(ctx: AddContext): Promise<AddPlan> {
  const { opts, inv, ask } = ctx;
  const topic = await ask.pick(ctx.name, '<topic>', 'Which topic?', inv.names('topic').map((n) => ({ name: n, value: n })));
  inv.requireRef('topic', topic, `subscription to ${topic}`);
  const given = protocols.filter((p) => opts[p] !== undefined);
  if (given.length > 1) throw new UsageError(`give one of --queue, --email, --https, --function (got ${given.map((g) => `--${g}`).join(' and ')})`);
  const protocol = await ask.pick(given[0], '--queue, --email, --https or --function', 'Deliver to', [
    { name: 'a queue', value: 'queue' as const },
    { name: 'a function (its topic trigger)', value: 'function' as const },
    { name: 'an email address', value: 'email' as const },
    { name: 'an https endpoint', value: 'https' as const },
  ]);
  const filter = opts.filter ? parseJsonObject(opts.filter, '--filter') : undefined;
  const topicEntry = inv.entry('topic', topic) ?? {};
  const existing = (Array.isArray(topicEntry.subscriptions) ? topicEntry.subscriptions : []) as Spec[];
  if (protocol === 'function') {
    const fn = await ask.pick(opts.function, '--function', 'Which function?', inv.names('function').map((n) => ({ name: n, value: n })));
    inv.requireRef('function', fn, `--function ${fn}`);
    const triggers = (inv.entry('function', fn)?.triggers ?? []) as Spec[];
    if (Array.isArray(triggers) && triggers.some((t) => t?.topic === topic)) throw new EdaError(`function ${fn} already subscribes to topic ${topic}`);
    return { ops: [{ op: 'append', path: ['functions', fn, 'triggers'], item: clean({ topic, filter }) }], what: `subscription of function ${fn} to topic ${topic}`, newFunctions: [] };
  }
  const endpoint =
    protocol === 'queue'
      ? await ask.pick(opts.queue, '--queue', 'Which queue?', inv.names('queue').map((n) => ({ name: n, value: n })))
      : await ask.text(opts[protocol], `--${protocol}`, protocol === 'email' ? 'Email address' : 'https URL');
  if (protocol === 'queue') inv.requireRef('queue', endpoint, `--queue ${endpoint}`);
  if (protocol === 'https' && !endpoint.startsWith('https://')) throw new UsageError('--https must be an https:// URL');
  if (protocol === 'email' && !/^[^@\s]+@[^@\s]+$/.test(endpoint)) throw new UsageError(`--email: '${endpoint}' is not an email address`);
  if (existing.some((s) => s?.[protocol] === endpoint)) throw new EdaError(`topic ${topic} already has a subscription for ${protocol} ${endpoint}`);
  const raw = protocol === 'email' ? undefined : await ask.yesNo(opts.raw, 'Raw message delivery (the message as published, without the SNS envelope)?', false);
  return {
    ops: [{ op: 'append', path: ['topics', topic, 'subscriptions'], item: clean({ [protocol]: endpoint, raw: raw || undefined, filter }) }],
    what: `subscription of ${protocol} ${endpoint} to topic ${topic}`,
    newFunctions: [],
  };
}

function remove(ctx: RemoveContext): Removal {
  const { inv, opts, name: topic } = ctx;
  if (!inv.has('topic', topic)) throw new EdaError(`there is no topic named '${topic}' in app.yaml`, suggest(topic, inv.names('topic'), 'topic'));
  const given = protocols.filter((p) => opts[p] !== undefined);
  if (given.length !== 1) throw new UsageError('say which subscription with one of --queue, --email, --https, --function');
  const protocol = given[0]!;
  const endpoint = opts[protocol]!;
  if (protocol === 'function') {
    const triggers = inv.entry('function', endpoint)?.triggers;
    const index = Array.isArray(triggers) ? triggers.findIndex((t) => t?.topic === topic) : -1;
    if (index < 0) throw new EdaError(`function ${endpoint} does not subscribe to topic ${topic}`);
    return { target: ['functions', endpoint, 'triggers', index], what: `subscription of function ${endpoint} to topic ${topic}`, kept: [] };
  }
  const subs = inv.entry('topic', topic)?.subscriptions;
  const index = Array.isArray(subs) ? subs.findIndex((s) => s?.[protocol] === endpoint) : -1;
  if (index < 0) throw new EdaError(`topic ${topic} has no subscription for ${protocol} ${endpoint}`);
  return { target: ['topics', topic, 'subscriptions', index], what: `subscription of ${protocol} ${endpoint} to topic ${topic}`, kept: [] };
}

export const subscriptionScaffold: ScaffoldFacet = {
  kind: 'subscription',
  flags: ['queue', 'email', 'https', 'function', 'raw', 'filter'],
  argument: 'the topic: eda add subscription <topic>',
  missingFlags: (opts) => (!opts.queue && !opts.email && !opts.https && !opts.function ? ['one of --queue, --email, --https, --function'] : []),
  add,
  removeFlags: [...protocols],
  remove,
};
