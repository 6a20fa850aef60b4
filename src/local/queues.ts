// SQS semantics in memory: delivery delay, visibility timeout, receive counts, redrive to
// a dead-letter queue after maxReceives, retention, FIFO ordering (a message group is
// locked while any of its messages is in flight) and FIFO deduplication (5 minutes).
import type { TimerClock, Timer } from './clock.js';
import type { MessageAttributeValue, SqsMessageView } from './payloads.js';
import { md5, nextSequence, receiptHandle as newReceiptHandle, sha256, uuid } from './ids.js';
import type { Trace } from './trace.js';
import { messageViolation, type MessageContract } from './event-contracts.js';

export interface QueueConfig {
  /** The app's name for the queue (orders, orders-dlq). */
  name: string;
  physicalName: string;
  url: string;
  arn: string;
  fifo: boolean;
  contentBasedDeduplication: boolean;
  visibilityTimeoutSeconds: number;
  retentionSeconds: number;
  delaySeconds: number;
  redrive?: { deadLetter: LocalQueue; maxReceives: number };
  /** The queue's `message:` schema: each message sent is checked against it (and still queued). */
  contract?: MessageContract;
}

export interface SendInput {
  body: string;
  attributes?: Record<string, MessageAttributeValue>;
  delaySeconds?: number;
  groupId?: string;
  deduplicationId?: string;
  /** Kept when a message moves to a dead-letter queue. */
  messageId?: string;
  sentTimestamp?: number;
}

export interface SendOutput {
  messageId: string;
  md5OfBody: string;
  md5OfMessageAttributes?: string;
  sequenceNumber?: string;
}

interface Message {
  id: string;
  body: string;
  md5OfBody: string;
  attributes: Record<string, MessageAttributeValue>;
  md5OfAttributes?: string;
  sentAt: number;
  firstReceivedAt?: number;
  receiveCount: number;
  visibleAt: number;
  receiptHandle?: string;
  inFlight: boolean;
  groupId?: string;
  deduplicationId?: string;
  sequenceNumber?: string;
}

export class QueueError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

/** The MD5 of message attributes as SQS computes it (sorted names, length-prefixed fields). */
export function md5OfAttributes(attributes: Record<string, MessageAttributeValue>): string | undefined {
  const names = Object.keys(attributes).sort();
  if (!names.length) return undefined;
  const parts: Buffer[] = [];
  const withLength = (b: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(b.length);
    parts.push(len, b);
  };
  for (const name of names) {
    const v = attributes[name]!;
    withLength(Buffer.from(name, 'utf8'));
    withLength(Buffer.from(v.DataType, 'utf8'));
    if (v.BinaryValue !== undefined) {
      parts.push(Buffer.from([2]));
      withLength(Buffer.from(v.BinaryValue, 'base64'));
    } else {
      parts.push(Buffer.from([1]));
      withLength(Buffer.from(v.StringValue ?? '', 'utf8'));
    }
  }
  return md5(Buffer.concat(parts));
}

export class LocalQueue {
  private messages: Message[] = [];
  private dedup = new Map<string, { at: number; messageId: string; sequenceNumber?: string }>();
  private listeners = new Set<() => void>();
  private wakeTimer?: { at: number; timer: Timer };
  private closed = false;

  constructor(
    readonly config: QueueConfig,
    private readonly clock: TimerClock,
    private readonly trace?: Trace,
  ) {}

  get name(): string {
    return this.config.name;
  }

  send(input: SendInput): SendOutput {
    const { config } = this;
    const now = this.clock.now();
    if (Buffer.byteLength(input.body) > 262_144) throw new QueueError('InvalidParameterValue', 'One or more parameters are invalid. Reason: Message must be shorter than 262144 bytes.');
    if (config.fifo) {
      if (!input.groupId) throw new QueueError('MissingParameter', 'The request must contain the parameter MessageGroupId.');
      if (input.delaySeconds) throw new QueueError('InvalidParameterValue', 'Value for parameter DelaySeconds is invalid. Reason: The request include parameter that is not valid for this queue type.');
      const dedupId = input.deduplicationId ?? (config.contentBasedDeduplication ? sha256(input.body) : undefined);
      if (!dedupId) {
        throw new QueueError('InvalidParameterValue', 'The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly');
      }
      this.pruneDedup(now);
      const seen = this.dedup.get(dedupId);
      if (seen) return { messageId: seen.messageId, md5OfBody: md5(input.body), md5OfMessageAttributes: md5OfAttributes(input.attributes ?? {}), sequenceNumber: seen.sequenceNumber };
      input = { ...input, deduplicationId: dedupId };
    }
    const attributes = input.attributes ?? {};
    const message: Message = {
      id: input.messageId ?? uuid(),
      body: input.body,
      md5OfBody: md5(input.body),
      attributes,
      md5OfAttributes: md5OfAttributes(attributes),
      sentAt: input.sentTimestamp ?? now,
      receiveCount: 0,
      visibleAt: now + 1000 * (input.delaySeconds ?? config.delaySeconds),
      inFlight: false,
      groupId: input.groupId,
      deduplicationId: input.deduplicationId,
      sequenceNumber: config.fifo ? nextSequence() : undefined,
    };
    if (config.fifo) this.dedup.set(message.deduplicationId!, { at: now, messageId: message.id, sequenceNumber: message.sequenceNumber });
    this.messages.push(message);
    this.trace?.emit({ kind: 'queue', queue: config.name, action: 'send', messageIds: [message.id], groupId: message.groupId });
    const broken = config.contract && input.messageId === undefined ? messageViolation(config.contract, message.body, message.id) : undefined;
    if (broken) this.trace?.emit(broken);
    this.schedule(message.visibleAt);
    this.notify();
    return { messageId: message.id, md5OfBody: message.md5OfBody, md5OfMessageAttributes: message.md5OfAttributes, sequenceNumber: message.sequenceNumber };
  }

  private pruneDedup(now: number): void {
    for (const [id, seen] of this.dedup) if (now - seen.at > 5 * 60_000) this.dedup.delete(id);
  }

  /** Messages that a receive would return right now (after expiring and redriving). */
  availableCount(): number {
    this.sweep();
    return this.candidates(Number.MAX_SAFE_INTEGER).length;
  }

  private sweep(): void {
    const now = this.clock.now();
    const keep: Message[] = [];
    const expired: string[] = [];
    for (const m of this.messages) {
      if (now - m.sentAt >= this.config.retentionSeconds * 1000) expired.push(m.id);
      else keep.push(m);
    }
    if (expired.length) {
      this.messages = keep;
      this.trace?.emit({ kind: 'queue', queue: this.config.name, action: 'expire', messageIds: expired });
    }
    for (const m of this.messages) {
      if (m.inFlight && m.visibleAt <= now) {
        m.inFlight = false;
        m.receiptHandle = undefined;
      }
    }
  }

  private candidates(max: number): Message[] {
    const now = this.clock.now();
    const out: Message[] = [];
    if (!this.config.fifo) {
      for (const m of this.messages) {
        if (out.length >= max) break;
        if (!m.inFlight && m.visibleAt <= now) out.push(m);
      }
      return out;
    }
    // FIFO: oldest first; a group with a message in flight is locked; stop a group at its
    // first message that is not yet visible, so order within a group never breaks.
    const blocked = new Set<string>();
    for (const m of this.messages) if (m.inFlight) blocked.add(m.groupId!);
    for (const m of this.messages) {
      if (out.length >= max) break;
      if (blocked.has(m.groupId!)) continue;
      if (m.inFlight || m.visibleAt > now) {
        blocked.add(m.groupId!);
        continue;
      }
      out.push(m);
    }
    return out;
  }

  /**
   * Receives up to max messages, making them invisible for the visibility timeout. A
   * message that has already been received maxReceives times moves to the dead-letter
   * queue instead of being returned.
   */
  receive(max = 1, visibilityTimeoutSeconds?: number): SqsMessageView[] {
    this.sweep();
    const now = this.clock.now();
    const out: SqsMessageView[] = [];
    for (;;) {
      const batch = this.candidates(max - out.length);
      if (!batch.length) break;
      let moved = false;
      for (const m of batch) {
        const redrive = this.config.redrive;
        if (redrive && m.receiveCount >= redrive.maxReceives) {
          this.moveToDeadLetter(m, redrive);
          moved = true;
          continue;
        }
        m.receiveCount += 1;
        m.firstReceivedAt ??= now;
        m.inFlight = true;
        m.visibleAt = now + 1000 * (visibilityTimeoutSeconds ?? this.config.visibilityTimeoutSeconds);
        m.receiptHandle = newReceiptHandle();
        this.schedule(m.visibleAt);
        out.push(this.view(m));
      }
      // FIFO: a moved message may unblock the rest of its group; look again
      if (!moved || out.length >= max) break;
    }
    return out;
  }

  private moveToDeadLetter(m: Message, redrive: { deadLetter: LocalQueue; maxReceives: number }): void {
    this.messages.splice(this.messages.indexOf(m), 1);
    this.trace?.emit({ kind: 'queue', queue: this.config.name, action: 'dlq', messageIds: [m.id], to: redrive.deadLetter.name, receiveCount: m.receiveCount });
    redrive.deadLetter.accept(m);
  }

  /** Takes a message moved here from a source queue (same id, body, attributes, counts). */
  private accept(m: Message): void {
    const now = this.clock.now();
    this.messages.push({
      ...m,
      inFlight: false,
      receiptHandle: undefined,
      visibleAt: now,
      // a FIFO DLQ keeps the group; a standard one drops it
      groupId: this.config.fifo ? (m.groupId ?? 'dlq') : undefined,
      sequenceNumber: this.config.fifo ? nextSequence() : undefined,
    });
    this.notify();
  }

  private view(m: Message): SqsMessageView {
    const attributes: Record<string, string> = {
      ApproximateReceiveCount: String(m.receiveCount),
      SentTimestamp: String(m.sentAt),
      SenderId: 'AIDAEDALOCAL000000000',
      ApproximateFirstReceiveTimestamp: String(m.firstReceivedAt ?? m.sentAt),
    };
    if (this.config.fifo) {
      attributes.SequenceNumber = m.sequenceNumber!;
      attributes.MessageGroupId = m.groupId!;
      attributes.MessageDeduplicationId = m.deduplicationId ?? '';
    }
    return {
      messageId: m.id,
      receiptHandle: m.receiptHandle!,
      body: m.body,
      attributes,
      messageAttributes: m.attributes,
      md5OfBody: m.md5OfBody,
      ...(m.md5OfAttributes ? { md5OfMessageAttributes: m.md5OfAttributes } : {}),
    };
  }

  private findByHandle(handle: string): Message | undefined {
    return this.messages.find((m) => m.receiptHandle === handle);
  }

  /** Deletes a received message. An unknown or stale handle is ignored, as SQS does. */
  delete(handle: string): boolean {
    if (!handle) throw new QueueError('ReceiptHandleIsInvalid', 'The input receipt handle is invalid.');
    const m = this.findByHandle(handle);
    if (!m) return false;
    this.messages.splice(this.messages.indexOf(m), 1);
    if (this.config.fifo) this.notify(); // the group is unlocked
    return true;
  }

  changeVisibility(handle: string, seconds: number): void {
    const m = this.findByHandle(handle);
    if (!m || !m.inFlight) throw new QueueError('MessageNotInflight', 'Message does not exist or is not available for visibility timeout change.');
    m.visibleAt = this.clock.now() + seconds * 1000;
    if (seconds === 0) {
      m.inFlight = false;
      m.receiptHandle = undefined;
      this.notify();
    } else this.schedule(m.visibleAt);
  }

  /** Seconds until the in-flight message with this handle becomes visible again. */
  visibleInMs(handle: string): number | undefined {
    const m = this.findByHandle(handle);
    return m ? Math.max(0, m.visibleAt - this.clock.now()) : undefined;
  }

  purge(): void {
    this.messages = [];
  }

  /** Removes one message that is not in flight (the console's redrive of a dead letter); undefined when there is none. */
  take(messageId: string): { body: string; attributes: Record<string, MessageAttributeValue>; groupId?: string } | undefined {
    const m = this.messages.find((x) => x.id === messageId && !x.inFlight);
    if (!m) return undefined;
    this.messages.splice(this.messages.indexOf(m), 1);
    return { body: m.body, attributes: m.attributes, groupId: m.groupId };
  }

  counts(): { visible: number; inFlight: number; delayed: number } {
    this.sweep();
    const now = this.clock.now();
    let visible = 0;
    let inFlight = 0;
    let delayed = 0;
    for (const m of this.messages) {
      if (m.inFlight) inFlight++;
      else if (m.visibleAt > now) delayed++;
      else visible++;
    }
    return { visible, inFlight, delayed };
  }

  /** Every message the queue holds, oldest first, without receiving any (eda/testing reads them). */
  peek(): { messageId: string; body: string; attributes: Record<string, MessageAttributeValue>; receiveCount: number; state: 'visible' | 'inFlight' | 'delayed'; visibleAt: number }[] {
    this.sweep();
    const now = this.clock.now();
    return this.messages.map((m) => ({
      messageId: m.id,
      body: m.body,
      attributes: m.attributes,
      receiveCount: m.receiveCount,
      state: m.inFlight ? 'inFlight' : m.visibleAt > now ? 'delayed' : 'visible',
      visibleAt: m.visibleAt,
    }));
  }

  /** Calls listener whenever messages may have become available. */
  onAvailable(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(): void {
    if (this.closed) return;
    for (const l of [...this.listeners]) l();
  }

  /** Makes sure listeners hear when a delayed or in-flight message becomes visible. */
  private schedule(at: number): void {
    if (this.closed || at <= this.clock.now()) return;
    if (this.wakeTimer && this.wakeTimer.at <= at) return;
    this.wakeTimer?.timer.cancel();
    const timer = this.clock.after(at - this.clock.now(), () => {
      this.wakeTimer = undefined;
      this.sweep();
      const now = this.clock.now();
      const nextAt = Math.min(...this.messages.filter((m) => m.visibleAt > now).map((m) => m.visibleAt));
      if (Number.isFinite(nextAt)) this.schedule(nextAt);
      this.notify();
    }, { what: `queue ${this.name}: a message becomes visible` });
    this.wakeTimer = { at, timer };
  }

  close(): void {
    this.closed = true;
    this.wakeTimer?.timer.cancel();
    this.wakeTimer = undefined;
    this.listeners.clear();
  }
}

/**
 * Long polling: resolves with up to max messages as soon as any are available, or with
 * none after waitMs.
 */
export async function receiveWaiting(queue: LocalQueue, clock: TimerClock, max: number, waitMs: number, visibility?: number, signal?: AbortSignal): Promise<SqsMessageView[]> {
  const first = queue.receive(max, visibility);
  if (first.length || waitMs <= 0) return first;
  return new Promise((resolve) => {
    let done = false;
    const finish = (messages: SqsMessageView[]) => {
      if (done) return;
      done = true;
      off();
      timer.cancel();
      signal?.removeEventListener('abort', onAbort);
      resolve(messages);
    };
    const onAbort = () => finish([]);
    const off = queue.onAvailable(() => {
      const got = queue.receive(max, visibility);
      if (got.length) finish(got);
    });
    const timer = clock.after(waitMs, () => finish(queue.receive(max, visibility)));
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
