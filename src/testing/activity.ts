// What eda/testing watches in a running app to know when work is in progress, and where it
// steps in: every invocation goes through Functions.invoke (HTTP, queues, topics, rules,
// workflows, streams, async retries, the Lambda API), so wrapping that one method on the
// runtime's instance counts running handlers, replaces mocked ones, and (under the virtual
// clock) runs handlers one at a time in the order they were called, so traces repeat.
import type { Functions, InvokeOptions, InvokeResult, LambdaError } from '../local/functions.js';
import { uuid } from '../local/ids.js';
import type { LocalRuntime } from '../local/runtime.js';
import type { MockHandler } from './types.js';


export class Activity {
  /** Bumped by every trace event and every start or end of a handler or table call. */
  changes = 0;
  private running = new Map<string, number>();
  private tableCalls = 0;
  readonly mocks = new Map<string, MockHandler>();
  private queue: (() => void)[] = [];
  private holder = false;
  private offTrace: () => void;

  constructor(
    private readonly runtime: LocalRuntime,
    private readonly options: { serial: boolean; stallMs: number },
  ) {
    this.offTrace = runtime.trace.on(() => this.changes++);
    const functions = runtime.functions;
    const invoke = functions.invoke.bind(functions);
    functions.invoke = (name, event, opts) => this.invoke(invoke, name, event, opts);
    for (const method of ['handle', 'call'] as const) {
      const original = (runtime.tables[method] as (...a: unknown[]) => Promise<unknown>).bind(runtime.tables);
      (runtime.tables as unknown as Record<string, unknown>)[method] = async (...args: unknown[]) => {
        this.tableCalls++;
        this.changes++;
        try {
          return await original(...args);
        } finally {
          this.tableCalls--;
          this.changes++;
        }
      };
    }
  }

  /** Handlers running (or waiting for their turn) and table calls in progress. */
  busy(): number {
    let n = this.tableCalls;
    for (const c of this.running.values()) n += c;
    return n;
  }

  /** The functions with an invocation in progress, and how many each. */
  invocations(): Record<string, number> {
    return Object.fromEntries([...this.running].filter(([, n]) => n > 0));
  }

  private async invoke(real: Functions['invoke'], name: string, event: unknown, opts: InvokeOptions): Promise<InvokeResult> {
    this.running.set(name, (this.running.get(name) ?? 0) + 1);
    this.changes++;
    // a handler calling a function synchronously through the Lambda API waits for it: it runs at once
    const nested = opts.trigger.startsWith('lambda Invoke') && !opts.trigger.includes('(Event)');
    const turn = this.options.serial && !nested ? await this.take() : undefined;
    try {
      const mock = this.mocks.get(name);
      return mock ? await this.runMock(mock, name, event, opts) : await real(name, event, opts);
    } finally {
      turn?.();
      this.running.set(name, this.running.get(name)! - 1);
      this.changes++;
    }
  }

  /**
   * Waits for the one turn to run a handler, in call order. A turn held longer than stallMs
   * (a handler waiting on another one) lets the next caller run anyway, so nothing deadlocks.
   */
  private async take(): Promise<() => void> {
    if (this.holder) {
      await new Promise<void>((resolve) => {
        let done = false;
        const go = () => {
          if (done) return;
          done = true;
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          this.queue.splice(this.queue.indexOf(go), 1);
          go();
        }, this.options.stallMs);
        timer.unref();
        this.queue.push(go);
      });
    }
    this.holder = true;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.queue.shift();
      if (next) next();
      else this.holder = false;
    };
  }

  private async runMock(mock: MockHandler, name: string, event: unknown, opts: InvokeOptions): Promise<InvokeResult> {
    const requestId = opts.requestId ?? uuid();
    const fn = this.runtime.functions.get(name);
    let outcome: { ok: true; value: unknown } | { ok: false; error: LambdaError };
    try {
      const copy = JSON.parse(JSON.stringify(event ?? null));
      const value = await mock(copy, { awsRequestId: requestId, functionName: fn ? this.runtime.addresses.functionName(name) : name });
      outcome = { ok: true, value: value === undefined ? null : JSON.parse(JSON.stringify(value)) };
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      outcome = { ok: false, error: { errorType: e.name || 'Error', errorMessage: e.message, trace: e.stack?.split('\n') } };
    }
    if (!opts.quiet) {
      this.runtime.trace.emit({
        kind: 'invoke',
        function: name,
        requestId,
        trigger: opts.trigger,
        ms: 0,
        ok: outcome.ok,
        error: outcome.ok ? undefined : { type: outcome.error.errorType, message: outcome.error.errorMessage },
        attempt: opts.attempt,
      });
    }
    return { ...outcome, requestId, ms: 0 };
  }

  close(): void {
    this.offTrace();
    for (const go of this.queue.splice(0)) go();
  }
}
