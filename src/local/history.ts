// An execution's event history as GetExecutionHistory returns it: AWS's event types
// (ExecutionStarted, <Type>StateEntered/Exited, TaskScheduled/Started/Succeeded/Failed,
// ExecutionSucceeded/Failed/TimedOut/Aborted...), ids counting from 1, each pointing at
// the event before it, with the details field AWS names for that type.
import { StatesError, toStatesError } from './asl/errors.js';
import type { MachineHooks, TaskCall } from './asl/interpreter.js';
export interface HistoryEvent {
  id: number;
  previousEventId: number;
  timestamp: number;
  type: string;
  [details: string]: unknown;
}

/** The details field of each event type: ExecutionStarted → executionStartedEventDetails. */
const detailsKey = (type: string) => {
  if (/StateEntered$/.test(type)) return 'stateEnteredEventDetails';
  if (/StateExited$/.test(type)) return 'stateExitedEventDetails';
  return `${type[0]!.toLowerCase()}${type.slice(1)}EventDetails`;
};

/** Events that carry no details on AWS. */
const BARE = new Set(['ParallelStateStarted', 'ParallelStateSucceeded', 'MapStateStarted', 'MapStateSucceeded', 'WaitStateAborted']);

export class ExecutionHistory {
  readonly events: HistoryEvent[] = [];

  constructor(private readonly now: () => number) {}

  /** Records one event; returns its id. */
  add(type: string, details?: Record<string, unknown>): number {
    const id = this.events.length + 1;
    const event: HistoryEvent = { id, previousEventId: id - 1, timestamp: this.now(), type };
    if (details && !BARE.has(type)) event[detailsKey(type)] = details;
    this.events.push(event);
    return id;
  }
}

/** A payload as history details carry it: a JSON string and whether it was cut (AWS keeps 256 KiB). */
export function payload(value: unknown, field: 'input' | 'output'): Record<string, unknown> {
  const text = JSON.stringify(value ?? null);
  const truncated = Buffer.byteLength(text) > 256 * 1024;
  return { [field]: truncated ? '' : text, [`${field}Details`]: { truncated } };
}

/** The state's own name from the interpreter's label (Parallel and Map children: Parent[2]/Child). */
export const stateName = (label: string) => label.slice(label.lastIndexOf('/') + 1);

/** The hooks that write state entries and exits into the history, around the trace's own. */
export function recordingHooks(history: ExecutionHistory, inner: MachineHooks): MachineHooks {
  return {
    ...inner,
    entered(state, type, input) {
      inner.entered?.(state, type, input);
      return history.add(`${type}StateEntered`, { name: stateName(state), ...payload(input, 'input') });
    },
    exited(state, type, ms, next, output) {
      inner.exited?.(state, type, ms, next, output);
      history.add(`${type}StateExited`, { name: stateName(state), ...payload(output, 'output') });
    },
  };
}

/** How a task's resource appears in the history: lambda + invoke, sqs + sendMessage.waitForTaskToken. */
function resourceOf(resource: string): { resourceType: string; resource: string } | undefined {
  const m = /^arn:aws[a-z-]*:states:::(?:aws-sdk:)?([a-z0-9]+):(.+)$/.exec(resource);
  return m ? { resourceType: m[1]!, resource: m[2]! } : undefined;
}

/** Runs one task call and records it: TaskScheduled/Started/Succeeded/Failed/TimedOut (Lambda* for a function resource). */
export async function recordTask(history: ExecutionHistory, call: TaskCall, region: string, functionArn: string | undefined, run: () => Promise<unknown>): Promise<unknown> {
  const service = resourceOf(call.resource);
  const lambda = !service;
  const prefix = lambda ? 'LambdaFunction' : 'Task';
  const which = service ?? {};
  history.add(`${prefix}Scheduled`, lambda ? { resource: functionArn ?? call.resource, ...payload(call.input, 'input') } : { ...which, region, parameters: JSON.stringify(call.input ?? null) });
  history.add(`${prefix}Started`, lambda ? {} : which);
  const onAbort = () => {
    const reason = call.signal.reason as StatesError | undefined;
    if (reason instanceof StatesError && reason.error === 'States.Timeout') history.add(`${prefix}TimedOut`, { ...which, error: reason.error, cause: reason.cause });
  };
  call.signal.addEventListener('abort', onAbort, { once: true });
  try {
    const output = await run();
    history.add(`${prefix}Succeeded`, { ...which, ...payload(output, 'output') });
    return output;
  } catch (error) {
    if (!call.signal.aborted) {
      const e = toStatesError(error);
      history.add(`${prefix}Failed`, { ...which, error: e.error, cause: e.cause });
    }
    throw error;
  } finally {
    call.signal.removeEventListener('abort', onAbort);
  }
}

/** The execution's last event: Succeeded with its output, Failed with what it reports, TimedOut, Aborted. */
export function recordEnd(e: { status: string; output?: unknown; error?: string; cause?: string; history: ExecutionHistory }): void {
  if (e.status === 'SUCCEEDED') e.history.add('ExecutionSucceeded', payload(e.output, 'output'));
  else if (e.status === 'FAILED') e.history.add('ExecutionFailed', { ...(e.error !== undefined ? { error: e.error } : {}), ...(e.cause !== undefined ? { cause: e.cause } : {}) });
  else if (e.status === 'TIMED_OUT') e.history.add('ExecutionTimedOut', {});
  else if (e.status === 'ABORTED') e.history.add('ExecutionAborted', { ...(e.error !== undefined ? { error: e.error } : {}), ...(e.cause !== undefined ? { cause: e.cause } : {}) });
}
