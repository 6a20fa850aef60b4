// The SQS event source mapping: polls a queue for a function, batching (batchSize,
// batchWindow), invoking with an SQS event, deleting what succeeded — all of the batch, or
// all but the batchItemFailures the handler reported — and leaving failures to come back
// after the visibility timeout, until the queue's redrive policy moves them to its DLQ.
import type { TimerClock, Timer } from './clock.js';
import { sqsRecord, type SqsMessageView } from './payloads.js';
import type { Functions, InvokeResult } from './functions.js';
import type { LocalQueue } from './queues.js';
import type { Trace } from './trace.js';
import { recordFilter, sqsFilterView, type RecordFilter } from './event-filters.js';

export interface QueueTriggerOptions {
  queue: LocalQueue;
  function: string;
  batchSize: number;
  /** Seconds to wait for a fuller batch. */
  batchWindow?: number;
  /** Most batches in flight at once (AWS scales pollers up to maxConcurrency). */
  maxConcurrency?: number;
  /** Event filters: a message matching none is deleted without reaching the function. */
  filters?: Record<string, unknown>[];
  functions: Functions;
  clock: TimerClock;
  trace: Trace;
  region: string;
}

/** The ids of the messages to keep (retry), or 'all' when the whole batch failed. */
export function failedItems(result: InvokeResult, batch: SqsMessageView[]): Set<string> | 'all' {
  if (!result.ok) return 'all';
  const value = result.value as { batchItemFailures?: unknown } | null;
  if (value === null || typeof value !== 'object' || value.batchItemFailures === undefined || value.batchItemFailures === null) return new Set();
  const failures = value.batchItemFailures;
  if (!Array.isArray(failures)) return 'all';
  const ids = new Set(batch.map((m) => m.messageId));
  const failed = new Set<string>();
  for (const f of failures) {
    const id = (f as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    // an empty, null or unknown identifier fails the whole batch, as Lambda does
    if (typeof id !== 'string' || id === '' || !ids.has(id)) return 'all';
    failed.add(id);
  }
  return failed;
}

export class QueueTrigger {
  private inFlight = 0;
  private windowTimer?: Timer;
  private off?: () => void;
  private stopped = false;
  private active = new Set<Promise<void>>();

  private readonly filter?: RecordFilter;

  constructor(private readonly o: QueueTriggerOptions) {
    this.filter = recordFilter(o.filters);
  }

  get concurrency(): number {
    return Math.max(1, this.o.maxConcurrency ?? 5);
  }

  start(): void {
    this.off = this.o.queue.onAvailable(() => this.schedulePump());
    this.schedulePump();
  }

  private pumpScheduled = false;

  /** Polls on the next turn, so messages sent together arrive in one batch. */
  private schedulePump(): void {
    if (this.pumpScheduled || this.stopped) return;
    this.pumpScheduled = true;
    setImmediate(() => {
      this.pumpScheduled = false;
      this.pump();
    });
  }

  private pump(): void {
    while (!this.stopped && this.inFlight < this.concurrency) {
      const available = this.o.queue.availableCount();
      if (available === 0) return;
      const window = (this.o.batchWindow ?? 0) * 1000;
      if (window > 0 && available < this.o.batchSize) {
        this.windowTimer ??= this.o.clock.after(window, () => {
          this.windowTimer = undefined;
          this.take(true);
        }, { what: `queue ${this.o.queue.name}: batch window of ${this.o.function}` });
        return;
      }
      if (!this.take(false)) return;
    }
  }

  /** Receives one batch and processes it; false when nothing was received. */
  private take(fromWindow: boolean): boolean {
    if (this.stopped || this.inFlight >= this.concurrency) return false;
    if (!fromWindow) {
      this.windowTimer?.cancel();
      this.windowTimer = undefined;
    }
    const batch = this.o.queue.receive(this.o.batchSize);
    if (!batch.length) return false;
    this.inFlight++;
    const work = this.process(batch)
      .catch((error) => this.o.trace.emit({ kind: 'warn', message: `queue ${this.o.queue.name}: ${(error as Error).message}` }))
      .finally(() => {
        this.inFlight--;
        this.active.delete(work);
        this.schedulePump();
      });
    this.active.add(work);
    if (fromWindow) this.schedulePump();
    return true;
  }

  private async process(received: SqsMessageView[]): Promise<void> {
    const { queue, trace } = this.o;
    const batch = this.filtered(received);
    if (!batch.length) return;
    trace.emit({ kind: 'queue', queue: queue.name, action: 'deliver', messageIds: batch.map((m) => m.messageId), function: this.o.function });
    const event = { Records: batch.map((m) => sqsRecord(m, queue.config.arn, this.o.region)) };
    const result = await this.o.functions.invoke(this.o.function, event, { trigger: `queue ${queue.name}` });
    if (this.stopped) return;
    const failed = failedItems(result, batch);
    const retry: SqsMessageView[] = [];
    for (const m of batch) {
      if (failed === 'all' || failed.has(m.messageId)) retry.push(m);
      else queue.delete(m.receiptHandle);
    }
    if (!retry.length) return;
    const maxReceives = queue.config.redrive?.maxReceives;
    const error = result.ok ? { type: 'batchItemFailures', message: `${retry.length} of ${batch.length} reported failed` } : { type: result.error.errorType, message: result.error.errorMessage };
    // one line per receive count, so each message's "receive n/max" is its own
    const byCount = new Map<number, SqsMessageView[]>();
    for (const m of retry) {
      const n = Number(m.attributes.ApproximateReceiveCount);
      byCount.set(n, [...(byCount.get(n) ?? []), m]);
    }
    for (const [receiveCount, messages] of [...byCount].sort(([a], [b]) => b - a)) {
      trace.emit({
        kind: 'queue',
        queue: queue.name,
        action: 'retry',
        messageIds: messages.map((m) => m.messageId),
        function: this.o.function,
        receiveCount,
        maxReceives,
        visibleInMs: queue.visibleInMs(messages[0]!.receiptHandle) ?? 0,
        error,
      });
    }
  }

  /** The messages matching a filter; Lambda deletes the others from the queue (they never reach the DLQ). */
  private filtered(batch: SqsMessageView[]): SqsMessageView[] {
    const { filter } = this;
    if (!filter) return batch;
    const { queue } = this.o;
    const keep: SqsMessageView[] = [];
    const dropped: SqsMessageView[] = [];
    for (const m of batch) (filter(sqsFilterView(sqsRecord(m, queue.config.arn, this.o.region))) ? keep : dropped).push(m);
    for (const m of dropped) queue.delete(m.receiptHandle);
    if (dropped.length) this.o.trace.emit({ kind: 'queue', queue: queue.name, action: 'filtered', messageIds: dropped.map((m) => m.messageId), function: this.o.function });
    return keep;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.off?.();
    this.windowTimer?.cancel();
    await Promise.allSettled([...this.active]);
  }
}
