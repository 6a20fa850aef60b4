// The public types of eda/testing (shipped as its .d.ts): what a test sees of a running app.
// Kept apart from the implementation so the declarations stay small and self-contained.
import type { ErrorInfo, TraceEvent } from '../local/trace.js';

export type { ErrorInfo, TraceEvent } from '../local/trace.js';

type Strip<E> = E extends { kind: 'http' | 'invoke' | 'reload' } ? Omit<E, 'ms' | 'coldStartMs'> : E;

export interface StartOptions {
  /** The project folder (holds app.yaml). Default: EDA_PROJECT_DIR (set by `eda test`), else the current folder. */
  cwd?: string;
  /** 'virtual' (default): time moves only through settle() and advance(). 'real': wall-clock time. */
  clock?: 'virtual' | 'real';
  /** The stage whose overrides apply (default: EDA_STAGE, set by `eda test --stage`, else dev). */
  stage?: string;
  /** Ids (message ids, request ids, execution names) derive from it under the virtual clock (default 'eda'). */
  seed?: string | number;
  /** Where the virtual clock starts (default 2025-01-01T00:00:00Z). */
  startTime?: string | number | Date;
  /**
   * Real milliseconds running handlers may show no progress before the app's clock moves on
   * anyway (a handler awaiting the clock, e.g. an SQS long poll), and a handler waits for its
   * turn before running anyway (one waiting on another). Default 5000.
   */
  stallMs?: number;
}

export interface HttpRequest {
  body?: unknown;
  headers?: Record<string, string>;
  /** Which API (default: the first app.yaml declares). */
  api?: string;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  /** The body parsed as JSON when it is JSON, else the text. */
  body: any;
  text: string;
}

export interface EventInput {
  bus: string;
  source: string;
  detailType: string;
  detail: unknown;
  resources?: string[];
}

export interface TestApp {
  readonly name: string;
  readonly stage: string;
  /** The app's current time. */
  now(): Date;
  http(method: string, path: string, init?: HttpRequest): Promise<HttpResponse>;
  /** Puts an event on a bus (PutEvents); resolves with its id. */
  putEvent(event: EventInput): Promise<string>;
  /**
   * A declared event (`events:`) ready for putEvent: its bus, source and detail-type, and a
   * detail generated from its JSON Schema (the same for the same seed, default 1), `overrides`
   * merged into it (objects merged, anything else replaced; not re-validated, so a test can break
   * the contract on purpose).
   */
  sampleEvent(event: string, overrides?: Record<string, unknown>, options?: { seed?: number }): EventInput;
  /** Sends a message to a queue (a string as is, anything else as JSON); resolves with its id. */
  send(queue: string, body: unknown, options?: { delaySeconds?: number; groupId?: string; attributes?: Record<string, string> }): Promise<string>;
  /** Publishes to a topic (a string as is, anything else as JSON); resolves with the message id. */
  publish(topic: string, message: unknown, options?: { subject?: string; attributes?: Record<string, string> }): Promise<string>;
  /** Runs one function once, synchronously (as `eda invoke` does). */
  invoke(fn: string, event: unknown): Promise<{ ok: boolean; value?: unknown; error?: { errorType: string; errorMessage: string } }>;
  /** Starts a workflow execution; resolves with its name. */
  startWorkflow(workflow: string, input?: unknown): Promise<string>;
  /** Runs until no work is runnable and no timer but schedules is due within `within` (default 24h). */
  settle(options?: { within?: number | string }): Promise<SettleReport>;
  /** Moves the clock forward; everything due on the way (schedules included) fires in order. */
  advance(duration: number | string): Promise<SettleReport>;
  queue(name: string): QueueView;
  table(name: string): TableView;
  workflow(name: string): { executions: ExecutionView[] };
  /** Every hop so far, in order. */
  readonly trace: Hop[];
  /** Failed invocations and deliveries, failed executions, crashes, build errors. */
  readonly errors: AppError[];
  /** Replaces a function's handler until unmock (or stop). */
  mock(fn: string, handler: MockHandler): void;
  unmock(fn?: string): void;
  stop(): Promise<void>;
}

/** A replacement handler: receives the event (a copy, as Lambda would) and a small context. */
export type MockHandler = (event: any, context: { awsRequestId: string; functionName: string }) => unknown;

/** One hop: the event's fields (see docs/testing.md) and when it happened on the app's clock. */
export type Hop = Strip<TraceEvent> & { time: string };

/** Something that went wrong, as `app.errors` lists it. */
export interface AppError {
  time: string;
  /** invoke: a handler failed (or timed out); delivery: a rule could not deliver; workflow: an execution failed;
   *  async: an asynchronous invocation gave up; stream: a stream batch was discarded; crash: a handler's
   *  unhandled rejection or exception; build: the handlers did not bundle; warn: the runtime's own warnings. */
  kind: 'invoke' | 'delivery' | 'workflow' | 'async' | 'stream' | 'crash' | 'build' | 'warn';
  /** The function, rule, workflow or table concerned. */
  source: string;
  error: ErrorInfo;
  hop: Hop;
}

/** Something that was still waiting when settle() returned. */
export type Pending =
  | { kind: 'timer'; at: string; inMs: number; what?: string; recurring: boolean }
  | { kind: 'queue'; queue: string; visible: number; inFlight: number; delayed: number }
  | { kind: 'workflow'; workflow: string; execution: string; status: 'RUNNING' }
  | { kind: 'invocation'; function: string; count: number };

export interface SettleReport {
  /** True when nothing is left but recurring schedules: no message, execution, retry or handler. */
  idle: boolean;
  /** The app's time when settle returned (ISO 8601). */
  now: string;
  /** How far the app's clock moved. */
  elapsedMs: number;
  /** What is still waiting: timers other than schedules, messages, running executions and handlers. */
  pending: Pending[];
}

export interface QueueMessage {
  messageId: string;
  /** The body as sent. */
  body: string;
  /** The body parsed as JSON (undefined when it is not JSON). */
  data: unknown;
  attributes: Record<string, { DataType: string; StringValue?: string; BinaryValue?: string }>;
  receiveCount: number;
  /** visible: waiting for a receive; inFlight: received, not deleted; delayed: not visible yet. */
  state: 'visible' | 'inFlight' | 'delayed';
}

export interface QueueView {
  name: string;
  messages: QueueMessage[];
  /** The queue's dead-letter queue (empty when it has none). */
  dlq: { name?: string; messages: QueueMessage[] };
}

export interface ExecutionView {
  name: string;
  arn: string;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';
  input: unknown;
  output?: unknown;
  /** The error name of a failed execution (e.g. PaymentError) and its cause. */
  error?: string;
  cause?: string;
  startDate: string;
  stopDate?: string;
  /** The states it entered, in order (nested branches included). */
  states: string[];
}

export interface TableView {
  get(key: Record<string, unknown>): Promise<Record<string, unknown> | undefined>;
  scan(): Promise<Record<string, unknown>[]>;
  put(item: Record<string, unknown>): Promise<void>;
}
