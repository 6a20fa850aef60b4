// The code each function's worker thread runs (evaluated as a CommonJS script). It loads
// the bundled handler once — the cold start — then serves one invocation at a time: the
// event arrives as JSON, the handler gets a Lambda-like context, and the result goes back
// as JSON, exactly as the Lambda runtime serializes it. console output is forwarded.
import type { LambdaError } from './functions.js';

/** The Lambda context facts the main thread sends with each event. */
export interface InvokeContext {
  awsRequestId: string;
  /** Epoch ms when the function times out. */
  deadline: number;
  functionName: string;
  invokedFunctionArn: string;
  memoryLimitInMB: number;
  logGroupName: string;
  logStreamName: string;
}

/** What the main thread posts to a function's worker. */
export type ToWorker = { type: 'invoke'; id: string; /** the event, as JSON */ event: string; context: InvokeContext; /** the app clock's time (epoch ms) */ now?: number };

/** What a function's worker posts back (the source below sends exactly these). */
export type FromWorker =
  /** The handler module loaded (the cold start took ms), or failed to. */
  | { type: 'ready'; ms: number; error?: LambdaError }
  /** One console call inside the handler. */
  | { type: 'log'; level: string; requestId?: string; text: string }
  /** The handler's result (as JSON) or error for invocation id. */
  | { type: 'result'; id: string; ok: true; json: string; ms: number }
  | { type: 'result'; id: string; ok: false; error: LambdaError }
  /** An unhandled rejection or uncaught exception: the worker exits right after. */
  | { type: 'crash'; error: LambdaError; label: string; requestId?: string };

export const workerSource = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const { format } = require('node:util');
const { pathToFileURL } = require('node:url');
process.setSourceMapsEnabled && process.setSourceMapsEnabled(true);

// Some SDK operations prefix the endpoint's host (Step Functions' StartSyncExecution calls
// sync-<host>); with the loopback endpoint that is sync-127.0.0.1, which no resolver knows.
// Such names resolve to the loopback address, so those calls reach the local services too.
{
  const dns = require('node:dns');
  const lookup = dns.lookup;
  dns.lookup = function (hostname, ...rest) {
    return lookup.call(this, typeof hostname === 'string' && /^[a-z0-9-]+-127\.0\.0\.1$/i.test(hostname) ? '127.0.0.1' : hostname, ...rest);
  };
}

// The app's clock: when it is not wall-clock time (eda/testing's virtual clock), Date in the
// handler reads the app's time as of the event, moving on with real time during the invocation.
const RealDate = Date;
let clockOffset = 0;
function useAppClock(now) {
  const offset = typeof now === 'number' ? now - RealDate.now() : 0;
  clockOffset = Math.abs(offset) < 1000 ? 0 : offset;
  if (clockOffset === 0 || globalThis.Date !== RealDate) return;
  globalThis.Date = new Proxy(RealDate, {
    construct: (target, args, newTarget) => Reflect.construct(target, args.length ? args : [RealDate.now() + clockOffset], newTarget),
    apply: () => new RealDate(RealDate.now() + clockOffset).toString(),
    get: (target, prop, receiver) => (prop === 'now' ? () => RealDate.now() + clockOffset : Reflect.get(target, prop, receiver)),
  });
}

let current; // request id of the invocation in progress
let last; // request id of the latest invocation (blamed for a crash between invocations)
const send = (message) => parentPort.postMessage(message); // a FromWorker (see the types above)
const logAt = (level) => (...args) => send({ type: 'log', level, requestId: current, text: format(...args) });
console.log = logAt('INFO');
console.info = logAt('INFO');
console.warn = logAt('WARN');
console.error = logAt('ERROR');
console.debug = logAt('DEBUG');
console.trace = logAt('TRACE');

// As Lambda's Node.js runtime: an unhandled rejection or an exception thrown outside the
// handler's own call chain fails the invocation in progress (or, between invocations, is
// logged) and ends the environment; the next event starts a new one.
process.on('unhandledRejection', (reason) => {
  const e = toError(reason);
  const message = reason instanceof Error ? e.errorType + ': ' + e.errorMessage : e.errorMessage;
  crash({ errorType: 'Runtime.UnhandledPromiseRejection', errorMessage: message, trace: e.trace }, 'Unhandled Promise Rejection', 128);
});
process.on('uncaughtException', (error) => crash(toError(error), 'Uncaught Exception', 129));

function crash(error, label, code) {
  send({ type: 'crash', error, label, requestId: current || last });
  process.exit(code);
}

function toError(error, type) {
  if (error instanceof Error) {
    return {
      errorType: type || error.name || 'Error',
      errorMessage: error.message,
      trace: String(error.stack || '').split('\n'),
    };
  }
  return { errorType: type || 'Error', errorMessage: typeof error === 'string' ? error : JSON.stringify(error) };
}

let handler;
const started = performance.now();
import(pathToFileURL(workerData.file).href)
  .then((mod) => {
    const fn = mod[workerData.export] ?? (mod.default && mod.default[workerData.export]);
    if (typeof fn !== 'function') {
      send({ type: 'ready', ms: performance.now() - started, error: { errorType: 'Runtime.HandlerNotFound', errorMessage: workerData.handlerFile + ' does not export a function named ' + workerData.export } });
      return;
    }
    handler = fn;
    send({ type: 'ready', ms: performance.now() - started });
  })
  .catch((error) => {
    const e = toError(error);
    send({ type: 'ready', ms: performance.now() - started, error: { errorType: 'Runtime.ImportModuleError', errorMessage: e.errorType + ': ' + e.errorMessage, trace: e.trace } });
  });

parentPort.on('message', async (message) => {
  // a ToWorker
  if (message.type !== 'invoke') return;
  const c = message.context;
  current = last = c.awsRequestId;
  useAppClock(message.now);
  const deadline = c.deadline;
  const context = {
    callbackWaitsForEmptyEventLoop: true,
    functionName: c.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: c.invokedFunctionArn,
    memoryLimitInMB: String(c.memoryLimitInMB),
    awsRequestId: c.awsRequestId,
    logGroupName: c.logGroupName,
    logStreamName: c.logStreamName,
    getRemainingTimeInMillis: () => Math.max(0, deadline - RealDate.now()),
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
  let reply;
  const began = performance.now();
  try {
    const event = JSON.parse(message.event);
    let result;
    if (handler.length >= 3) {
      result = await new Promise((resolve, reject) => {
        const maybe = handler(event, context, (error, value) => (error ? reject(error) : resolve(value)));
        if (maybe && typeof maybe.then === 'function') maybe.then(resolve, reject);
      });
    } else {
      result = await handler(event, context);
    }
    const json = result === undefined ? 'null' : JSON.stringify(result);
    reply = { type: 'result', id: message.id, ok: true, json: json === undefined ? 'null' : json, ms: performance.now() - began };
  } catch (error) {
    reply = { type: 'result', id: message.id, ok: false, error: toError(error) };
  }
  // a promise the handler left behind that rejects in this same turn fails this invocation,
  // as it does on Lambda: let Node report unhandled rejections before answering
  await new Promise((resolve) => setImmediate(resolve));
  current = undefined;
  send(reply);
});
`;
