// Running handlers. Each function gets a pool of worker threads — one Lambda execution
// environment each, one invocation at a time, with the function's own process.env — so
// concurrent invocations of different functions never see each other's variables, and a
// timed-out invocation is ended by terminating its worker, as Lambda does.
import type { EventEmitter } from 'node:events';
import { resolve as resolvePath } from 'node:path';
import type { Readable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import { languageOf, lambdaHandler } from '../kinds/function/handler.js';
import type { FunctionModel } from '../model/types.js';
import type { Addresses } from './addresses.js';
import type { HandlerBundles } from './bundler.js';
import type { TimerClock } from './clock.js';
import { uuid } from './ids.js';
import { LIMITS } from './limits.js';
import type { ErrorInfo, Trace } from './trace.js';
import { EnvironmentPool, IDLE_ENVIRONMENT_MS, LOCAL_CONCURRENCY_CAP, Throttled, type Environment } from './pool.js';
import { workerSource, type FromWorker, type ToWorker } from './worker-source.js';
import { pythonInterpreter } from './python/interpreter.js';
import { PythonWorker } from './python/worker.js';

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
  /** A synchronous caller Lambda throttles (an API, Lambda Invoke): fail with TooManyRequestsException when reservedConcurrency is reached, rather than wait. */
  throttle?: boolean;
}

export interface FunctionsOptions {
  functions: FunctionModel[];
  addresses: Addresses;
  bundles: HandlerBundles;
  trace: Trace;
  clock: TimerClock;
  environment: (fn: FunctionModel) => Record<string, string>;
  /** The project folder (Python code roots are relative to it; default process.cwd()). */
  cwd?: string;
  /** Most concurrent environments per function when reservedConcurrency is not set (default LOCAL_CONCURRENCY_CAP). */
  maxConcurrency?: number;
  /** Delays before the two retries of a failed asynchronous invocation (AWS: ~1 and ~2 minutes). */
  asyncRetryDelaysMs?: [number, number];
  /** Where an asynchronous invocation goes after its last failed attempt; returns a label for the trace. */
  onAsyncFailure?: (fn: FunctionModel, event: unknown, error: LambdaError, requestId: string, attempts: number, condition?: AsyncFailureCondition) => Promise<string | undefined>;
  /** Where the record of a successful asynchronous invocation goes (the function's onSuccess); returns a label for the trace. */
  onAsyncSuccess?: (fn: FunctionModel, event: unknown, response: unknown, requestId: string, attempts: number) => Promise<string | undefined>;
}

/** Why Lambda gave up on an asynchronous invocation, as its failure records say. */
export type AsyncFailureCondition = 'RetriesExhausted' | 'EventAgeExceeded';


const errorInfo = (e: LambdaError): ErrorInfo => ({ type: e.errorType, message: e.errorMessage });

type RunResult = ({ ok: true; value: unknown } | { ok: false; error: LambdaError }) & { coldStartMs?: number };

/** Lambda fails a synchronous invocation whose response is over 6 MB (checked before parsing it). */
const RESPONSE_TOO_LARGE: LambdaError = {
  errorType: 'Function.ResponseSizeTooLarge',
  errorMessage: `Response payload size exceeded maximum allowed payload size (${LIMITS.lambdaResponseBytes} bytes).`,
};

export class Functions {
  private pools = new Map<string, EnvironmentPool>();
  private reaper?: NodeJS.Timeout;
  private asyncTimers = new Set<{ cancel(): void }>();
  private closed = false;
  private seq = 0;

  constructor(private readonly options: FunctionsOptions) {}

  /** The function's environments, created on first use; idle ones are ended after a minute. */
  private pool(fn: FunctionModel): EnvironmentPool {
    let pool = this.pools.get(fn.name);
    if (!pool) {
      pool = new EnvironmentPool({
        cap: Math.max(1, fn.reservedConcurrency ?? this.options.maxConcurrency ?? LOCAL_CONCURRENCY_CAP),
        reserved: fn.reservedConcurrency !== undefined,
        spawn: () => {
          const state = this.options.bundles.state(fn.name)!;
          return this.spawn(fn, state.version, state.file);
        },
        terminate: (env) => void env.worker.terminate(),
      });
      this.pools.set(fn.name, pool);
    }
    this.reaper ??= setInterval(() => {
      for (const p of this.pools.values()) p.reap(Date.now());
    }, IDLE_ENVIRONMENT_MS / 4).unref();
    return pool;
  }

  /** How many execution environments the function has (busy, idle or starting). */
  environments(name: string): number {
    return this.pools.get(name)?.envs.length ?? 0;
  }

  get(name: string): FunctionModel | undefined {
    return this.options.functions.find((f) => f.name === name);
  }

  /** A synchronous (RequestResponse) invocation. Never throws for handler errors. */
  async invoke(name: string, event: unknown, options: InvokeOptions): Promise<InvokeResult> {
    const fn = this.get(name);
    const requestId = options.requestId ?? uuid();
    const started = performance.now();
    if (!fn) return { ok: false, error: { errorType: 'ResourceNotFoundException', errorMessage: `Function not found: ${name}` }, requestId, ms: 0 };
    const result = await this.run(fn, event, requestId, options.throttle, options.async);
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
    void this.attemptAsync(name, event, options, requestId, 1, this.options.clock.now()).catch(() => undefined);
    return requestId;
  }

  private async attemptAsync(name: string, event: unknown, options: InvokeOptions, requestId: string, attempt: number, queuedAt: number): Promise<void> {
    if (this.closed) return;
    const result = await this.invoke(name, event, { ...options, requestId, attempt, async: true });
    if (this.closed) return;
    const fn = this.get(name);
    if (result.ok) {
      if (fn?.onSuccess) {
        const to = await this.options.onAsyncSuccess?.(fn, event, result.value, requestId, attempt).catch(() => undefined);
        if (to) this.options.trace.emit({ kind: 'async', function: name, action: 'succeeded', requestId, attempt, to });
      }
      return;
    }
    const delays = this.options.asyncRetryDelaysMs ?? [1000, 2000];
    const maxRetries = fn?.maximumRetryAttempts ?? 2;
    const maxAgeMs = (fn?.maximumEventAgeSeconds ?? 21600) * 1000;
    const tooOld = this.options.clock.now() + delays[Math.min(attempt, 2) - 1]! - queuedAt > maxAgeMs;
    if (attempt <= maxRetries && !tooOld) {
      const delayMs = delays[attempt - 1]!;
      this.options.trace.emit({ kind: 'async', function: name, action: 'retry', requestId, attempt: attempt + 1, delayMs, error: errorInfo(result.error) });
      const timer = this.options.clock.after(delayMs, () => {
        this.asyncTimers.delete(timer);
        void this.attemptAsync(name, event, options, requestId, attempt + 1, queuedAt).catch(() => undefined);
      }, { what: `${name}: async retry ${attempt + 1}` });
      this.asyncTimers.add(timer);
      return;
    }
    const condition: AsyncFailureCondition = attempt <= maxRetries ? 'EventAgeExceeded' : 'RetriesExhausted';
    const to = fn ? await this.options.onAsyncFailure?.(fn, event, result.error, requestId, attempt, condition).catch(() => undefined) : undefined;
    this.options.trace.emit({ kind: 'async', function: name, action: 'failed', requestId, attempt, to, error: errorInfo(result.error) });
  }

  private async run(
    fn: FunctionModel,
    event: unknown,
    requestId: string,
    throttle = false,
    /** An asynchronous invocation: its response goes nowhere, so its size is not limited. */
    async = false,
  ): Promise<RunResult> {
    if (this.closed) return { ok: false, error: { errorType: 'ServiceException', errorMessage: 'the local runtime is stopping' } };
    await this.options.bundles.fresh();
    // a Node.js build error does not stop Python functions (they are not built)
    const bundleError = languageOf(fn.runtime) === 'python' ? undefined : this.options.bundles.error;
    const state = this.options.bundles.state(fn.name);
    if (bundleError || !state) {
      return { ok: false, error: { errorType: 'Runtime.ImportModuleError', errorMessage: bundleError ?? `no bundle for ${fn.name}` } };
    }
    const pool = this.pool(fn);
    let env: Environment;
    try {
      env = await pool.acquire(state.version, throttle);
    } catch (error) {
      if (error instanceof Throttled) return { ok: false, error: { errorType: 'TooManyRequestsException', errorMessage: error.message } };
      return { ok: false, error: { errorType: 'ServiceException', errorMessage: (error as Error).message } };
    }
    try {
      const ready = await env.ready;
      let coldStartMs: number | undefined;
      if (env.coldStartMs === undefined) {
        coldStartMs = env.coldStartMs = ready.ms;
      }
      if (ready.error) {
        pool.discard(env);
        return { ok: false, error: ready.error, coldStartMs };
      }
      const deadline = Date.now() + fn.timeout * 1000;
      const reply = await new Promise<{ ok: true; json: string } | { ok: false; error: LambdaError }>((resolve) => {
        const id = String(++this.seq);
        const timer = this.options.clock.after(fn.timeout * 1000, () => {
          resolve({ ok: false, error: { errorType: 'Sandbox.Timedout', errorMessage: `${requestId} Task timed out after ${fn.timeout.toFixed(2)} seconds` } });
          pool.discard(env);
        }, { what: `${fn.name}: timeout`, wall: true });
        env.pending = {
          id,
          resolve: (r) => {
            timer.cancel();
            env.pending = undefined;
            resolve(r);
          },
        };
        const message: ToWorker = {
          type: 'invoke',
          id,
          now: this.options.clock.now(),
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
        };
        env.requestId = requestId;
        env.worker.postMessage(message);
      });
      if (!reply.ok) return { ok: false, error: reply.error, coldStartMs };
      if (!async && Buffer.byteLength(reply.json) > LIMITS.lambdaResponseBytes) return { ok: false, error: RESPONSE_TOO_LARGE, coldStartMs };
      return { ok: true, value: JSON.parse(reply.json), coldStartMs };
    } finally {
      pool.release(env);
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
      if (!state || (this.options.bundles.error && languageOf(fn.runtime) === 'nodejs')) continue;
      const pool = this.pool(fn);
      if (pool.envs.some((e) => e.version === state.version && !e.dead)) continue;
      let env: Environment;
      try {
        env = await pool.acquire(state.version);
      } catch {
        return;
      }
      const ready = await env.ready;
      env.coldStartMs ??= ready.ms;
      if (ready.error) pool.discard(env);
      else pool.release(env);
    }
  }

  /** A Node worker thread running the function's bundle, or a Python process importing its handler module. */
  private startWorker(fn: FunctionModel, file: string): (Worker | PythonWorker) & EventEmitter & { stdout: Readable; stderr: Readable } {
    if (languageOf(fn.runtime) === 'python') {
      const handler = lambdaHandler(fn.handlerFile, fn.handlerExport, fn.runtime, fn.codeRoot);
      return new PythonWorker({
        interpreter: pythonInterpreter(fn.runtime),
        codeRoot: resolvePath(this.options.cwd ?? process.cwd(), fn.codeRoot ?? '.'),
        module: handler.slice(0, handler.lastIndexOf('.')),
        function: fn.handlerExport,
        env: this.options.environment(fn),
        appClock: this.options.clock.virtual === true,
      });
    }
    return new Worker(workerSource, {
      eval: true,
      env: this.options.environment(fn),
      workerData: { file, export: fn.handlerExport, handlerFile: fn.handlerFile },
      stdout: true,
      stderr: true,
      resourceLimits: { maxOldGenerationSizeMb: Math.max(128, fn.memory) },
    });
  }

  private spawn(fn: FunctionModel, version: number, file: string): Environment {
    const worker = this.startWorker(fn, file);
    worker.unref();
    let resolveReady!: (r: { ms: number; error?: LambdaError }) => void;
    const env: Environment = {
      worker,
      version,
      started: false,
      busy: false,
      dead: false,
      idleSince: Date.now(),
      ready: new Promise((r) => (resolveReady = r)),
    };
    const log = (level: string) => (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) {
        if (line.trim()) this.options.trace.emit({ kind: 'log', function: fn.name, requestId: env.requestId, level, text: line });
      }
    };
    worker.stdout.on('data', log('INFO'));
    worker.stderr.on('data', log('ERROR'));
    worker.on('message', (m: FromWorker) => {
      if (m.type === 'ready') resolveReady({ ms: m.ms, error: m.error });
      else if (m.type === 'log') {
        this.options.trace.emit({ kind: 'log', function: fn.name, requestId: m.requestId, level: m.level, text: m.text });
      } else if (m.type === 'result') {
        const pending = env.pending;
        if (pending && pending.id === m.id) {
          if (m.ok) env.handlerMs = m.ms;
          pending.resolve(m.ok ? { ok: true, json: m.json } : { ok: false, error: m.error });
        }
      } else if (m.type === 'crash') {
        env.dead = true;
        const error = m.error;
        // shown as Lambda logs it; after the invocation returned this is its only trace
        this.options.trace.emit({ kind: 'log', function: fn.name, requestId: m.requestId, level: 'ERROR', text: `${m.label} ${JSON.stringify({ errorType: error.errorType, errorMessage: error.errorMessage })}` });
        env.pending?.resolve({ ok: false, error });
      }
    });
    const onExit = (error?: Error) => {
      env.dead = true;
      const crash: LambdaError = error
        ? { errorType: (error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'Runtime.OutOfMemory' : 'Runtime.ExitError', errorMessage: error.message }
        : { errorType: 'Runtime.ExitError', errorMessage: 'the handler exited the process' };
      resolveReady({ ms: 0, error: crash });
      env.pending?.resolve({ ok: false, error: crash });
      const pool = this.pools.get(fn.name);
      if (pool?.envs.includes(env) && !env.busy) pool.discard(env);
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
    clearInterval(this.reaper);
    const all = [...this.pools.values()].flatMap((pool) => pool.close());
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
