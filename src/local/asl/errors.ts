// A Step Functions error: a name (matched by ErrorEquals) and a cause; and the stop of an
// execution, which is not one.
import { JsonPathError } from './jsonpath.js';

export class StatesError extends Error {
  constructor(
    readonly error: string,
    override readonly cause: string,
  ) {
    super(`${error}: ${cause}`);
    this.name = error;
  }

  /** A Fail state's error: AWS reports no Error and no Cause when the state names none. */
  static fromFail(error: string | undefined, cause: string | undefined): StatesError {
    const e = new StatesError(error ?? '', cause ?? '');
    e.unnamed = error === undefined;
    e.uncaused = cause === undefined;
    return e;
  }

  /** Set when a Fail state named no Error / no Cause: DescribeExecution then shows none. */
  unnamed = false;
  uncaused = false;

  /** States.Runtime and States.DataLimitExceeded end the execution: no Retry or Catch. */
  get terminal(): boolean {
    return this.error === 'States.Runtime' || this.error === 'States.DataLimitExceeded';
  }
}

export const runtimeError = (cause: string) => new StatesError('States.Runtime', cause);

/** The execution (or the branch, Map item or task it reaches) was stopped: not a States error. */
export class ExecutionAborted extends Error {
  constructor() {
    super('the execution was stopped');
    this.name = 'ExecutionAborted';
  }
}

export function toStatesError(error: unknown): StatesError {
  if (error instanceof StatesError) return error;
  if (error instanceof JsonPathError) return runtimeError(error.message);
  if (error instanceof Error) return new StatesError(error.name || 'Error', error.message);
  return new StatesError('Error', String(error));
}

const LOCATED = 'An error occurred while executing the state';

/**
 * A run-time or query error with AWS's prefix naming the state (and the event id of its
 * entry when a history is kept); other errors are the task's or the author's, unchanged.
 */
export function located(e: StatesError, stateName: string, eventId?: number): StatesError {
  if ((e.error !== 'States.Runtime' && e.error !== 'States.QueryEvaluationError') || e.cause.startsWith(LOCATED)) return e;
  const at = eventId === undefined ? '' : ` (entered at the event id #${eventId})`;
  return new StatesError(e.error, `${LOCATED} '${stateName}'${at}. ${e.cause}`);
}
