// `eda add <kind>`: from flags (and answers, in a terminal) to the app.yaml edit that adds it.
// Every reference is checked against what app.yaml declares before anything is edited.
import { EdaError, UsageError } from '../../cli/errors.js';
import { lambdaRetry } from '../../manifest/asl.js';
import type { EditOp } from '../../manifest/edit.js';
import type { Kind } from '../../model/types.js';
import { Inventory, NAME_PATTERN, type Manifest } from '../inventory.js';
import type { Choice, Prompter } from '../prompts.js';
import {
  checkKey,
  checkRoute,
  checkSchedule,
  normalizeRoute,
  parseInteger,
  parseJsonObject,
  parseTarget,
  parseTrigger,
  parseUse,
  type Spec,
  type SpecRef,
} from './specs.js';
import { pickedUses, usesChoices } from './uses-choices.js';

export const addKinds = ['function', 'api', 'route', 'table', 'queue', 'topic', 'subscription', 'bus', 'rule', 'schedule', 'workflow'] as const;
export type AddKind = (typeof addKinds)[number];

export interface AddOptions {
  yes?: boolean;
  trigger?: string[];
  uses?: string[];
  handler?: string;
  memory?: string;
  timeout?: string;
  env?: string[];
  description?: string;
  function?: string;
  api?: string;
  type?: string;
  cors?: boolean;
  auth?: string;
  issuer?: string;
  audience?: string[];
  partitionKey?: string;
  sortKey?: string;
  stream?: string;
  ttl?: string;
  fifo?: boolean;
  dlqMaxReceives?: string;
  /** false with --no-dlq */
  dlq?: boolean;
  visibilityTimeout?: string;
  retention?: string;
  delay?: string;
  queue?: string;
  email?: string;
  https?: string;
  raw?: boolean;
  filter?: string;
  archive?: string;
  bus?: string;
  pattern?: string;
  expression?: string;
  target?: string[];
  task?: string[];
  definition?: string;
}

export interface AddPlan {
  ops: EditOp[];
  /** "queue refunds" */
  what: string;
  /** Functions this adds (their handler stubs are created). */
  newFunctions: string[];
}

/** The flags each kind takes (besides --yes, --dry-run and --cwd). */
export const kindFlags: Record<AddKind, (keyof AddOptions)[]> = {
  function: ['trigger', 'uses', 'handler', 'memory', 'timeout', 'env', 'description', 'api'],
  api: ['type', 'cors', 'auth', 'issuer', 'audience', 'description'],
  route: ['function', 'api'],
  table: ['partitionKey', 'sortKey', 'stream', 'ttl'],
  queue: ['fifo', 'dlqMaxReceives', 'dlq', 'visibilityTimeout', 'retention', 'delay'],
  topic: ['fifo'],
  subscription: ['queue', 'email', 'https', 'function', 'raw', 'filter'],
  bus: ['description', 'archive'],
  rule: ['bus', 'pattern', 'target', 'description'],
  schedule: ['expression', 'target', 'description'],
  workflow: ['task', 'definition', 'type', 'description'],
};

/** How a user writes an option: partitionKey → --partition-key, dlq (false) → --no-dlq. */
export function flagName(key: keyof AddOptions): string {
  return key === 'dlq' ? '--no-dlq' : `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/** Flags given that mean nothing for this kind (`eda add table t --fifo`): a mistake to point out, not to ignore. */
export function strayFlags(kind: AddKind, opts: AddOptions): string[] {
  const allowed = new Set<keyof AddOptions>(kindFlags[kind]);
  const all = new Set(Object.values(kindFlags).flat());
  return [...all].filter((key) => !allowed.has(key) && (key === 'dlq' ? opts.dlq === false : opts[key] !== undefined)).map(flagName);
}

/** What must be given as flags when there is no terminal to ask in. */
export function missingFlags(kind: AddKind, name: string | undefined, opts: AddOptions): string[] {
  const missing: string[] = [];
  if (name === undefined) missing.push(kind === 'route' ? 'the route: eda add route "METHOD /path"' : kind === 'subscription' ? 'the topic: eda add subscription <topic>' : `the name: eda add ${kind} <name>`);
  if (kind === 'route' && !opts.function) missing.push('--function <name>');
  if (kind === 'rule' && !opts.pattern) missing.push('--pattern <json>');
  if ((kind === 'rule' || kind === 'schedule') && !opts.target?.length) missing.push('--target <kind:name>');
  if (kind === 'schedule' && !opts.expression) missing.push('--expression <rate(...)|cron(...)>');
  if (kind === 'subscription' && !opts.queue && !opts.email && !opts.https && !opts.function) missing.push('one of --queue, --email, --https, --function');
  return missing;
}

/** Asks in a terminal; without one, commands check `missingFlags` first, so this only fills in defaults. */
class Ask {
  constructor(
    private readonly prompter: Prompter | undefined,
    private readonly yes: boolean,
  ) {}

  /** Whether optional questions are asked (a terminal, and no --yes). */
  get optional(): boolean {
    return this.prompter !== undefined && !this.yes;
  }

  async text(value: string | undefined, flag: string, message: string, check?: (v: string) => true | string, fallback?: string): Promise<string> {
    if (value !== undefined) return value;
    if (!this.prompter) {
      if (fallback !== undefined) return fallback;
      throw new UsageError(`missing ${flag}`, 'there is no terminal to ask in; pass it as a flag (see eda add --help)');
    }
    return (await this.prompter.input({ message, default: fallback, validate: check })).trim();
  }

  async pick<T extends string>(value: T | undefined, flag: string, message: string, choices: Choice<T>[], fallback?: T): Promise<T> {
    if (value !== undefined) return value;
    if (!this.prompter) {
      if (fallback !== undefined) return fallback;
      throw new UsageError(`missing ${flag}`);
    }
    if (choices.length === 0) throw new EdaError(`nothing to choose for ${flag}`);
    return this.prompter.select({ message, choices, default: fallback });
  }

  async choose<T>(flag: string, message: string, choices: Choice<T>[]): Promise<T> {
    if (!this.prompter) throw new UsageError(`missing ${flag}`, 'there is no terminal to ask in; pass it as a flag (see eda add --help)');
    if (choices.length === 0) throw new EdaError(`nothing to choose for ${flag}: app.yaml declares none`);
    return this.prompter.select({ message, choices });
  }

  async many<T>(message: string, choices: Choice<T>[]): Promise<T[]> {
    if (!this.optional || choices.length === 0) return [];
    return this.prompter!.checkbox({ message, choices });
  }

  async yesNo(value: boolean | undefined, message: string, fallback: boolean): Promise<boolean> {
    if (value !== undefined) return value;
    if (!this.optional) return fallback;
    return this.prompter!.confirm({ message, default: fallback });
  }

  async maybe(value: string | undefined, message: string, check?: (v: string) => true | string): Promise<string | undefined> {
    if (value !== undefined || !this.optional) return value;
    const answer = (await this.prompter!.input({ message, validate: (v) => (v.trim() === '' ? true : check ? check(v) : true) })).trim();
    return answer === '' ? undefined : answer;
  }
}

const nameCheck = (v: string) => (NAME_PATTERN.test(v) ? true : 'start with a lower-case letter; letters, digits and -; at most 48 characters');

export async function planAdd(kind: string, nameArg: string | undefined, opts: AddOptions, manifest: Manifest, prompter: Prompter | undefined): Promise<AddPlan> {
  if (!(addKinds as readonly string[]).includes(kind)) {
    throw new UsageError(`unknown kind '${kind}'`, `eda add can add: ${addKinds.join(', ')}`);
  }
  const k = kind as AddKind;
  const inv = new Inventory(manifest);
  const ask = new Ask(prompter, Boolean(opts.yes));
  const checkRefs = (refs: SpecRef[], usedAs: string) => refs.forEach((r) => inv.requireRef(r.kind, r.name, usedAs));
  const newName = async (of: Kind) => {
    const name = await ask.text(nameArg, `<name>`, `Name of the new ${of}`, nameCheck);
    inv.requireNewName(of, name);
    return name;
  };
  const entry = (of: Kind, name: string, value: Spec): AddPlan => ({
    ops: [{ op: 'insert', path: [sectionFor(of)], key: name, value }],
    what: `${of} ${name}`,
    newFunctions: of === 'function' ? [name] : [],
  });

  switch (k) {
    case 'function': {
      const name = await newName('function');
      const triggers: Spec[] = [];
      const uses: Spec[] = [];
      for (const t of opts.trigger ?? []) {
        const { trigger, refs } = parseTrigger(t);
        checkRefs(refs, `--trigger ${t}`);
        triggers.push(trigger);
      }
      for (const u of opts.uses ?? []) {
        const { use, refs } = parseUse(u);
        checkRefs(refs, `--uses ${u}`);
        uses.push(use);
      }
      if (!opts.trigger?.length && ask.optional) {
        const t = await askTrigger(ask, inv);
        if (t) triggers.push(t);
      }
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
      if (opts.handler !== undefined && !/^[^\s].*\.(ts|mts|js|mjs)$/.test(opts.handler)) {
        throw new UsageError(`--handler: '${opts.handler}' should be a .ts or .js file path`);
      }
      const value: Spec = clean({
        handler: opts.handler,
        description: opts.description,
        memory: parseInteger(opts.memory, '--memory', 128, 10240),
        timeout: parseInteger(opts.timeout, '--timeout', 1, 900),
        environment: Object.keys(environment).length ? environment : undefined,
        uses: uses.length ? uses : undefined,
        triggers: triggers.length ? triggers : undefined,
      });
      return entry('function', name, value);
    }

    case 'api': {
      const name = await newName('api');
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
      } else if (opts.auth) auth = opts.auth;
      return entry('api', name, clean({ type: type === 'http' && opts.type === undefined ? undefined : type, description: opts.description, cors: cors || undefined, auth }));
    }

    case 'route': {
      const route = checkRoute(await ask.text(nameArg, 'the route', 'Route (METHOD /path)', (v) => (checkRouteSafe(v) ? true : 'like GET /orders/{id}')), 'route');
      const fn = await ask.pick(opts.function, '--function', 'Which function serves it?', inv.names('function').map((n) => ({ name: n, value: n })));
      inv.requireRef('function', fn, `--function ${fn}`);
      const apis = inv.names('api');
      let api = opts.api;
      if (api !== undefined) inv.requireRef('api', api, `--api ${api}`);
      else if (apis.length > 1) api = await ask.pick(undefined, '--api', 'On which API?', apis.map((n) => ({ name: n, value: n })));
      const clash = findRoute(inv, route, api);
      if (clash) throw new EdaError(`the route ${route} already exists (functions.${clash})`, 'a route can be served by one function only');
      const item: Spec = api !== undefined && (opts.api !== undefined || apis.length > 1) ? { http: route, api } : { http: route };
      return { ops: [{ op: 'append', path: ['functions', fn, 'triggers'], item }], what: `route ${route} → ${fn}`, newFunctions: [] };
    }

    case 'table': {
      const name = await newName('table');
      const partitionKey = checkKey(await ask.text(opts.partitionKey, '--partition-key', 'Partition key (name or name:string|number|binary)', undefined, 'id'), '--partition-key');
      const sortKey = await ask.maybe(opts.sortKey, 'Sort key (empty for none)');
      if (sortKey !== undefined) checkKey(sortKey, '--sort-key');
      return entry('table', name, clean({ partitionKey, sortKey, stream: opts.stream, ttl: opts.ttl }));
    }

    case 'queue': {
      const name = await newName('queue');
      const fifo = await ask.yesNo(opts.fifo, 'FIFO queue (ordered, exactly-once)?', false);
      let dlq: unknown;
      if (opts.dlq === false) {
        if (opts.dlqMaxReceives !== undefined) throw new UsageError('--no-dlq and --dlq-max-receives do not go together');
        dlq = false;
      } else {
        const max = parseInteger(await ask.maybe(opts.dlqMaxReceives, 'Receives before a message moves to the dead-letter queue (empty for 3)'), '--dlq-max-receives', 1, 1000);
        dlq = max === undefined ? undefined : { maxReceives: max };
      }
      return entry(
        'queue',
        name,
        clean({
          fifo: fifo || undefined,
          visibilityTimeout: parseInteger(opts.visibilityTimeout, '--visibility-timeout', 0, 43200),
          retention: opts.retention === undefined ? undefined : /^\d+$/.test(opts.retention) ? Number(opts.retention) : opts.retention,
          delay: parseInteger(opts.delay, '--delay', 0, 900),
          dlq,
        }),
      );
    }

    case 'topic': {
      const name = await newName('topic');
      const fifo = await ask.yesNo(opts.fifo, 'FIFO topic?', false);
      return entry('topic', name, clean({ fifo: fifo || undefined }));
    }

    case 'subscription': {
      const topic = await ask.pick(nameArg, '<topic>', 'Which topic?', inv.names('topic').map((n) => ({ name: n, value: n })));
      inv.requireRef('topic', topic, `subscription to ${topic}`);
      const given = (['queue', 'email', 'https', 'function'] as const).filter((p) => opts[p] !== undefined);
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

    case 'bus': {
      const name = await newName('bus');
      if (name === 'default') throw new EdaError('the default bus always exists');
      return entry('bus', name, clean({ description: opts.description, archive: parseInteger(opts.archive, '--archive', 0, 100000) }));
    }

    case 'rule':
    case 'schedule': {
      const name = await newName('rule');
      let pattern: Record<string, unknown> | undefined;
      let schedule: string | undefined;
      let bus: string | undefined;
      if (k === 'rule') {
        bus = opts.bus ?? (ask.optional && inv.names('bus').length ? await ask.pick(undefined, '--bus', 'On which bus?', ['default', ...inv.names('bus')].map((n) => ({ name: n, value: n }))) : undefined);
        if (bus !== undefined && bus !== 'default') inv.requireRef('bus', bus, `--bus ${bus}`);
        pattern = parseJsonObject(await ask.text(opts.pattern, '--pattern', 'Event pattern (JSON)', (v) => (isJsonObject(v) ? true : 'a JSON object, e.g. {"detail-type":["OrderPlaced"]}')), '--pattern');
      } else {
        if (opts.pattern !== undefined) throw new UsageError('a schedule has --expression, not --pattern', 'use eda add rule for event patterns');
        schedule = checkSchedule(await ask.text(opts.expression, '--expression', 'Schedule (rate(...) or cron(...))', (v) => (/^(rate|cron)\(.+\)$/.test(v.trim()) ? true : 'rate(5 minutes) or cron(0 2 * * ? *)')), '--expression');
      }
      const targets: Spec[] = [];
      for (const t of opts.target ?? []) {
        const { target, refs } = parseTarget(t);
        checkRefs(refs.filter((r) => !(r.kind === 'bus' && r.name === 'default')), `--target ${t}`);
        targets.push(target);
      }
      if (targets.length === 0) {
        const choices: Choice<Spec>[] = [];
        for (const kindName of ['function', 'workflow', 'queue', 'topic', 'bus'] as const) {
          for (const n of inv.names(kindName)) choices.push({ name: `${kindName} ${n}`, value: { [kindName]: n } });
        }
        targets.push(await ask.choose('--target <kind:name>', 'What does it deliver to?', choices));
      }
      if (targets.length > 5) throw new UsageError('a rule has at most 5 targets');
      const value = clean({ description: opts.description, bus: bus === 'default' ? undefined : bus, pattern, schedule, targets });
      return { ...entry('rule', name, value), what: `${k} ${name}` };
    }

    case 'workflow': {
      const name = await newName('workflow');
      const type = opts.type;
      if (type !== undefined && type !== 'standard' && type !== 'express') throw new UsageError(`--type: a workflow is standard or express, not '${type}'`);
      let definition: unknown;
      if (opts.definition !== undefined) {
        if (opts.task?.length) throw new UsageError('give --definition or --task, not both');
        if (!/\.(json|ya?ml)$/.test(opts.definition)) throw new UsageError('--definition: a .asl.json or .asl.yaml file');
        definition = opts.definition;
      } else {
        let tasks = opts.task ?? [];
        if (tasks.length === 0 && ask.optional && inv.names('function').length) {
          tasks = await ask.many('Task states, in order (functions to invoke)', inv.names('function').map((n) => ({ name: n, value: n })));
        }
        for (const t of tasks) inv.requireRef('function', t, `--task ${t}`);
        definition = tasksDefinition(tasks);
      }
      return entry('workflow', name, clean({ type, description: opts.description, definition }));
    }
  }
}

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
      return { schedule: checkSchedule(await ask.text(undefined, '--trigger', 'Schedule', undefined, 'rate(5 minutes)'), '--trigger') };
    case 'event': {
      const bus = await ask.pick(undefined as string | undefined, '--trigger', 'On which bus?', ['default', ...inv.names('bus')].map((n) => ({ name: n, value: n })));
      const pattern = parseJsonObject(await ask.text(undefined, '--trigger', 'Event pattern (JSON)', (v) => (isJsonObject(v) ? true : 'a JSON object')), '--trigger');
      return { event: bus === 'default' ? { pattern } : { bus, pattern } };
    }
    default:
      return undefined;
  }
}

function checkRouteSafe(v: string): boolean {
  try {
    checkRoute(v, 'route');
    return true;
  } catch {
    return false;
  }
}

function isJsonObject(v: string): boolean {
  try {
    const x = JSON.parse(v) as unknown;
    return typeof x === 'object' && x !== null && !Array.isArray(x);
  } catch {
    return false;
  }
}

/** The function that already serves `route` on `api` (undefined api: the only/implied one). */
function findRoute(inv: Inventory, route: string, api: string | undefined): string | undefined {
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

/** An ASL definition: the tasks in a chain, or one Pass state to start from. */
export function tasksDefinition(tasks: string[]): Record<string, unknown> {
  if (tasks.length === 0) return { StartAt: 'Start', States: { Start: { Type: 'Pass', End: true } } };
  const stateName = (fn: string) => fn[0]!.toUpperCase() + fn.slice(1).replace(/-([a-zA-Z0-9])/g, (_, ch: string) => ch.toUpperCase());
  const names = tasks.map(stateName);
  const States: Record<string, unknown> = {};
  tasks.forEach((fn, i) => {
    States[names[i]!] = { Type: 'Task', Resource: fn, Retry: lambdaRetry(), ...(i === tasks.length - 1 ? { End: true } : { Next: names[i + 1] }) };
  });
  return { StartAt: names[0], States };
}

function sectionFor(kind: Kind): string {
  return { function: 'functions', api: 'apis', table: 'tables', queue: 'queues', topic: 'topics', bus: 'buses', rule: 'rules', workflow: 'workflows' }[kind];
}

/** Drops undefined values so the YAML says only what was chosen. */
function clean(value: Record<string, unknown>): Spec {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}
