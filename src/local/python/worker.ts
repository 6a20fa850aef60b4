// A Python function's execution environment: one long-lived python3 process running the
// bootstrap, driven like a Node worker thread (postMessage / 'message' / 'exit' / terminate):
// invoke messages go to its stdin as JSON lines, its replies come back as JSON lines on fd 3,
// and its stdout/stderr (print, tracebacks) are the handler's output.
import { spawn, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { createInterface } from 'node:readline';
import { PassThrough, type Readable } from 'node:stream';
import type { FromWorker, ToWorker } from '../worker-source.js';
import { pythonBootstrap } from './bootstrap.js';
import type { PythonInterpreter } from './interpreter.js';

export interface PythonWorkerOptions {
  interpreter: PythonInterpreter;
  /** Absolute path of the code root (Lambda's task root: the process's cwd and first sys.path entry). */
  codeRoot: string;
  /** The handler's module (handlers.orders) and function (handler). */
  module: string;
  function: string;
  env: Record<string, string>;
  /** The app runs on a clock other than the wall clock: time and datetime then read each invoke message's `now`. */
  appClock?: boolean;
}

/** What the bootstrap sends on fd 3: a worker thread's messages but 'crash' (an exception outside the handler's call ends the process, seen as its exit). */
export type FromPython = Exclude<FromWorker, { type: 'crash' }>;

/** Emits 'message' (a FromPython), 'exit' and 'error', as a worker thread does. */
export class PythonWorker extends EventEmitter {
  readonly stdout: Readable;
  readonly stderr: Readable;
  private child?: ChildProcess;
  private exited?: Promise<number>;

  constructor(options: PythonWorkerOptions) {
    super();
    const { interpreter } = options;
    if (interpreter.problem && !interpreter.accepted) {
      this.stdout = new PassThrough();
      this.stderr = new PassThrough();
      const error = { errorType: 'Runtime.PythonUnavailable', errorMessage: interpreter.problem };
      setImmediate(() => this.emit('message', { type: 'ready', ms: 0, error } satisfies FromPython));
      return;
    }
    const child = spawn(interpreter.executable ?? interpreter.command, ['-u', '-c', pythonBootstrap, options.codeRoot, options.module, options.function, ...(options.appClock ? ['app-clock'] : [])], {
      cwd: options.codeRoot,
      env: options.env,
      stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
    });
    this.child = child;
    this.stdout = child.stdout!;
    this.stderr = child.stderr!;
    child.stdin!.on('error', () => undefined);
    const replies = createInterface({ input: child.stdio[3] as Readable });
    replies.on('line', (line) => {
      let message: FromPython;
      try {
        message = JSON.parse(line) as FromPython;
      } catch {
        return;
      }
      this.emit('message', message);
    });
    this.exited = new Promise((resolve) => {
      child.on('exit', (code, signal) => {
        // replies already read are delivered first
        replies.close();
        setImmediate(() => {
          this.emit('exit', code ?? (signal ? 1 : 0));
          resolve(code ?? 1);
        });
      });
    });
    child.on('error', (error) => this.emit('error', new Error(`${interpreter.command}: ${error.message}`)));
  }

  postMessage(message: ToWorker): void {
    this.child?.stdin?.write(`${JSON.stringify(message)}\n`);
  }

  unref(): void {
    this.child?.unref();
    for (const stream of [this.child?.stdin, this.child?.stdout, this.child?.stderr, this.child?.stdio[3]]) (stream as { unref?: () => void } | null | undefined)?.unref?.();
  }

  /** Ends the process (a timed-out or retired environment), as Lambda ends the sandbox. */
  async terminate(): Promise<number> {
    if (!this.child) return 0;
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    return this.exited!;
  }
}
