// Runs ASL definitions in-process for the interpreter's tests: tasks by resource name, every hook recorded.
import { StatesError } from '../../src/local/asl/errors.js';
import { runStateMachine, type StateMachineDefinition, type TaskCall } from '../../src/local/asl/interpreter.js';
import { realClock, type TimerClock } from '../../src/local/clock.js';

export const context = {
  Execution: { Id: 'arn:aws:states:eu-west-1:000000000000:execution:sm:exec-1', Input: {}, Name: 'exec-1', RoleArn: 'role', StartTime: '2025-01-01T00:00:00.000Z', RedriveCount: 0 },
  StateMachine: { Id: 'arn:aws:states:eu-west-1:000000000000:stateMachine:sm', Name: 'sm' },
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Tasks = Record<string, (input: any, call: TaskCall) => unknown>;

export function run(definition: Record<string, unknown>, input: unknown, tasks: Tasks = {}, clock: TimerClock = realClock) {
  const events: string[] = [];
  const promise = runStateMachine(definition as unknown as StateMachineDefinition, input, {
    context: { ...context, Execution: { ...context.Execution, Input: input } },
    clock,
    tasks: async (call) => {
      const fn = tasks[call.resource];
      if (!fn) throw new StatesError('States.TaskFailed', `no task ${call.resource}`);
      return fn(call.input, call);
    },
    hooks: {
      entered: (s) => void events.push(`enter ${s}`),
      retried: (s, e, n, d) => events.push(`retry ${s} ${e.error} #${n} ${Math.round(d)}ms`),
      caught: (s, e, next) => events.push(`catch ${s} ${e.error} → ${next}`),
      failed: (s, e) => events.push(`fail ${s} ${e.error}`),
    },
  });
  return { promise, events };
}

/** A machine of one state S that ends it. */
export const one = (state: Record<string, unknown>) => ({ StartAt: 'S', States: { S: { End: true, ...state } } });

/** The StatesError an execution fails with (a test fails when it succeeds). */
export async function failure(p: Promise<unknown>): Promise<StatesError> {
  try {
    await p;
  } catch (e) {
    return e as StatesError;
  }
  throw new Error('the execution succeeded');
}
