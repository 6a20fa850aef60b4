// `eda add function` / `eda remove function`: a function entry with its triggers, uses and
// environment; removing it keeps its handler file. Its uses, triggers and failure queue are
// what it refers to.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../../core/errors.js';
import type { Path } from '../../manifest/edit.js';
import type { Kind } from '../../model/types.js';
import type { Choice } from '../../core/prompts.js';
import type { Ask } from '../scaffold-ask.js';
import type { Entry, Inventory } from '../scaffold-inventory.js';
import { asList, checkRouteSafe, clean, insertEntry, isJsonObject, isObject, keyedReferences, listReferences, removeEntry } from '../scaffold-kit.js';
import { checkRoute, checkSchedule, validSchedule, parseInteger, parseJsonObject, parseTrigger, parseUse } from '../scaffold-specs.js';
import type { AddContext, AddPlan, Reference, ScaffoldFacet, Spec } from '../scaffold-types.js';
import { pickedUses, usesChoices } from './uses-choices.js';
import { handlerLocation, languageOf } from './handler.js';

async function add(ctx: AddContext): Promise<AddPlan> {
  const { opts, inv, ask } = ctx;
  const name = await ctx.newName('function');
  const triggers: Spec[] = [];
  const uses: Spec[] = [];
  for (const t of opts.trigger ?? []) {
    const { trigger, refs } = parseTrigger(t);
    ctx.checkRefs(refs, `--trigger ${t}`);
    triggers.push(trigger);
  }
  for (const u of opts.uses ?? []) {
    const { use, refs } = parseUse(u);
    ctx.checkRefs(refs, `--uses ${u}`);
    uses.push(use);
  }
  if (!opts.trigger?.length && ask.optional) {
    const t = await askTrigger(ask, inv);
    if (t) triggers.push(t);
  }
  if (opts.authorizer !== undefined) return addAuthorizerFunction(ctx, name, triggers);
  if (opts.api !== undefined) {
    inv.requireRef('api', opts.api, `--api ${opts.api}`);
    if (!triggers.some((t) => t.http !== undefined)) throw new UsageError('--api goes with an http trigger', 'e.g. --trigger "http:GET /orders" --api public');
    for (const t of triggers) if (t.http !== undefined) t.api = opts.api;
  }
  if (!opts.uses?.length && ask.optional) {
    const picked = await ask.many('What may it use? (space to select, enter to confirm)', usesChoices(inv));
    const secretName = (v: string) => (v.trim() ? true : 'a secret name (e.g. stripe-key) or its ARN');
    uses.push(...(await pickedUses(picked, () => ask.text(undefined, '--uses secret:<name>', 'Secret name or ARN', secretName))));
  }
  const environment: Record<string, string> = {};
  for (const pair of opts.env ?? []) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--env: '${pair}' should be KEY=VALUE`);
    environment[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  const runtime = functionRuntime(opts, inv);
  checkHandlerFlag(opts.handler, runtime);
  const value: Spec = clean({
    handler: opts.handler,
    runtime,
    description: opts.description,
    memory: parseInteger(opts.memory, '--memory', 128, 10240),
    timeout: parseInteger(opts.timeout, '--timeout', 1, 900),
    environment: Object.keys(environment).length ? environment : undefined,
    uses: uses.length ? uses : undefined,
    triggers: triggers.length ? triggers : undefined,
  });
  return insertEntry('function', name, value);
}

/**
 * The runtime a new function names: none when the app's own (defaults.runtime, else runtime)
 * is of the language asked for (--language; default: the app's); else the newest of that language.
 */
function functionRuntime(opts: AddContext['opts'], inv: Inventory): string | undefined {
  if (opts.language === undefined) return undefined;
  if (opts.language !== 'python' && opts.language !== 'typescript') throw new UsageError(`--language: '${opts.language}' is not a language eda writes functions in`, 'use --language typescript or --language python');
  const defaults = inv.manifest.defaults;
  const appRuntime = String((isObject(defaults) && typeof defaults.runtime === 'string' ? defaults.runtime : inv.manifest.runtime) ?? 'nodejs24.x');
  const wanted = opts.language === 'python' ? 'python' : 'nodejs';
  if (languageOf(appRuntime) === wanted) return undefined;
  return wanted === 'python' ? 'python3.13' : 'nodejs24.x';
}

/** --handler must suit the function's language: a .ts/.js file, or a .py file or module.function. */
function checkHandlerFlag(handler: string | undefined, runtime: string | undefined): void {
  if (handler === undefined) return;
  const python = runtime !== undefined ? languageOf(runtime) === 'python' : undefined;
  const node = /^[^\s].*\.(ts|mts|js|mjs)$/.test(handler);
  const py = /^[^\s].*\.py$/.test(handler) || /^[A-Za-z_]\w*(\.[A-Za-z_]\w*)+$/.test(handler);
  if (python === true && !py) throw new UsageError(`--handler: '${handler}' should be a .py file path or module.function (the function is Python)`);
  if (python === false && !node) throw new UsageError(`--handler: '${handler}' should be a .ts or .js file path`);
  if (python === undefined && !node && !py) throw new UsageError(`--handler: '${handler}' should be a .ts, .js or .py file path, or Python's module.function`);
}

/** `eda add function authorize --authorizer public [--type token|request]`: the function and the api's authorizer calling it. */
function addAuthorizerFunction(ctx: AddContext, name: string, triggers: Spec[]): AddPlan {
  const { opts, inv } = ctx;
  const api = opts.authorizer!;
  inv.requireRef('api', api, `--authorizer ${api}`);
  if (triggers.length) throw new UsageError('an authorizer function has no triggers: API Gateway calls it before the routes it guards');
  const spec = inv.section('api')[api];
  const apiType = spec && typeof spec === 'object' && spec.type === 'rest' ? 'rest' : 'http';
  const allowed = apiType === 'rest' ? ['token', 'request'] : ['lambda'];
  const type = opts.type ?? allowed[0]!;
  if (!allowed.includes(type)) throw new UsageError(`--type: a Lambda authorizer on ${apiType === 'rest' ? 'a rest' : 'an http'} api is ${allowed.join(' or ')}, not '${type}'`);
  const plan = insertEntry('function', name, clean({ description: opts.description ?? `Authorizes requests to the ${api} API`, runtime: functionRuntime(opts, inv) }));
  plan.ops.push({ op: 'insert', path: ['apis', api, 'authorizers'], key: name, value: { type, function: name } });
  return { ...plan, what: `function ${name} and the ${type} authorizer ${name} of api ${api} (guard routes with auth: ${name})` };
}

/** "What invokes it?" in a terminal, offering only the sources app.yaml has. */
async function askTrigger(ask: Ask, inv: Inventory): Promise<Spec | undefined> {
  const choices: Choice<string>[] = [
    { name: 'nothing (a workflow step, a rule target, or invoked directly)', value: 'none' },
    { name: 'an HTTP route', value: 'http' },
  ];
  if (inv.names('queue').length) choices.push({ name: 'a queue', value: 'queue' });
  if (inv.names('topic').length) choices.push({ name: 'a topic', value: 'topic' });
  choices.push({ name: 'a schedule', value: 'schedule' });
  if (inv.names('table').length) choices.push({ name: "a table's stream", value: 'stream' });
  choices.push({ name: 'an EventBridge event', value: 'event' });
  const type = await ask.pick(undefined as string | undefined, '--trigger', 'What invokes it?', choices);
  const list = (kind: Kind) => inv.names(kind).map((n) => ({ name: n, value: n }));
  switch (type) {
    case 'http':
      return { http: checkRoute(await ask.text(undefined, '--trigger', 'Route (METHOD /path)', (v) => (checkRouteSafe(v) ? true : 'like POST /orders')), '--trigger') };
    case 'queue':
      return { queue: await ask.pick(undefined as string | undefined, '--trigger', 'Which queue?', list('queue')) };
    case 'topic':
      return { topic: await ask.pick(undefined as string | undefined, '--trigger', 'Which topic?', list('topic')) };
    case 'stream':
      return { stream: await ask.pick(undefined as string | undefined, '--trigger', "Which table's stream?", list('table')) };
    case 'schedule':
      return { schedule: checkSchedule(await ask.text(undefined, '--trigger', 'Schedule', validSchedule, 'rate(5 minutes)'), '--trigger') };
    case 'event': {
      const bus = await ask.pick(undefined as string | undefined, '--trigger', 'On which bus?', ['default', ...inv.names('bus')].map((n) => ({ name: n, value: n })));
      const pattern = parseJsonObject(await ask.text(undefined, '--trigger', 'Event pattern (JSON)', (v) => (isJsonObject(v) ? true : 'a JSON object')), '--trigger');
      return { event: bus === 'default' ? { pattern } : { bus, pattern } };
    }
    default:
      return undefined;
  }
}

/** What a trigger refers to: its queue, topic, table (stream), api, or event bus. */
function triggerReferences(t: unknown, path: Path): Reference[] {
  if (!isObject(t)) return [];
  const refs: [string, unknown][] = [['queue', t.queue], ['topic', t.topic], ['table', t.stream], ['api', t.api], ['bucket', t.bucket]];
  if (isObject(t.event)) refs.push(['bus', t.event.bus]);
  return refs.filter(([, name]) => name !== undefined).map(([kind, name]) => ({ kind, name, path }));
}

/** A function entry's runtime: its own, else defaults.runtime, else the app's (nodejs24.x). */
function entryRuntime(entry: Entry, manifest: Entry): string {
  const defaults = manifest.defaults;
  const runtime = entry.runtime ?? (isObject(defaults) ? defaults.runtime : undefined) ?? manifest.runtime;
  return typeof runtime === 'string' ? runtime : 'nodejs24.x';
}

export const functionScaffold: ScaffoldFacet = {
  kind: 'function',
  section: 'function',
  flags: ['trigger', 'uses', 'handler', 'language', 'memory', 'timeout', 'env', 'description', 'api', 'authorizer', 'type'],
  add,
  remove: (ctx) =>
    removeEntry(ctx, 'function', 'function', {
      kept: (entry) => {
        const file = handlerLocation(ctx.name, typeof entry.handler === 'string' ? entry.handler : undefined, entryRuntime(entry, ctx.manifest)).file;
        return existsSync(path.join(ctx.cwd, file)) ? [file] : [];
      },
    }),
  references: (fn: Entry, at: Path) => [
    ...listReferences(fn.uses, [...at, 'uses']),
    ...asList(fn.triggers).flatMap((t, i) => triggerReferences(t, [...at, 'triggers', i])),
    ...keyedReferences(fn.onFailure, [...at, 'onFailure']),
    ...keyedReferences(fn.onSuccess, [...at, 'onSuccess']),
  ],
};
