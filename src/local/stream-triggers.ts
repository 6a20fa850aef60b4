// The DynamoDB stream event source mapping: records of a table reach a function in order,
// in batches (batchSize, batchWindow). A failed batch blocks the shard and is retried —
// from the first reported batchItemFailure when the handler reports one, or split in
// half when it throws (BisectBatchOnFunctionError, which synth turns on) — up to
// maxRetries times; then the batch is described to the function's failure queue (if
// any) and skipped, as Lambda does.
import type { TimerClock, Timer } from './clock.js';
import type { StreamRecord } from './payloads.js';
import type { Functions, LambdaError } from './functions.js';
import type { Trace } from './trace.js';
import { recordFilter, type RecordFilter } from './event-filters.js';

export interface StreamTriggerOptions {
  table: string;
  streamArn: string;
  function: string;
  functionArn?: string;
  batchSize: number;
  batchWindow?: number;
  /** -1: retry until the record expires (24 h). */
  maxRetries: number;
  functions: Functions;
  clock: TimerClock;
  trace: Trace;
  /** Where a skipped batch is described (the function's failure queue). */
  onDiscard?: (info: unknown, error: LambdaError | { errorType: string; errorMessage: string }) => string | undefined;
  retryDelayMs?: (attempt: number) => number;
  /** Split a batch in half when the handler throws (default true). */
  bisect?: boolean;
  /** Event filters: a record matching none is skipped. */
  filters?: Record<string, unknown>[];
}

export class StreamTrigger {
  private records: StreamRecord[] = [];
  private running = false;
  private stopped = false;
  private timer?: Timer;
  private windowStarted?: number;
  private current?: Promise<void>;

  private readonly filter?: RecordFilter;

  constructor(private readonly o: StreamTriggerOptions) {
    this.filter = recordFilter(o.filters);
  }

  private kickScheduled = false;

  /** Takes a record; processing starts on the next turn, so records written together batch together. */
  push(record: StreamRecord): void {
    if (this.stopped) return;
    if (this.filter && !this.filter(record)) {
      this.o.trace.emit({ kind: 'stream', table: this.o.table, function: this.o.function, action: 'filtered', records: 1 });
      return;
    }
    this.records.push(record);
    if (this.kickScheduled) return;
    this.kickScheduled = true;
    setImmediate(() => {
      this.kickScheduled = false;
      this.kick();
    });
  }

  private kick(): void {
    if (this.running || this.stopped || !this.records.length) return;
    const window = (this.o.batchWindow ?? 0) * 1000;
    if (window > 0 && this.records.length < this.o.batchSize) {
      this.windowStarted ??= this.o.clock.now();
      const wait = this.windowStarted + window - this.o.clock.now();
      if (wait > 0) {
        this.timer ??= this.o.clock.after(wait, () => {
          this.timer = undefined;
          this.windowStarted = this.o.clock.now() - window;
          this.kick();
        });
        return;
      }
    }
    this.timer?.cancel();
    this.timer = undefined;
    this.windowStarted = undefined;
    this.running = true;
    this.current = this.process()
      .catch((error) => this.o.trace.emit({ kind: 'warn', message: `stream ${this.o.table}: ${(error as Error).message}` }))
      .finally(() => {
        this.running = false;
        this.kick();
      });
  }

  private async process(): Promise<void> {
    const { o } = this;
    let batch = this.records.slice(0, o.batchSize);
    let attempt = 0;
    for (;;) {
      if (this.stopped) return;
      o.trace.emit({ kind: 'stream', table: o.table, function: o.function, action: 'deliver', records: batch.length, attempt: attempt + 1 });
      const result = await o.functions.invoke(o.function, { Records: batch }, { trigger: `stream ${o.table}`, attempt: attempt + 1 });
      if (this.stopped) return;
      let failedFrom = -1;
      let error: { errorType: string; errorMessage: string } | undefined;
      if (!result.ok) {
        failedFrom = 0;
        error = result.error;
      } else {
        const failures = (result.value as { batchItemFailures?: { itemIdentifier?: string }[] } | null)?.batchItemFailures;
        if (Array.isArray(failures) && failures.length) {
          const indexes = failures.map((f) => batch.findIndex((r) => r.dynamodb.SequenceNumber === f?.itemIdentifier));
          failedFrom = indexes.some((i) => i < 0) ? 0 : Math.min(...indexes);
          error = { errorType: 'batchItemFailures', errorMessage: `${failures.length} of ${batch.length} reported failed` };
        }
      }
      if (failedFrom < 0) {
        this.records.splice(0, batch.length);
        return;
      }
      // checkpoint: the records before the first failure are done
      this.records.splice(0, failedFrom);
      batch = batch.slice(failedFrom);
      if (!result.ok && o.bisect !== false && batch.length > 1) {
        // narrow down to the failing record; splits don't count as retries
        batch = batch.slice(0, Math.ceil(batch.length / 2));
        o.trace.emit({ kind: 'stream', table: o.table, function: o.function, action: 'retry', records: batch.length, attempt: attempt + 1, error: { type: error!.errorType, message: `${error!.errorMessage} (batch split in half)` } });
        continue;
      }
      attempt++;
      if (o.maxRetries >= 0 && attempt > o.maxRetries) {
        const info = {
          requestContext: { requestId: result.requestId, functionArn: o.functionArn ?? o.function, condition: 'RetryAttemptsExhausted', approximateInvokeCount: attempt },
          responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: result.ok ? undefined : 'Unhandled' },
          version: '1.0',
          timestamp: new Date(o.clock.now()).toISOString(),
          DDBStreamBatchInfo: {
            shardId: 'shardId-00000000000000000000-local',
            startSequenceNumber: batch[0]!.dynamodb.SequenceNumber,
            endSequenceNumber: batch[batch.length - 1]!.dynamodb.SequenceNumber,
            approximateArrivalOfFirstRecord: new Date(batch[0]!.dynamodb.ApproximateCreationDateTime * 1000).toISOString(),
            approximateArrivalOfLastRecord: new Date(batch[batch.length - 1]!.dynamodb.ApproximateCreationDateTime * 1000).toISOString(),
            batchSize: batch.length,
            streamArn: o.streamArn,
          },
        };
        o.onDiscard?.(info, error!);
        o.trace.emit({ kind: 'stream', table: o.table, function: o.function, action: 'discard', records: batch.length, error: { type: error!.errorType, message: error!.errorMessage } });
        this.records.splice(0, batch.length);
        return;
      }
      const delay = o.retryDelayMs?.(attempt) ?? Math.min(10_000, 500 * 2 ** (attempt - 1));
      o.trace.emit({ kind: 'stream', table: o.table, function: o.function, action: 'retry', records: batch.length, attempt: attempt + 1, error: { type: error!.errorType, message: error!.errorMessage } });
      try {
        await o.clock.sleep(delay, this.abort.signal);
      } catch {
        return;
      }
    }
  }

  private abort = new AbortController();

  async stop(): Promise<void> {
    this.stopped = true;
    this.timer?.cancel();
    this.abort.abort();
    await this.current?.catch(() => undefined);
  }
}
