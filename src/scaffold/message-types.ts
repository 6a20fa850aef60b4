// The message contracts part of src/generated/resources.ts: a type per topic and queue with a
// `message:` schema (json-schema-to-typescript, as for events), a typed `queues.<name>.send(message)`
// / `topics.<name>.publish(message)` where some function may send or publish, and a typed
// `parse(body)` for consumers (an SQS record's body, an SNS record's Sns.Message).
import { pascal } from '../core/names.js';
import type { App, FunctionModel } from '../model/types.js';
import { camel, namespacedType } from './schema-types.js';

interface Declared {
  kind: 'queue' | 'topic';
  name: string;
  fifo: boolean;
  schema: unknown;
  /** The env var of its URL/ARN in the functions that use it; undefined when none does. */
  envVar?: string;
  users: string[];
}

/** The type of a queue's or topic's messages in the resources module. */
export const messageTypeName = (kind: 'queue' | 'topic', name: string): string => `${pascal(name)}${kind === 'queue' ? 'Queue' : 'Topic'}Message`;

const key = (name: string): string => JSON.stringify(camel(name));

function declared(app: App): Declared[] {
  const out: Declared[] = [];
  const withUsers = (kind: 'queue' | 'topic', name: string, fifo: boolean, schema: unknown): Declared => {
    const users = app.functions.filter((f) => f.uses.some((u) => u.kind === kind && u.name === name));
    const envVar = users[0]?.uses.find((u) => u.kind === kind && u.name === name)?.envVar;
    return { kind, name, fifo, schema, envVar, users: users.map((f) => f.name) };
  };
  for (const q of app.queues) if (q.message !== undefined) out.push(withUsers('queue', q.name, q.fifo, q.message));
  for (const t of app.topics) if (t.message !== undefined) out.push(withUsers('topic', t.name, t.fifo, t.message));
  return out;
}

const SEND = [
  'let sqs: SQSClient | undefined;',
  '',
  '/** SendMessage options; a FIFO queue needs a groupId (and a deduplicationId unless content-based deduplication is on). */',
  'export interface SendOptions { groupId?: string; deduplicationId?: string; delaySeconds?: number }',
  '',
  'async function sendMessage(queueUrl: string, message: unknown, options: SendOptions = {}): Promise<string> {',
  '  sqs ??= new SQSClient({});',
  '  const out = await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(message), MessageGroupId: options.groupId, MessageDeduplicationId: options.deduplicationId, DelaySeconds: options.delaySeconds }));',
  "  if (!out.MessageId) throw new Error('SendMessage returned no MessageId');",
  '  return out.MessageId;',
  '}',
  '',
];

const PUBLISH = [
  'let sns: SNSClient | undefined;',
  '',
  '/** Publish options: message attributes (what subscription filter policies match) are strings, numbers or lists of strings. */',
  'export interface PublishOptions { subject?: string; attributes?: Record<string, string | number | string[]>; groupId?: string; deduplicationId?: string }',
  '',
  'async function publishMessage(topicArn: string, message: unknown, options: PublishOptions = {}): Promise<string> {',
  '  sns ??= new SNSClient({});',
  '  const attributes = Object.entries(options.attributes ?? {}).map(([name, v]) => [name, typeof v === \'number\' ? { DataType: \'Number\', StringValue: String(v) } : Array.isArray(v) ? { DataType: \'String.Array\', StringValue: JSON.stringify(v) } : { DataType: \'String\', StringValue: v }]);',
  '  const out = await sns.send(new PublishCommand({ TopicArn: topicArn, Message: JSON.stringify(message), Subject: options.subject, MessageAttributes: attributes.length ? Object.fromEntries(attributes) : undefined, MessageGroupId: options.groupId, MessageDeduplicationId: options.deduplicationId }));',
  "  if (!out.MessageId) throw new Error('Publish returned no MessageId');",
  '  return out.MessageId;',
  '}',
  '',
];

/** One entry of the queues/topics object: send or publish (when some function may), and parse. */
function entry(d: Declared): string[] {
  const type = messageTypeName(d.kind, d.name);
  const verb = d.kind === 'queue' ? 'send' : 'publish';
  const lines = [`  /** ${d.kind} ${d.name}: its messages are ${type}${d.users.length ? `; ${d.kind === 'queue' ? 'sent' : 'published'} by ${d.users.join(', ')}` : ''} */`, `  ${key(d.name)}: {`];
  if (d.envVar) {
    const hint = JSON.stringify(`add \`- ${d.kind}: ${d.name}\` to the function's uses in app.yaml`);
    const options = d.kind === 'queue' ? 'SendOptions' : 'PublishOptions';
    const param = d.fifo ? `options: ${options} & { groupId: string }` : `options?: ${options}`;
    const call = d.kind === 'queue' ? 'sendMessage' : 'publishMessage';
    lines.push(`    /** ${d.kind === 'queue' ? 'Sends the message (its body is the message as JSON)' : 'Publishes the message (as JSON)'}; returns the message ID. */`);
    lines.push(`    ${verb}: (message: ${type}, ${param}): Promise<string> => ${call}(read(${JSON.stringify(d.envVar)}, ${hint}), message, options),`);
  }
  lines.push(`    /** ${d.kind === 'queue' ? "A received record's body" : "A received record's Sns.Message"} as the declared message type. */`);
  lines.push(`    parse: (body: string): ${type} => JSON.parse(body) as ${type},`, '  },');
  return lines;
}

/** The message types, send/publish helpers and parsers of the app's queues and topics; undefined when none declares a message schema. */
export async function messagesSection(app: App): Promise<{ imports: string[]; body: string[] } | undefined> {
  const all = declared(app);
  if (!all.length) return undefined;
  const body: string[] = [];
  for (const d of all) {
    const doc = `${d.kind === 'queue' ? 'A message of queue' : 'A message published to topic'} ${d.name} (its JSON Schema in app.yaml).`;
    body.push(...(await namespacedType(d.schema, messageTypeName(d.kind, d.name), doc)), '');
  }
  const imports: string[] = [];
  const sends = all.some((d) => d.kind === 'queue' && d.envVar);
  const publishes = all.some((d) => d.kind === 'topic' && d.envVar);
  if (sends) imports.push("import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';");
  if (publishes) imports.push("import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';");
  if (sends) body.push(...SEND);
  if (publishes) body.push(...PUBLISH);
  for (const kind of ['queue', 'topic'] as const) {
    const list = all.filter((d) => d.kind === kind);
    if (!list.length) continue;
    body.push(`/** The ${kind}s that declare a message schema: ${kind === 'queue' ? 'send' : 'publish'}(message) type-checks it, parse(body) reads one received. */`, `export const ${kind}s = {`);
    for (const d of list) body.push(...entry(d));
    body.push('} as const;', '');
  }
  return { imports, body };
}

/** How a consumer's stub reads its messages typed: the queue or topic of its first trigger, when it declares a message schema. */
export function consumedMessage(fn: FunctionModel, app: App): { type: string; parse: string } | undefined {
  const first = fn.triggers[0];
  const found = first?.type === 'queue' ? app.queues.find((q) => q.name === first.queue) : first?.type === 'topic' ? app.topics.find((t) => t.name === first.topic) : undefined;
  if (!first || !found || found.message === undefined) return undefined;
  const kind = first.type === 'queue' ? 'queue' : 'topic';
  const k = camel(found.name);
  return { type: messageTypeName(kind, found.name), parse: `${kind}s${/^[A-Za-z_$][\w$]*$/.test(k) ? `.${k}` : `[${JSON.stringify(k)}]`}.parse` };
}
