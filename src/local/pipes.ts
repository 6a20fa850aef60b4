// EventBridge Pipes in eda dev: each pipe polls its source and runs batches through its stages
// (pipe-stages.ts). From a queue: a batch of up to batchSize messages (waiting batchWindow for
// a fuller one); filtered-out and delivered messages are deleted, failed ones stay and return
// after the visibility timeout, until the queue's redrive policy moves them to its DLQ. From a
// table's stream: records in order; a failed batch blocks the stream and is retried from its
// first failed record up to maxRetries times, then described to the pipe's dead-letter queue.
import type { PipeModel } from '../model/types.js';
import type { Timer } from './clock.js';
import { sqsRecord, type SqsMessageView, type StreamRecord } from './payloads.js';
import { PipeStages, type BatchOutcome, type PipeStageDeps } from './pipe-stages.js';
import type { LocalQueue } from './queues.js';
import type { ErrorInfo } from './trace.js';

export interface LocalPipeDeps extends PipeStageDeps {
  /** Subscribes to a table's stream; returns the unsubscribe. */
  onStream(table: string, listener: (record: StreamRecord) => void): () => void;
}

export interface LocalPipe {
  start(): void;
  stop(): Promise<void>;
}

export function localPipe(pipe: PipeModel, deps: LocalPipeDeps): LocalPipe | undefined {
  if (!pipe.enabled) return undefined;
  if (pipe.source.kind === 'queue') {
    const q = deps.queue(pipe.source.name);
    return q ? new QueuePipe(pipe, q, deps) : undefined;
  }
  return new StreamPipe(pipe, deps);
}

function errorOf(outcome: BatchOutcome, failed: number, of: number): ErrorInfo {
  return outcome.ok ? { type: 'batchItemFailures', message: `${failed} of ${of} reported failed` } : outcome.error;
}

class QueuePipe implements LocalPipe {
  private readonly stages: PipeStages;
  private busy = false;
  private stopped = false;
  private scheduled = false;
  private window?: Timer;
  private off?: () => void;
  private current?: Promise<void>;

  constructor(
    private readonly pipe: PipeModel,
    private readonly queue: LocalQueue,
    private readonly deps: LocalPipeDeps,
  ) {
    this.stages = new PipeStages(pipe, deps);
  }

  start(): void {
    this.off = this.queue.onAvailable(() => this.schedule());
    this.schedule();
  }

  /** Polls on the next turn, so messages sent together arrive in one batch. */
  private schedule(): void {
    if (this.scheduled || this.stopped) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.poll(false);
    });
  }

  private poll(fromWindow: boolean): void {
    if (this.busy || this.stopped) return;
    const available = this.queue.availableCount();
    if (!available) return;
    const { batchSize, batchWindow } = this.pipe.source;
    if (!fromWindow && batchWindow && available < batchSize) {
      this.window ??= this.deps.clock.after(batchWindow * 1000, () => {
        this.window = undefined;
        this.poll(true);
      });
      return;
    }
    this.window?.cancel();
    this.window = undefined;
    const batch = this.queue.receive(batchSize);
    if (!batch.length) return;
    this.busy = true;
    this.current = this.process(batch)
      .catch((error) => this.deps.trace.emit({ kind: 'warn', message: `pipe ${this.pipe.name}: ${(error as Error).message}` }))
      .finally(() => {
        this.busy = false;
        this.schedule();
      });
  }

  private async process(batch: SqsMessageView[]): Promise<void> {
    const { trace, addresses } = this.deps;
    const name = this.pipe.name;
    trace.emit({ kind: 'pipe', pipe: name, action: 'poll', records: batch.length, to: `queue ${this.queue.name}` });
    const records = batch.map((m) => sqsRecord(m, this.queue.config.arn, addresses.region));
    const kept = this.stages.filter(records);
    const dropped = records.filter((r) => !kept.includes(r));
    for (const r of dropped) this.queue.delete(r.receiptHandle);
    if (dropped.length) trace.emit({ kind: 'pipe', pipe: name, action: 'filtered', records: dropped.length });
    if (!kept.length || this.stopped) return;
    const outcome = await this.stages.run(kept, kept.map((r) => r.messageId));
    if (this.stopped) return;
    const retry = kept.filter((r) => !outcome.ok || outcome.failed.has(r.messageId));
    for (const r of kept) if (!retry.includes(r)) this.queue.delete(r.receiptHandle);
    if (!retry.length) return;
    trace.emit({ kind: 'pipe', pipe: name, action: 'retry', records: retry.length, visibleInMs: this.queue.visibleInMs(retry[0]!.receiptHandle) ?? 0, error: errorOf(outcome, retry.length, kept.length) });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.off?.();
    this.window?.cancel();
    await this.current?.catch(() => undefined);
  }
}

class StreamPipe implements LocalPipe {
  private readonly stages: PipeStages;
  private records: StreamRecord[] = [];
  private running = false;
  private stopped = false;
  private scheduled = false;
  private off?: () => void;
  private current?: Promise<void>;
  private readonly abort = new AbortController();

  constructor(
    private readonly pipe: PipeModel,
    private readonly deps: LocalPipeDeps,
  ) {
    this.stages = new PipeStages(pipe, deps);
  }

  start(): void {
    this.off = this.deps.onStream(this.pipe.source.name, (record) => {
      this.records.push(record);
      if (this.scheduled) return;
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        this.kick();
      });
    });
  }

  private kick(): void {
    if (this.running || this.stopped || !this.records.length) return;
    this.running = true;
    this.current = this.process()
      .catch((error) => this.deps.trace.emit({ kind: 'warn', message: `pipe ${this.pipe.name}: ${(error as Error).message}` }))
      .finally(() => {
        this.running = false;
        this.kick();
      });
  }

  private async process(): Promise<void> {
    const { trace, clock } = this.deps;
    const source = this.pipe.source as Extract<PipeModel['source'], { kind: 'table' }>;
    if (source.batchWindow && this.records.length < source.batchSize) await this.sleep(source.batchWindow * 1000);
    let batch = this.records.slice(0, source.batchSize);
    trace.emit({ kind: 'pipe', pipe: this.pipe.name, action: 'poll', records: batch.length, to: `table ${source.name} stream` });
    const kept = this.stages.filter(batch);
    if (kept.length < batch.length) trace.emit({ kind: 'pipe', pipe: this.pipe.name, action: 'filtered', records: batch.length - kept.length });
    this.forget(batch.filter((r) => !kept.includes(r)));
    batch = kept;
    for (let attempt = 1; batch.length && !this.stopped; attempt++) {
      const ids = batch.map((r) => r.dynamodb.SequenceNumber);
      const outcome = await this.stages.run(batch, ids);
      if (this.stopped) return;
      const firstFailed = outcome.ok ? batch.findIndex((r) => outcome.failed.has(r.dynamodb.SequenceNumber)) : 0;
      const done = firstFailed < 0 ? batch.length : firstFailed;
      this.forget(batch.slice(0, done));
      batch = batch.slice(done);
      if (!batch.length) return;
      const error = errorOf(outcome, batch.length, batch.length + done);
      if (source.maxRetries >= 0 && attempt > source.maxRetries) {
        this.deadLetter(batch, error, attempt, clock.now());
        this.forget(batch);
        return;
      }
      trace.emit({ kind: 'pipe', pipe: this.pipe.name, action: 'retry', records: batch.length, attempt: attempt + 1, error });
      if (!(await this.sleep(Math.min(10_000, 500 * 2 ** (attempt - 1))))) return;
    }
  }

  /** Drops records from the pending list (delivered, or given up on). */
  private forget(records: StreamRecord[]): void {
    this.records = this.records.filter((r) => !records.includes(r));
  }

  private async sleep(ms: number): Promise<boolean> {
    try {
      await this.deps.clock.sleep(ms, this.abort.signal);
      return true;
    } catch {
      return false;
    }
  }

  /** The batch Pipes gave up on, described to the pipe's dead-letter queue. */
  private deadLetter(batch: StreamRecord[], error: ErrorInfo, attempts: number, now: number): void {
    const { addresses, trace } = this.deps;
    const dlq = this.pipe.dlq ? this.deps.queue(this.pipe.dlq) : undefined;
    dlq?.send({
      body: JSON.stringify({
        context: { pipeArn: `arn:aws:pipes:${addresses.region}:${addresses.account}:pipe/${addresses.stackName}-${this.pipe.name}`, condition: 'RetryAttemptsExhausted', approximateInvokeCount: attempts, errorType: error.type, errorMessage: error.message },
        timestamp: new Date(now).toISOString(),
        DDBStreamBatchInfo: {
          shardId: 'shardId-00000000000000000000-local',
          startSequenceNumber: batch[0]!.dynamodb.SequenceNumber,
          endSequenceNumber: batch[batch.length - 1]!.dynamodb.SequenceNumber,
          batchSize: batch.length,
          streamArn: addresses.streamArn(this.pipe.source.name),
        },
      }),
    });
    trace.emit({ kind: 'pipe', pipe: this.pipe.name, action: 'dlq', records: batch.length, to: this.pipe.dlq, attempt: attempts, error });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.off?.();
    this.abort.abort();
    await this.current?.catch(() => undefined);
  }
}
