// The shapes the ASL interpreter works with: a state machine definition, the context
// object ($$), a task call and its runner, the hooks a caller observes a run through, and
// one run's options.
import type { TimerClock } from '../clock.js';
import type { StatesError } from './errors.js';

export type Json = Record<string, unknown>;

export type QueryLanguage = 'JSONPath' | 'JSONata';

export interface StateMachineDefinition {
  StartAt: string;
  States: Record<string, Json>;
  TimeoutSeconds?: number;
  Comment?: string;
  QueryLanguage?: QueryLanguage;
}

export interface ContextObject {
  Execution: { Id: string; Input: unknown; Name: string; RoleArn: string; StartTime: string; RedriveCount: number };
  StateMachine: { Id: string; Name: string };
  State?: { EnteredTime: string; Name: string; RetryCount: number };
  Task?: { Token: string };
  Map?: { Item: { Index: number; Value: unknown } };
}

export interface TaskCall {
  resource: string;
  /** The effective input: after InputPath and Parameters. */
  input: unknown;
  /** The state's label (Map and Parallel children: Parent[2]/Child). */
  state: string;
  taskToken?: string;
  /** Aborted when the task times out or the execution stops. */
  signal: AbortSignal;
  context: ContextObject;
  /** The state's HeartbeatSeconds, if any. */
  heartbeatSeconds?: number;
}

export type TaskRunner = (call: TaskCall) => Promise<unknown>;

export interface MachineHooks {
  /** A state is entered; a caller that keeps a history returns the entry's event id. */
  entered?(state: string, type: string, input: unknown): number | void;
  exited?(state: string, type: string, ms: number, next: string | undefined, output: unknown): void;
  retried?(state: string, error: StatesError, attempt: number, delayMs: number): void;
  caught?(state: string, error: StatesError, next: string): void;
  failed?(state: string, error: StatesError): void;
}

export interface RunOptions {
  context: ContextObject;
  tasks: TaskRunner;
  clock: TimerClock;
  signal?: AbortSignal;
  hooks?: MachineHooks;
  newTaskToken?: () => string;
}

/** One run (an execution, or a Parallel branch or Map item inside it). */
export interface Run extends RunOptions {
  signal: AbortSignal;
  /** The machine's query language, which its branches and iterations inherit. */
  language: QueryLanguage;
}

/** Runs a machine (or a branch or item processor) from StartAt to its end. */
export type RunMachine = (machine: StateMachineDefinition, input: unknown, run: Run, prefix: string, extra?: Partial<ContextObject>) => Promise<unknown>;

/** What a state hands on: its output, and the next state or the end. */
export interface Outcome {
  output: unknown;
  next?: string;
  end: boolean;
}

/** The variables a path or expression reads (see variables.ts). */
export interface VariableReader {
  has(name: string): boolean;
  get(name: string): unknown;
  all(): Record<string, unknown>;
}

/** Where a context object keeps its run's variables: a symbol key, so `$$` output never shows it. */
const SCOPE = Symbol('eda.asl.variables');

export function withScope<T extends object>(context: T, scope: VariableReader): T {
  return { ...context, [SCOPE]: scope };
}

export function scopeOf(context: unknown): VariableReader | undefined {
  return context && typeof context === 'object' ? (context as Record<symbol, VariableReader | undefined>)[SCOPE] : undefined;
}

/** The history event id of the state's entry, for AWS's "(entered at the event id #N)" causes. */
const ENTERED = Symbol('eda.asl.entered');

export function withEntered<T extends object>(context: T, eventId: number | undefined): T {
  return eventId === undefined ? context : { ...context, [ENTERED]: eventId };
}

export function enteredEventOf(context: unknown): number | undefined {
  return context && typeof context === 'object' ? (context as Record<symbol, number | undefined>)[ENTERED] : undefined;
}
