// The app as an AsyncAPI 3.0.0 document (`eda export asyncapi`): a server per AWS service
// (EventBridge, SNS, SQS) in the app's region, a channel per bus, topic and queue, a message per
// declared event (the EventBridge envelope, its source and detail-type fixed, its detail the
// event's schema converted to draft 7), and operations: functions that put events on a bus,
// send to a queue or publish to a topic `send`; rule targets, topic subscribers and queue
// triggers `receive`. A queue or topic with a `message:` schema carries that message too.
// Plain data, no I/O.
import type { App, RuleModel } from '../model/types.js';
import { pascal } from '../core/names.js';
import { toDraft7 } from '../kinds/event/draft4.js';
import { checkPatternEvents, type DeclaredEvent } from '../kinds/event/patterns.js';
import { sampleDetail } from '../kinds/event/sample-detail.js';

type Doc = Record<string, unknown>;
type Ref = { $ref: string };

export const ASYNCAPI_VERSION = '3.0.0';

const SERVERS = {
  eventbridge: { host: 'events.{region}.amazonaws.com', protocol: 'https', title: 'Amazon EventBridge', description: 'PutEvents on the buses; rules deliver matching events to their targets.' },
  sns: { host: 'sns.{region}.amazonaws.com', protocol: 'sns', title: 'Amazon SNS' },
  sqs: { host: 'sqs.{region}.amazonaws.com', protocol: 'sqs', title: 'Amazon SQS' },
} as const;
type Server = keyof typeof SERVERS;

/**
 * What EventBridge adds around every detail (its fields as a rule's target receives them). The
 * detail's own definitions go to components.schemas as `<Event>.<name>`: a `$ref` in an AsyncAPI
 * document is resolved from the document's root.
 */
function envelope(event: string, source: string, detailType: string, schema: unknown, schemas: Record<string, unknown>): Doc {
  const detail = movedDefinitions(event, schema, schemas);
  return {
    type: 'object',
    description: 'The EventBridge event as a rule delivers it: `detail` is what the producer put.',
    required: ['version', 'id', 'detail-type', 'source', 'account', 'time', 'region', 'resources', 'detail'],
    properties: {
      version: { type: 'string', const: '0' },
      id: { type: 'string', format: 'uuid' },
      'detail-type': { type: 'string', const: detailType },
      source: { type: 'string', const: source },
      account: { type: 'string', pattern: '^[0-9]{12}$' },
      time: { type: 'string', format: 'date-time' },
      region: { type: 'string' },
      resources: { type: 'array', items: { type: 'string' } },
      detail,
    },
  };
}

/** A schema as draft 7, its definitions moved to components.schemas as `<owner>.<name>` (AsyncAPI resolves `$ref` from the document's root). */
function movedDefinitions(owner: string, schema: unknown, schemas: Record<string, unknown>): Doc {
  const moved = (name: string) => `#/components/schemas/${owner}.${name}`;
  const rewrite = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(rewrite) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, k === '$ref' && typeof x === 'string' && x.startsWith('#/definitions/') ? moved(x.slice('#/definitions/'.length)) : rewrite(x)])) : v;
  const { definitions, ...rest } = rewrite(toDraft7(schema) ?? {}) as Doc;
  for (const [name, def] of Object.entries((definitions ?? {}) as Doc)) schemas[`${owner}.${name}`] = def;
  return rest;
}

const ref = (...segments: string[]): Ref => ({ $ref: `#/${segments.map((s) => s.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}` });

class Builder {
  readonly channels: Record<string, Doc> = {};
  readonly operations: Record<string, Doc> = {};
  readonly messages: Record<string, Doc> = {};
  readonly schemas: Record<string, unknown> = {};
  readonly servers = new Set<Server>();

  constructor(readonly app: App) {}

  channel(kind: 'bus' | 'topic' | 'queue', name: string): string {
    const id = `${kind}.${name}`;
    if (this.channels[id]) return id;
    const server: Server = kind === 'bus' ? 'eventbridge' : kind === 'topic' ? 'sns' : 'sqs';
    this.servers.add(server);
    const stack = `${this.app.name}-${this.app.stage}`;
    const declared = kind === 'bus' ? this.app.buses.find((b) => b.name === name) : kind === 'topic' ? this.app.topics.find((t) => t.name === name) : this.app.queues.find((q) => q.name === name);
    const physical = declared?.physicalName;
    const address = typeof physical === 'string' ? physical : kind === 'bus' ? (name === 'default' ? 'default' : `${stack}-${name}`) : null;
    const what = kind === 'bus' ? 'EventBridge bus' : kind === 'topic' ? `SNS topic${(declared as { fifo?: boolean } | undefined)?.fifo ? ' (FIFO)' : ''}` : `SQS queue${(declared as { fifo?: boolean } | undefined)?.fifo ? ' (FIFO)' : ''}`;
    this.channels[id] = {
      address,
      title: `${name} (${what})`,
      description: `${what} \`${name}\` of app.yaml${address === null ? '; CloudFormation names it when the stack deploys' : ''}.`,
      messages: {},
      servers: [ref('servers', server)],
    };
    return id;
  }

  /** Adds messages to a channel (each a reference to components.messages); returns the channel-local references. */
  carry(channel: string, events: { name: string }[]): Ref[] {
    const messages = this.channels[channel]!.messages as Record<string, Ref>;
    for (const e of events) messages[e.name] = ref('components', 'messages', e.name);
    return events.map((e) => ref('channels', channel, 'messages', e.name));
  }

  /** The declared message (`message:`) of a queue or topic, carried on its channel: references for an operation's `messages`. */
  declared(kind: 'topic' | 'queue', name: string): { messages?: Ref[] } {
    const id = messageId(kind, name);
    return this.messages[id] ? { messages: this.carry(this.channel(kind, name), [{ name: id }]) } : {};
  }

  operation(id: string, op: Doc): void {
    let key = id;
    for (let n = 2; this.operations[key]; n++) key = `${id}${n}`;
    this.operations[key] = op;
  }
}

export interface AsyncApiOptions {
  /** The region the servers' host variable defaults to. */
  region?: string;
}

/** The app's channels, messages and operations as an AsyncAPI 3.0.0 document. */
export function asyncApiDocument(app: App, opts: AsyncApiOptions = {}): Doc {
  const b = new Builder(app);
  const events: DeclaredEvent[] = app.events.map((e) => ({ ...e }));
  const region = opts.region ?? app.region ?? 'us-east-1';
  for (const e of app.events) {
    // an example as a rule delivers it, the detail generated from the schema (as eda invoke --sample builds it)
    const example = { version: '0', id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718', 'detail-type': e.detailType, source: e.source, account: '123456789012', time: '2025-01-01T00:00:00Z', region, resources: [], detail: sampleDetail(e.schema) };
    b.messages[e.name] = {
      name: e.detailType,
      title: e.name,
      summary: `source ${e.source}, detail-type ${e.detailType}, on bus ${e.bus}`,
      contentType: 'application/json',
      payload: envelope(e.name, e.source, e.detailType, e.schema, b.schemas),
      examples: [{ name: 'sample', summary: 'a detail generated from the schema', payload: example }],
      ...(e.producers.length ? { 'x-eda-producers': e.producers } : {}),
    };
    b.carry(b.channel('bus', e.bus), [e]);
  }
  for (const t of app.topics) if (t.message !== undefined) declareMessage(b, 'topic', t.name, t.message);
  for (const q of app.queues) if (!q.implicit && q.message !== undefined) declareMessage(b, 'queue', q.name, q.message);
  for (const bus of app.buses) b.channel('bus', bus.name);
  for (const t of app.topics) b.channel('topic', t.name);
  for (const q of app.queues) if (!q.implicit) b.channel('queue', q.name);
  producers(b, app, events);
  for (const rule of app.rules) if (rule.pattern) ruleConsumers(b, rule, events);
  for (const t of app.topics) {
    for (const s of t.subscriptions) {
      const who = s.protocol === 'lambda' ? s.function : s.protocol === 'sqs' ? `queue ${s.queue}` : `${s.protocol} ${s.endpoint}`;
      b.operation(`${s.protocol === 'lambda' ? s.function : s.protocol === 'sqs' ? s.queue : s.protocol}Receives${pascal(t.name)}`, {
        action: 'receive',
        channel: ref('channels', b.channel('topic', t.name)),
        summary: `${who} receives topic ${t.name}'s messages${s.filter ? ' that its filter policy accepts' : ''}`,
        ...b.declared('topic', t.name),
        ...(s.protocol === 'sqs' ? { 'x-eda-delivers-to': ref('channels', b.channel('queue', s.queue)) } : {}),
      });
    }
  }
  for (const q of app.queues) {
    for (const fn of q.consumers) b.operation(`${fn}Receives${pascal(q.name)}`, { action: 'receive', channel: ref('channels', b.channel('queue', q.name)), summary: `${fn} receives queue ${q.name}'s messages in batches (an SQS trigger)`, ...b.declared('queue', q.name) });
  }
  const servers = Object.fromEntries(
    [...b.servers].sort().map((s) => [s, { ...SERVERS[s], variables: { region: { default: region, description: 'the AWS region the stack is deployed to' } } }]),
  );
  return {
    asyncapi: ASYNCAPI_VERSION,
    info: { title: app.name, version: app.stage, description: app.description ?? `The event flow of ${app.name} (stage ${app.stage}), from app.yaml by eda.` },
    defaultContentType: 'application/json',
    ...(Object.keys(servers).length ? { servers } : {}),
    channels: b.channels,
    operations: b.operations,
    ...(Object.keys(b.messages).length ? { components: { ...(Object.keys(b.schemas).length ? { schemas: b.schemas } : {}), messages: b.messages } } : {}),
  };
}

/** The component name of a queue's or topic's declared message: OrdersQueueMessage, as the typed resources module names its type. */
function messageId(kind: 'topic' | 'queue', name: string): string {
  return `${pascal(name)}${kind === 'topic' ? 'Topic' : 'Queue'}Message`;
}

/** A queue's or topic's `message:` schema as a message of its own, with a generated example. */
function declareMessage(b: Builder, kind: 'topic' | 'queue', name: string, schema: unknown): void {
  const id = messageId(kind, name);
  b.messages[id] = {
    name: id,
    title: `${kind} ${name}'s message`,
    summary: kind === 'topic' ? `the Message of each notification published to topic ${name}` : `the body of each message sent to queue ${name}`,
    contentType: 'application/json',
    payload: movedDefinitions(id, schema, b.schemas),
    examples: [{ name: 'sample', summary: 'generated from the schema', payload: sampleDetail(schema) }],
  };
  b.carry(b.channel(kind, name), [{ name: id }]);
}

/** Functions that put on a bus (with the declared events they produce there), send to a queue or publish to a topic. */
function producers(b: Builder, app: App, events: DeclaredEvent[]): void {
  for (const fn of app.functions) {
    for (const u of fn.uses) {
      if (u.kind === 'bus') {
        const channel = b.channel('bus', u.name);
        const produced = events.filter((e) => e.bus === u.name && e.producers.includes(fn.name));
        b.operation(`${fn.name}Puts${pascal(u.name === 'default' ? 'defaultBus' : u.name)}`, {
          action: 'send',
          channel: ref('channels', channel),
          summary: `${fn.name} puts events on bus ${u.name} (PutEvents)`,
          ...(produced.length ? { messages: b.carry(channel, produced) } : {}),
        });
      } else if (u.kind === 'queue' || u.kind === 'topic') {
        b.operation(`${fn.name}${u.kind === 'queue' ? 'SendsTo' : 'PublishesTo'}${pascal(u.name)}`, {
          action: 'send',
          channel: ref('channels', b.channel(u.kind, u.name)),
          summary: `${fn.name} ${u.kind === 'queue' ? 'sends messages to queue' : 'publishes to topic'} ${u.name}`,
          ...b.declared(u.kind, u.name),
        });
      }
    }
  }
}

/** A rule's targets receive the declared events its pattern matches (all of the bus's events when it names none). */
function ruleConsumers(b: Builder, rule: RuleModel, events: DeclaredEvent[]): void {
  const channel = b.channel('bus', rule.bus);
  const onBus = events.filter((e) => e.bus === rule.bus);
  const pattern = JSON.parse(JSON.stringify(rule.pattern)) as Record<string, unknown>;
  const matched = onBus.length ? checkPatternEvents(pattern, [], rule.bus, onBus, () => undefined) : [];
  for (const t of rule.targets) {
    const deliversTo = t.kind === 'queue' || t.kind === 'topic' ? b.channel(t.kind, t.name) : undefined;
    // events the rule passes on unchanged reach the queue or topic as they are
    if (deliversTo && !t.input && !t.inputPath && !t.inputTransformer && matched.length) b.carry(deliversTo, matched);
    b.operation(`${t.name}Receives${pascal(rule.name)}`, {
      action: 'receive',
      channel: ref('channels', channel),
      summary: `${t.kind} ${t.name} receives the events rule ${rule.name} matches on bus ${rule.bus}`,
      ...(matched.length ? { messages: b.carry(channel, matched) } : {}),
      'x-eda-rule': { name: rule.name, pattern },
      ...(deliversTo ? { 'x-eda-delivers-to': ref('channels', deliversTo) } : {}),
    });
  }
}
