// Running handlers. Each function gets a pool of worker threads — one Lambda execution
// environment each, one invocation at a time, with the function's own process.env — so
// concurrent invocations of different functions never see each other's variables, and a
// timed-out invocation is ended by terminating its worker, as Lambda does.
import { Worker } from 'node:worker_threads';
import type { FunctionModel } from '../model/types.js';
import type { Addresses } from './addresses.js';
import type { HandlerBundles } from './bundler.js';
import type { Clock } from './clock.js';
import { uuid } from './ids.js';
import { LIMITS } from './limits.js';
import type { ErrorInfo, Trace } from './trace.js';
import { workerSource } from './worker-source.js';

export interface LambdaError {
  errorType: string;
  errorMessage: string;
  trace?: string[];
}

export type InvokeResult =
  | { ok: true; value: unknown; requestId: string; ms: number }
  | { ok: false; error: LambdaError; requestId: string; ms: number };

export interface InvokeOptions {
  /** Shown in the trace: "http POST /orders", "queue orders", "workflow x / State". */
  trigger: string;
  requestId?: string;
  attempt?: number;
  /** Don't trace the invocation (the caller traces it). */
  quiet?: boolean;
  /** An asynchronous (Event) attempt: its response goes nowhere, so its size is not limited. */
  async?: boolean;
}

export interface FunctionsOptions {
  functions: FunctionModel[];
  addresses: Addresses;
  bundles: HandlerBundles;
  trace: Trace;
  clock: Clock;
  environment: (fn: FunctionModel) => Record<string, string>;
  /** Most concurrent environments per function when reservedConcurrency is not set. */
  maxConcurrency?: number;
  /** Delays before the two retries of a failed asynchronous invocation (AWS: ~1 and ~2 minutes). */
  asyncRetryDelaysMs?: [number, number];
  /** Where an asynchronous invocation goes after its last failed attempt; returns a label for the trace. */
  onAsyncFailure?: (fn: FunctionModel, event: unknown, error: LambdaError, requestId: string, attempts: number) => Promise<string | undefined>;
}

interface Environment {
  worker: Worker;
  version: number;
  ready: Promise<{ ms: number; error?: LambdaError }>;
  coldStartMs?: number;
  busy: boolean;
  dead: boolean;
  pending?: { id: string; resolve: (r: { ok: true; json: string } | { ok: false; error: LambdaError }) => void };
}

const errorInfo = (e: LambdaError): ErrorInfo => ({ type: e.errorType, message: e.errorMessage });

type RunResult = ({ ok: true; value: unknown; bytes?: number } | { ok: false; error: LambdaError }) & { coldStartMs?: number };

/** Lambda fails a synchronous invocation whose response is over 6 MB. */
function responseWithinLimit(result: RunResult, async = false): RunResult {
  if (!result.ok || async || (result.bytes ?? 0) <= LIMITS.lambdaResponseBytes) return result;
  return {
    ok: false,
    error: { errorType: 'Function.ResponseSizeTooLarge', errorMessage: `Response payload size exceeded maximum allowed payload size (${LIMITS.lambdaResponseBytes} bytes).` },
    coldStartMs: result.coldStartMs,
  };
}

export class Functions {
  private pools = new Map<string, Environment[]>();
  private waiting = new Map<string, (() => void)[]>();
  private asyncTimers = new Set<{ cancel(): void }>();
  private closed = false;
  private seq = 0;

  constructor(private readonly options: FunctionsOptions) {}

  get(name: string): FunctionModel | undefined {
    return this.options.functions.find((f) => f.name === name);
  }

  /** A synchronous (RequestResponse) invocation. Never throws for handler errors. */
  async invoke(name: string, event: unknown, options: InvokeOptions): Promise<InvokeResult> {
    const fn = this.get(name);
    const requestId = options.requestId ?? uuid();
    const started = performance.now();
    if (!fn) return { ok: false, error: { errorType: 'ResourceNotFoundException', errorMessage: `Function not found: ${name}` }, requestId, ms: 0 };
    const result = responseWithinLimit(await this.run(fn, event, requestId), options.async);
    const ms = performance.now() - started;
    const outcome: InvokeResult = result.ok
      ? { ok: true, value: result.value, requestId, ms }
      : { ok: false, error: result.error, requestId, ms };
    if (!options.quiet) {
      this.options.trace.emit({
        kind: 'invoke',
        function: name,
        requestId,
        trigger: options.trigger,
        ms,
        ok: outcome.ok,
        error: outcome.ok ? undefined : errorInfo(outcome.error),
        coldStartMs: result.coldStartMs,
        attempt: options.attempt,
      });
    }
    return outcome;
  }

  /**
   * An asynchronous (Event) invocation, as EventBridge, SNS and S3 make them: returns at
   * once; a failed attempt is retried twice, then the event goes to the function's
   * failure destination if it has one.
   */
  invokeAsync(name: string, event: unknown, options: InvokeOptions): string {
    const requestId = options.requestId ?? uuid();
    void this.attemptAsync(name, event, options, requestId, 1).catch(() => undefined);
    return requestId;
  }

  private async attemptAsync(name: string, event: unknown, options: InvokeOptions, requestId: string, attempt: number): Promise<void> {
    if (this.closed) return;
    const result = await this.invoke(name, event, { ...options, requestId, attempt, async: true });
    if (result.ok || this.closed) return;
    const delays = this.options.asyncRetryDelaysMs ?? [1000, 2000];
    if (attempt <= 2) {
      const delayMs = delays[attempt - 1]!;
      this.options.trace.emit({ kind: 'async', function: name, action: 'retry', requestId, attempt: attempt + 1, delayMs, error: errorInfo(result.error) });
      const timer = this.options.clock.after(delayMs, () => {
        this.asyncTimers.delete(timer);
        void this.attemptAsync(name, event, options, requestId, attempt + 1).catch(() => undefined);
      });
      this.asyncTimers.add(timer);
      return;
    }
    const fn = this.get(name)!;
    const to = await this.options.onAsyncFailure?.(fn, event, result.error, requestId, attempt).catch(() => undefined);
    this.options.trace.emit({ kind: 'async', function: name, action: 'failed', requestId, attempt, to, error: errorInfo(result.error) });
  }

  private async run(
    fn: FunctionModel,
    event: unknown,
    requestId: string,
  ): Promise<RunResult> {
    if (this.closed) return { ok: false, error: { errorType: 'ServiceException', errorMessage: 'the local runtime is stopping' } };
    await this.options.bundles.fresh();
    const bundleError = this.options.bundles.error;
    const state = this.options.bundles.state(fn.name);
    if (bundleError || !state) {
      return { ok: false, error: { errorType: 'Runtime.ImportModuleError', errorMessage: bundleError ?? `no bundle for ${fn.name}` } };
    }
    let env: Environment;
    try {
      env = await this.acquire(fn, state.version, state.file);
    } catch (error) {
      return { ok: false, error: { errorType: 'ServiceException', errorMessage: (error as Error).message } };
    }
    try {
      const ready = await env.ready;
      let coldStartMs: number | undefined;
      if (env.coldStartMs === undefined) {
        coldStartMs = env.coldStartMs = ready.ms;
      }
      if (ready.error) {
        this.discard(fn.name, env);
        return { ok: false, error: ready.error, coldStartMs };
      }
      const deadline = Date.now() + fn.timeout * 1000;
      const reply = await new Promise<{ ok: true; json: string } | { ok: false; error: LambdaError }>((resolve) => {
        const id = String(++this.seq);
        const timer = this.options.clock.after(fn.timeout * 1000, () => {
          resolve({ ok: false, error: { errorType: 'Sandbox.Timedout', errorMessage: `${requestId} Task timed out after ${fn.timeout.toFixed(2)} seconds` } });
          this.discard(fn.name, env);
        });
        env.pending = {
          id,
          resolve: (r) => {
            timer.cancel();
            env.pending = undefined;
            resolve(r);
          },
        };
        env.worker.postMessage({
          type: 'invoke',
          id,
          event: JSON.stringify(event ?? null),
          context: {
            awsRequestId: requestId,
            deadline,
            functionName: this.options.addresses.functionName(fn.name),
            invokedFunctionArn: this.options.addresses.functionArn(fn.name),
            memoryLimitInMB: fn.memory,
            logGroupName: `/aws/lambda/${this.options.addresses.functionName(fn.name)}`,
            logStreamName: 'local',
          },
        });
      });
      if (!reply.ok) return { ok: false, error: reply.error, coldStartMs };
      return { ok: true, value: JSON.parse(reply.json), bytes: Buffer.byteLength(reply.json), coldStartMs };
    } finally {
      this.release(fn.name, env);
    }
  }

  /**
   * Starts one environment per function ahead of its first event, one function at a time
   * so the machine stays responsive; an invocation arriving meanwhile is served as usual.
   */
  async prewarm(names = this.options.functions.map((f) => f.name)): Promise<void> {
    for (const name of names) {
      if (this.closed) return;
      const fn = this.get(name);
      if (!fn) continue;
      await this.options.bundles.fresh();
      const state = this.options.bundles.state(name);
      if (!state || this.options.bundles.error) continue;
      if ((this.pools.get(name) ?? []).some((e) => e.version === state.version && !e.dead)) continue;
      let env: Environment;
      try {
        env = await this.acquire(fn, state.version, state.file);
      } catch {
        return;
      }
      const ready = await env.ready;
      env.coldStartMs ??= ready.ms;
      if (ready.error) this.discard(name, env);
      this.release(name, env);
    }
  }

  private limit(fn: FunctionModel): number {
    return Math.max(1, fn.reservedConcurrency ?? this.options.maxConcurrency ?? 4);
  }

  private async acquire(fn: FunctionModel, version: number, file: string): Promise<Environment> {
    for (;;) {
      const pool = this.pools.get(fn.name) ?? [];
      this.pools.set(fn.name, pool);
      // environments of an older build are retired as soon as they are idle
      for (const env of [...pool]) if (!env.busy && env.version !== version) this.discard(fn.name, env);
      const idle = pool.find((e) => !e.busy && !e.dead && e.version === version);
      if (idle) {
        idle.busy = true;
        return idle;
      }
      if (pool.length < this.limit(fn)) {
        const env = this.spawn(fn, version, file);
        env.busy = true;
        pool.push(env);
        return env;
      }
      await new Promise<void>((resolve) => {
        const list = this.waiting.get(fn.name) ?? [];
        list.push(resolve);
        this.waiting.set(fn.name, list);
      });
      if (this.closed) throw new Error('the local runtime is stopping');
    }
  }

  private release(name: string, env: Environment): void {
    env.busy = false;
    const state = this.options.bundles.state(name);
    if (env.dead || (state && state.version !== env.version)) this.discard(name, env);
    this.waiting.get(name)?.shift()?.();
  }

  private discard(name: string, env: Environment): void {
    if (!env.dead) {
      env.dead = true;
      void env.worker.terminate();
    }
    const pool = this.pools.get(name);
    if (pool?.includes(env)) pool.splice(pool.indexOf(env), 1);
  }

  private spawn(fn: FunctionModel, version: number, file: string): Environment {
    const worker = new Worker(workerSource, {
      eval: true,
      env: this.options.environment(fn),
      workerData: { file, export: fn.handlerExport, handlerFile: fn.handlerFile },
      stdout: true,
      stderr: true,
      resourceLimits: { maxOldGenerationSizeMb: Math.max(128, fn.memory) },
    });
    worker.unref();
    let resolveReady!: (r: { ms: number; error?: LambdaError }) => void;
    const env: Environment = {
      worker,
      version,
      busy: false,
      dead: false,
      ready: new Promise((r) => (resolveReady = r)),
    };
    const log = (level: string) => (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) {
        if (line.trim()) this.options.trace.emit({ kind: 'log', function: fn.name, level, text: line });
      }
    };
    worker.stdout.on('data', log('INFO'));
    worker.stderr.on('data', log('ERROR'));
    worker.on('message', (m: { type: string; [k: string]: unknown }) => {
      if (m.type === 'ready') resolveReady({ ms: m.ms as number, error: m.error as LambdaError | undefined });
      else if (m.type === 'log') {
        this.options.trace.emit({ kind: 'log', function: fn.name, requestId: m.requestId as string | undefined, level: m.level as string, text: m.text as string });
      } else if (m.type === 'result') {
        const pending = env.pending;
        if (pending && pending.id === m.id) {
          pending.resolve(m.ok ? { ok: true, json: m.json as string } : { ok: false, error: m.error as LambdaError });
        }
      } else if (m.type === 'crash') {
        env.dead = true;
        const error = m.error as LambdaError;
        // shown as Lambda logs it; after the invocation returned this is its only trace
        this.options.trace.emit({ kind: 'log', function: fn.name, requestId: m.requestId as string | undefined, level: 'ERROR', text: `${m.label as string} ${JSON.stringify({ errorType: error.errorType, errorMessage: error.errorMessage })}` });
        env.pending?.resolve({ ok: false, error });
      }
    });
    const onExit = (error?: Error) => {
      const wasDead = env.dead;
      env.dead = true;
      const crash: LambdaError = error
        ? { errorType: (error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'Runtime.OutOfMemory' : 'Runtime.ExitError', errorMessage: error.message }
        : { errorType: 'Runtime.ExitError', errorMessage: 'the handler exited the process' };
      resolveReady({ ms: 0, error: crash });
      env.pending?.resolve({ ok: false, error: crash });
      void wasDead;
      const pool = this.pools.get(fn.name);
      if (pool?.includes(env) && !env.busy) pool.splice(pool.indexOf(env), 1);
    };
    worker.on('error', (e) => onExit(e));
    worker.on('exit', () => onExit());
    return env;
  }

  /** Terminates every worker after the current invocations are abandoned. */
  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.asyncTimers) timer.cancel();
    this.asyncTimers.clear();
    for (const list of this.waiting.values()) for (const resolve of list) resolve();
    this.waiting.clear();
    const all = [...this.pools.values()].flat();
    this.pools.clear();
    await Promise.all(
      all.map(async (env) => {
        env.dead = true;
        env.pending?.resolve({ ok: false, error: { errorType: 'ServiceException', errorMessage: 'the local runtime stopped' } });
        await env.worker.terminate();
      }),
    );
  }
}
