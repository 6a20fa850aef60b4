// SNS topics: publish fans a message out to every subscription whose filter policy
// (on message attributes) matches — queues get the JSON envelope or, with raw delivery,
// the bare message and its attributes; functions are invoked asynchronously with an SNS
// event; email and https endpoints are shown in the trace but not contacted.
import { compilePattern } from '../pattern/index.js';
import type { SubscriptionModel, TopicModel } from '../model/types.js';
import type { Addresses } from './addresses.js';
import type { TimerClock } from './clock.js';
import { snsEnvelope, snsEvent, type MessageAttributeValue, type SnsNotification } from './payloads.js';
import type { Functions } from './functions.js';
import { md5, sha256, uuid } from './ids.js';
import type { LocalQueue } from './queues.js';
import type { Trace } from './trace.js';
import { messageViolation, type MessageContract } from './event-contracts.js';

export interface PublishInput {
  message: string;
  subject?: string;
  attributes?: Record<string, MessageAttributeValue>;
  /** 'json': message is {"default": ..., "sqs": ..., "lambda": ...}. */
  structure?: string;
  groupId?: string;
  deduplicationId?: string;
}

export class TopicError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The attributes as a filter policy sees them: String as a string, Number as a number,
 * String.Array as its elements; Binary attributes never match.
 */
export function attributesForFilter(attributes: Record<string, MessageAttributeValue>): Record<string, unknown> {
  const view: Record<string, unknown> = {};
  for (const [name, a] of Object.entries(attributes)) {
    const type = a.DataType.split('.')[0];
    if (a.DataType.startsWith('String.Array')) {
      try {
        const parsed = JSON.parse(a.StringValue ?? '[]');
        if (Array.isArray(parsed)) view[name] = parsed;
      } catch {
        // not a JSON array: the attribute cannot match
      }
    } else if (type === 'Number') {
      const n = Number(a.StringValue);
      if (Number.isFinite(n)) view[name] = n;
    } else if (type === 'String') view[name] = a.StringValue ?? '';
  }
  return view;
}

/** Compiles a filter policy into a predicate over message attributes. */
export function compileFilterPolicy(policy: Record<string, unknown> | undefined): (attributes: Record<string, MessageAttributeValue>) => boolean {
  if (!policy || Object.keys(policy).length === 0) return () => true;
  const match = compilePattern(policy);
  return (attributes) => match(attributesForFilter(attributes));
}

/**
 * Compiles a filter policy on the message body (FilterPolicyScope MessageBody): the policy
 * matches the message parsed as JSON, nested as the message is; a message that is not a JSON
 * object never matches.
 */
export function compileBodyFilterPolicy(policy: Record<string, unknown> | undefined): (message: string) => boolean {
  if (!policy || Object.keys(policy).length === 0) return () => true;
  const match = compilePattern(policy);
  return (message) => {
    let body: unknown;
    try {
      body = JSON.parse(message);
    } catch {
      return false;
    }
    return typeof body === 'object' && body !== null && !Array.isArray(body) && match(body as Record<string, unknown>);
  };
}

interface Subscriber {
  model: SubscriptionModel;
  arn: string;
  label: string;
  accepts: (attributes: Record<string, MessageAttributeValue>, message: string) => boolean;
}

export interface TopicsDeps {
  addresses: Addresses;
  functions: Functions;
  queue: (name: string) => LocalQueue | undefined;
  trace: Trace;
  clock: TimerClock;
  /** The topic's `message:` schema: each message published is checked against it (and still delivered). */
  contract?: MessageContract;
}

export class LocalTopic {
  private subscribers: Subscriber[];
  private dedup = new Map<string, { at: number; messageId: string }>();

  constructor(
    readonly model: TopicModel,
    private readonly deps: TopicsDeps,
  ) {
    const topicArn = deps.addresses.topicArn(model.name);
    this.subscribers = model.subscriptions.map((s, i) => {
      const label =
        s.protocol === 'sqs' ? `queue ${s.queue}` : s.protocol === 'lambda' ? `function ${s.function}` : `${s.protocol} ${s.endpoint}`;
      let accepts: Subscriber['accepts'];
      try {
        if (s.filterScope === 'body') {
          const matches = compileBodyFilterPolicy(s.filter);
          accepts = (_attributes, message) => matches(message);
        } else accepts = compileFilterPolicy(s.filter);
      } catch (error) {
        deps.trace.emit({ kind: 'warn', message: `topic ${model.name}: filter policy of ${label} is invalid (${(error as Error).message}); it matches nothing` });
        accepts = () => false;
      }
      const id = md5(`${model.name}/${i}/${label}`);
      const arn = `${topicArn}:${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20, 32)}`;
      return { model: s, arn, label, accepts };
    });
  }

  get arn(): string {
    return this.deps.addresses.topicArn(this.model.name);
  }

  publish(input: PublishInput): { messageId: string; sequenceNumber?: string } {
    const { deps, model } = this;
    const attributes = input.attributes ?? {};
    if (model.fifo) {
      if (!input.groupId) throw new TopicError('InvalidParameter', 'Invalid parameter: The MessageGroupId parameter is required for FIFO topics');
      const dedupId = input.deduplicationId ?? sha256(input.message);
      const now = deps.clock.now();
      for (const [k, v] of this.dedup) if (now - v.at > 5 * 60_000) this.dedup.delete(k);
      const seen = this.dedup.get(dedupId);
      if (seen) return { messageId: seen.messageId };
      input = { ...input, deduplicationId: dedupId };
    }
    let perProtocol: Record<string, unknown> | undefined;
    if (input.structure === 'json') {
      try {
        perProtocol = JSON.parse(input.message);
      } catch {
        throw new TopicError('InvalidParameter', 'Invalid parameter: Message Structure - No JSON message body is parseable');
      }
      if (!perProtocol || typeof perProtocol !== 'object' || typeof perProtocol.default !== 'string') {
        throw new TopicError('InvalidParameter', 'Invalid parameter: Message Structure - No default entry in JSON message body');
      }
    }
    const messageId = uuid();
    if (model.fifo) this.dedup.set(input.deduplicationId!, { at: deps.clock.now(), messageId });
    deps.trace.emit({ kind: 'topic', topic: model.name, action: 'publish', messageId });
    const broken = deps.contract && messageViolation(deps.contract, perProtocol ? String(perProtocol.default) : input.message, messageId);
    if (broken) deps.trace.emit(broken);
    const timestamp = new Date(deps.clock.now()).toISOString();
    for (const sub of this.subscribers) {
      const protocolKey = sub.model.protocol;
      const message = perProtocol ? String(perProtocol[protocolKey] ?? perProtocol.default) : input.message;
      if (!sub.accepts(attributes, message)) {
        deps.trace.emit({ kind: 'topic', topic: model.name, action: 'filtered', messageId, to: sub.label });
        continue;
      }
      const n: SnsNotification = { messageId, topicArn: this.arn, subject: input.subject, message, timestamp, attributes, endpoint: sub.label };
      this.deliver(sub, n, input);
    }
    return { messageId, ...(model.fifo ? { sequenceNumber: String(deps.clock.now()).padEnd(20, '0') } : {}) };
  }

  private deliver(sub: Subscriber, n: SnsNotification, input: PublishInput): void {
    const { deps, model } = this;
    const s = sub.model;
    const region = deps.addresses.region;
    const raw = (s.protocol === 'sqs' || s.protocol === 'https') && s.raw;
    deps.trace.emit({ kind: 'topic', topic: model.name, action: 'deliver', messageId: n.messageId, to: sub.label + (s.protocol === 'email' || s.protocol === 'https' ? ' (not sent locally)' : ''), raw });
    if (s.protocol === 'sqs') {
      const queue = deps.queue(s.queue);
      if (!queue) return;
      const body = raw ? n.message : JSON.stringify(snsEnvelope(n, region, sub.arn));
      try {
        queue.send({
          body,
          attributes: raw ? n.attributes : undefined,
          groupId: queue.config.fifo ? (input.groupId ?? model.name) : undefined,
          deduplicationId: queue.config.fifo ? (input.deduplicationId ?? n.messageId) : undefined,
        });
      } catch (error) {
        deps.trace.emit({ kind: 'warn', message: `topic ${model.name} → queue ${s.queue}: ${(error as Error).message}` });
      }
    } else if (s.protocol === 'lambda') {
      deps.functions.invokeAsync(s.function, snsEvent(n, region, sub.arn), { trigger: `topic ${model.name}` });
    }
  }
}
