// One pass of a batch through a pipe, as EventBridge Pipes runs it: the filter (records that
// do not match are dropped — and deleted from a queue), the enrichment (the batch in, an array
// out; a failure fails the whole batch: Pipes has no partial failures for enrichment), then the
// target: functions and workflows get the batch as one JSON array and may report
// batchItemFailures (when invoked synchronously); queues, topics and buses get each record.
import type { PipeModel } from '../model/types.js';
import { compilePattern } from '../pattern/index.js';
import type { Addresses } from './addresses.js';
import type { EventBuses } from './bus.js';
import type { TimerClock } from './clock.js';
import type { Functions } from './functions.js';
import { eventBridgeEvent } from './payloads.js';
import { recordView, renderInput, type PipeVariables } from './pipe-input.js';
import type { LocalQueue } from './queues.js';
import type { LocalTopic } from './topics.js';
import type { ErrorInfo, Trace } from './trace.js';
import type { Workflows } from './workflows.js';

export interface PipeStageDeps {
  addresses: Addresses;
  functions: Functions;
  workflows: () => Workflows;
  queue(name: string): LocalQueue | undefined;
  topic(name: string): LocalTopic | undefined;
  buses: () => EventBuses;
  trace: Trace;
  clock: TimerClock;
}

/** What became of a batch: the identifiers that failed (retried), or the whole batch failed. */
export type BatchOutcome = { ok: true; failed: Set<string> } | { ok: false; error: ErrorInfo };

class StageError extends Error {
  constructor(readonly info: ErrorInfo) {
    super(info.message);
  }
}

export class PipeStages {
  private readonly matches?: (event: unknown) => boolean;
  private readonly vars: PipeVariables;

  constructor(
    readonly pipe: PipeModel,
    private readonly deps: PipeStageDeps,
  ) {
    if (pipe.filter) this.matches = compilePattern(pipe.filter);
    const a = deps.addresses;
    const arnOf = (kind: string, name: string) => (kind === 'function' ? a.functionArn(name) : kind === 'workflow' ? a.workflowArn(name) : kind === 'queue' ? a.queueArn(name) : kind === 'topic' ? a.topicArn(name) : kind === 'bus' ? a.busArn(name) : a.streamArn(name));
    this.vars = {
      'aws.pipes.pipe-arn': `arn:aws:pipes:${a.region}:${a.account}:pipe/${a.stackName}-${pipe.name}`,
      'aws.pipes.pipe-name': `${a.stackName}-${pipe.name}`,
      'aws.pipes.source-arn': arnOf(pipe.source.kind, pipe.source.name),
      'aws.pipes.enrichment-arn': pipe.enrichment ? arnOf(pipe.enrichment.kind, pipe.enrichment.name) : '',
      'aws.pipes.target-arn': arnOf(pipe.target.kind, pipe.target.name),
    };
  }

  /** Records the filter keeps (all without a filter). */
  filter<R>(records: R[]): R[] {
    return this.matches ? records.filter((r) => this.matches!(recordView(r))) : records;
  }

  /** Runs the kept records through enrichment and target; ids are the records' identifiers (SQS messageId, stream SequenceNumber). */
  async run(records: unknown[], ids: string[]): Promise<BatchOutcome> {
    try {
      const events = await this.enrich(records);
      const failed = events.length ? await this.deliver(events, ids) : new Set<string>();
      return { ok: true, failed };
    } catch (error) {
      return { ok: false, error: error instanceof StageError ? error.info : { type: 'Error', message: (error as Error).message } };
    }
  }

  private trace(action: 'enrich' | 'deliver', records: number, to: string, extra: { out?: number } = {}): void {
    this.deps.trace.emit({ kind: 'pipe', pipe: this.pipe.name, action, records, to, ...extra });
  }

  private async enrich(records: unknown[]): Promise<unknown[]> {
    const e = this.pipe.enrichment;
    if (!e) return records;
    const now = this.deps.clock.now();
    const input = records.map((r) => renderInput(e.input, r, this.vars, now));
    const value = e.kind === 'function' ? await this.invoke(e.name, input) : await this.runWorkflow(e.name, input);
    const out = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
    this.trace('enrich', records.length, `${e.kind} ${e.name}`, { out: out.length });
    return out;
  }

  private async invoke(name: string, event: unknown): Promise<unknown> {
    const r = await this.deps.functions.invoke(name, event, { trigger: `pipe ${this.pipe.name}` });
    if (!r.ok) throw new StageError({ type: r.error.errorType, message: r.error.errorMessage });
    return r.value;
  }

  /** A synchronous (express) execution's output; anything but success fails the batch. */
  private async runWorkflow(name: string, input: unknown): Promise<unknown> {
    const e = this.deps.workflows().start(name, input);
    await e.done;
    if (e.status !== 'SUCCEEDED') throw new StageError({ type: e.error ?? 'States.ExecutionFailed', message: e.cause ?? `execution ${e.status.toLowerCase()}` });
    return e.output;
  }

  private async deliver(events: unknown[], ids: string[]): Promise<Set<string>> {
    const t = this.pipe.target;
    const now = this.deps.clock.now();
    const inputs = events.map((ev) => renderInput(t.input, ev, this.vars, now));
    this.trace('deliver', inputs.length, `${t.kind} ${t.name}`);
    const text = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
    switch (t.kind) {
      case 'function':
        if (t.invocation === 'FIRE_AND_FORGET') {
          this.deps.functions.invokeAsync(t.name, inputs, { trigger: `pipe ${this.pipe.name}` });
          return new Set();
        }
        return batchItemFailures(await this.invoke(t.name, inputs), ids);
      case 'workflow':
        if (t.invocation === 'FIRE_AND_FORGET') {
          this.deps.workflows().start(t.name, inputs);
          return new Set();
        }
        return batchItemFailures(await this.runWorkflow(t.name, inputs), ids);
      case 'queue': {
        const q = this.deps.queue(t.name);
        if (!q) throw new StageError({ type: 'ResourceNotFound', message: `queue ${t.name} does not exist` });
        for (const i of inputs) q.send({ body: text(i), groupId: q.config.fifo ? this.pipe.name : undefined });
        return new Set();
      }
      case 'topic': {
        const topic = this.deps.topic(t.name);
        if (!topic) throw new StageError({ type: 'ResourceNotFound', message: `topic ${t.name} does not exist` });
        for (const i of inputs) topic.publish({ message: text(i) });
        return new Set();
      }
      case 'bus': {
        const source = t.eventSource ?? `Pipe ${this.vars['aws.pipes.pipe-name']}`;
        const detailType = t.detailType ?? `Event from aws:${this.pipe.source.kind === 'queue' ? 'sqs' : 'dynamodb'}`;
        for (const i of inputs) {
          const detail = i !== null && typeof i === 'object' ? i : { value: i };
          this.deps.buses().route(t.name, eventBridgeEvent({ source, detailType, detail, region: this.deps.addresses.region, time: now }));
        }
        return new Set();
      }
    }
  }
}

/** The identifiers a target reported failed; an unknown or missing identifier fails the whole batch, as Pipes does. */
function batchItemFailures(value: unknown, ids: string[]): Set<string> {
  const failures = (value as { batchItemFailures?: unknown } | null)?.batchItemFailures;
  if (failures === undefined || failures === null) return new Set();
  if (!Array.isArray(failures)) return new Set(ids);
  const failed = new Set<string>();
  for (const f of failures) {
    const id = (f as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    if (typeof id !== 'string' || !ids.includes(id)) return new Set(ids);
    failed.add(id);
  }
  return failed;
}
