// The execution environments of one function, scaled with load as Lambda scales them: an
// invocation takes an idle warm environment, else waits for whichever frees up or finishes
// starting first, and a new one starts while invocations wait — up to the function's
// reservedConcurrency or the local cap. Environments idle for a minute are ended (one stays
// warm). With reservedConcurrency reached, a synchronous invocation is throttled.
import type { LambdaError } from './functions.js';
import type { ToWorker } from './worker-source.js';

/** Environments per function when reservedConcurrency is not set (Lambda's account default is 1000). */
export const LOCAL_CONCURRENCY_CAP = 64;
/** Environments started for waiting invocations without weighing the cost. */
const EAGER_ENVIRONMENTS = 4;
/** An environment idle this long is ended (the function keeps one). */
export const IDLE_ENVIRONMENT_MS = 60_000;


/** A function's worker: a Node worker thread, or a Python process (python/worker.ts). */
export interface FunctionWorker {
  postMessage(message: ToWorker): void;
  terminate(): Promise<number>;
}

export interface Environment {
  worker: FunctionWorker;
  /** The request id of the environment's latest invocation (its output is logged under it). */
  requestId?: string;
  version: number;
  ready: Promise<{ ms: number; error?: LambdaError }>;
  /** Set once `ready` resolved: the environment can take an invocation at once. */
  started: boolean;
  coldStartMs?: number;
  busy: boolean;
  /** How long the handler ran in the environment's latest invocation (the worker measures it). */
  handlerMs?: number;
  dead: boolean;
  idleSince: number;
  pending?: { id: string; resolve: (r: { ok: true; json: string } | { ok: false; error: LambdaError }) => void };
}

/** reservedConcurrency is reached: Lambda's TooManyRequestsException. */
export class Throttled extends Error {}

export interface PoolOptions {
  /** Most environments at once. */
  cap: number;
  /** The cap is the function's reservedConcurrency (throttle beyond it) rather than the local cap (wait). */
  reserved: boolean;
  /** Starts an environment on the function's current build. */
  spawn(): Environment;
  terminate(env: Environment): void;
}

interface Waiter {
  resolve(env: Environment): void;
  reject(error: Error): void;
}

export class EnvironmentPool {
  readonly envs: Environment[] = [];
  private waiters: Waiter[] = [];
  private closed = false;
  /** The newest build seen: environments of older ones are retired. */
  private latest = 0;
  /** Recent handler run times and environment start times (moving averages), to size the pool. */
  private handlerMs = 0;
  private startMs = 100;

  constructor(private readonly options: PoolOptions) {}

  /** An environment of this build for one invocation. `throttle`: fail at once when reservedConcurrency is reached. */
  acquire(version: number, throttle = false): Promise<Environment> {
    if (this.closed) return Promise.reject(new Error('the local runtime is stopping'));
    this.latest = Math.max(this.latest, version);
    for (const env of [...this.envs]) if (!env.busy && env.version < this.latest) this.discard(env);
    const busy = this.envs.filter((e) => e.busy).length;
    if (throttle && this.options.reserved && busy + this.waiters.length >= this.options.cap) return Promise.reject(new Throttled('Rate Exceeded.'));
    const idle = this.envs.find((e) => e.started && !e.busy && !e.dead);
    if (idle) {
      idle.busy = true;
      return Promise.resolve(idle);
    }
    return new Promise<Environment>((resolve, reject) => {
      this.waiters.push({ resolve, reject });
      this.grow();
    });
  }

  /** Starts environments for waiting invocations that no starting one will serve. */
  private grow(): void {
    while (!this.closed && this.worthStarting()) this.start();
  }

  /**
   * Whether waiting invocations are better served by a new environment: up to a few
   * environments, always; beyond, when the last of them would wait (its share of handler
   * runs of average length) longer than a quarter of what starting one takes. A handler
   * that mostly waits (on I/O) grows the pool; a quick one, whose invocations are bound by
   * this process's own work rather than by environments, does not.
   */
  private worthStarting(): boolean {
    const live = this.envs.filter((e) => !e.dead);
    const starting = live.filter((e) => !e.started).length;
    if (live.length >= this.options.cap || starting >= this.waiters.length) return false;
    if (live.length < EAGER_ENVIRONMENTS) return true;
    return (this.waiters.length / live.length) * this.handlerMs > this.startMs / 4;
  }

  private start(): void {
    const env = this.options.spawn();
    const spawnedAt = performance.now();
    this.latest = Math.max(this.latest, env.version);
    this.envs.push(env);
    void env.ready.then(() => {
      this.startMs = average(this.startMs, performance.now() - spawnedAt);
      env.started = true;
      if (!env.busy) this.offer(env);
    });
  }

  /** An environment finished an invocation (or started): the oldest waiter gets it, else it idles. */
  release(env: Environment): void {
    env.busy = false;
    if (env.handlerMs !== undefined) this.handlerMs = average(this.handlerMs, env.handlerMs);
    env.handlerMs = undefined;
    this.offer(env);
    if (this.waiters.length) this.grow();
  }

  private offer(env: Environment): void {
    // a dead environment, or one running the code of an older build, is not used again
    if (env.dead || !this.envs.includes(env) || env.version < this.latest) return this.discard(env);
    const waiter = this.waiters.shift();
    if (!waiter) {
      env.idleSince = Date.now();
      return;
    }
    env.busy = true;
    waiter.resolve(env);
  }

  discard(env: Environment): void {
    if (!env.dead) {
      env.dead = true;
      this.options.terminate(env);
    }
    const i = this.envs.indexOf(env);
    if (i >= 0) this.envs.splice(i, 1);
    if (this.waiters.length && !this.closed) this.grow();
  }

  /** Ends environments idle longer than `idleMs`, keeping the most recently used one. */
  reap(now: number, idleMs = IDLE_ENVIRONMENT_MS): void {
    const idle = this.envs.filter((e) => e.started && !e.busy).sort((a, b) => b.idleSince - a.idleSince);
    const keep = this.envs.some((e) => e.busy) ? 0 : 1;
    for (const env of idle.slice(keep)) if (now - env.idleSince > idleMs) this.discard(env);
  }

  close(): Environment[] {
    this.closed = true;
    for (const w of this.waiters.splice(0)) w.reject(new Error('the local runtime is stopping'));
    return this.envs.splice(0);
  }
}

/** An exponential moving average giving the newest sample a fifth of the weight. */
const average = (current: number, sample: number) => (current === 0 ? sample : current * 0.8 + sample * 0.2);
