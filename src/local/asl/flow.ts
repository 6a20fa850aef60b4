// What Task, Parallel and Map do the same way in both query languages: one task call raced
// against its timeout and the run's stop; branches run side by side; Map items run under
// MaxConcurrency with tolerated failures. Each branch and item gets its own variable scope.
import { uuid } from '../ids.js';
import { ExecutionAborted, StatesError, toStatesError } from './errors.js';
import { Scope } from './variables.js';
import { scopeOf, withScope, type ContextObject, type Json, type Run, type RunMachine, type StateMachineDefinition } from './types.js';

/** A child signal that aborts with its parent, and can be aborted alone. */
export function childController(parent: AbortSignal): AbortController {
  const c = new AbortController();
  if (parent.aborted) c.abort(parent.reason);
  else parent.addEventListener('abort', () => c.abort(parent.reason), { once: true });
  return c;
}

/** Rejects with the signal's reason once it aborts (at once if it has). */
export function rejectOnAbort(signal: AbortSignal): Promise<never> {
  return new Promise<never>((_, reject) => {
    const stop = () => reject(signal.reason);
    if (signal.aborted) stop();
    else signal.addEventListener('abort', stop, { once: true });
  });
}

export interface TaskAttempt {
  resource: string;
  /** The task's input, computed against the attempt's context (where $$.Task.Token exists). */
  input(taskCtx: ContextObject): unknown | Promise<unknown>;
  timeoutSeconds?: number;
  heartbeatSeconds?: number;
}

/** One attempt of a Task: the task runner's raw result, raced against TimeoutSeconds and the run's stop. */
export async function attemptTask(a: TaskAttempt, ctx: ContextObject, run: Run, label: string): Promise<unknown> {
  const token = a.resource.endsWith('.waitForTaskToken') ? (run.newTaskToken?.() ?? uuid()) : undefined;
  const taskCtx: ContextObject = token ? { ...ctx, Task: { Token: token } } : ctx;
  const controller = childController(run.signal);
  const { timeoutSeconds } = a;
  const timer =
    timeoutSeconds !== undefined
      ? run.clock.after(timeoutSeconds * 1000, () => controller.abort(new StatesError('States.Timeout', `Task timed out after ${timeoutSeconds} seconds`)))
      : undefined;
  try {
    const input = await a.input(taskCtx);
    return await Promise.race([
      run.tasks({ resource: a.resource, input, state: label, taskToken: token, signal: controller.signal, context: taskCtx, heartbeatSeconds: a.heartbeatSeconds }),
      rejectOnAbort(controller.signal),
    ]);
  } finally {
    timer?.cancel();
    if (!controller.signal.aborted) controller.abort(new ExecutionAborted());
  }
}

/** A run for a branch or item: its own stop signal and a variable scope inside the current one. */
function childRun(run: Run, ctx: ContextObject, signal: AbortSignal, isolated = false): Run {
  const outer = scopeOf(ctx);
  const scope = outer instanceof Scope ? outer.child(isolated) : new Scope();
  return { ...run, signal, context: withScope(run.context, scope) };
}

/** Every branch on the same input; the first failure stops the others. */
export async function runBranches(branches: StateMachineDefinition[], input: unknown, ctx: ContextObject, run: Run, label: string, runMachine: RunMachine): Promise<unknown[]> {
  const controller = childController(run.signal);
  try {
    return await Promise.all(
      branches.map((b, i) =>
        runMachine(b, input, childRun(run, ctx, controller.signal), `${label}[${i}]/`).catch((error) => {
          controller.abort(new ExecutionAborted());
          throw error;
        }),
      ),
    );
  } finally {
    if (!controller.signal.aborted) controller.abort(new ExecutionAborted());
  }
}

export interface MapRun {
  processor: StateMachineDefinition;
  items: unknown[];
  /** The input of item `index` (ItemSelector applied). */
  itemInput(index: number, mapCtx: Partial<ContextObject>): unknown | Promise<unknown>;
  maxConcurrency: number;
  toleratedCount?: number;
  toleratedPercent?: number;
  /** A distributed Map: iterations see no outer variable. */
  distributed: boolean;
  /** Filled with the indexes of items that failed (tolerated failures). */
  failed?: Set<number>;
}

/** Runs every item through the processor; the results in item order, failures as {Error, Cause} when tolerated. */
export async function runItems(m: MapRun, ctx: ContextObject, run: Run, label: string, runMachine: RunMachine): Promise<unknown[]> {
  const { items, toleratedCount, toleratedPercent } = m;
  const tolerant = toleratedCount !== undefined || toleratedPercent !== undefined;
  const controller = childController(run.signal);
  const results: unknown[] = new Array(items.length);
  let failures = 0;
  let firstError: unknown;
  let nextIndex = 0;
  const worker = async () => {
    while (nextIndex < items.length && !controller.signal.aborted) {
      const index = nextIndex++;
      const mapCtx: Partial<ContextObject> = { Map: { Item: { Index: index, Value: items[index] } } };
      try {
        const itemInput = await m.itemInput(index, mapCtx);
        results[index] = await runMachine(m.processor, itemInput, childRun(run, ctx, controller.signal, m.distributed), `${label}[${index}]/`, mapCtx);
      } catch (error) {
        if (error instanceof ExecutionAborted) return;
        failures++;
        m.failed?.add(index);
        const e = toStatesError(error);
        results[index] = { Error: e.error, Cause: e.cause };
        const overCount = toleratedCount !== undefined && failures > toleratedCount;
        const overPercent = toleratedPercent !== undefined && (failures / items.length) * 100 > toleratedPercent;
        if (!tolerant || overCount || overPercent || e.terminal) {
          firstError ??= tolerant && !e.terminal ? new StatesError('States.ExceedToleratedFailureThreshold', `The Map '${label}' failed on ${failures} of ${items.length} items`) : e;
          controller.abort(new ExecutionAborted());
          return;
        }
      }
    }
  };
  try {
    const max = m.maxConcurrency > 0 ? m.maxConcurrency : items.length || 1;
    await Promise.all(Array.from({ length: Math.min(max, Math.max(1, items.length)) }, worker));
  } finally {
    if (!controller.signal.aborted) controller.abort(new ExecutionAborted());
  }
  if (run.signal.aborted) throw run.signal.reason;
  if (firstError) throw firstError;
  return results;
}

/** Whether a Map's processor runs as a distributed Map. */
export const isDistributed = (state: Json) => ((state.ItemProcessor as Json | undefined)?.ProcessorConfig as Json | undefined)?.Mode === 'DISTRIBUTED';

/** ItemBatcher's grouping: `size` items a batch (all in one when absent), as { BatchInput, Items }. */
export function groupBatches(items: unknown[], size: number | undefined, batchInput: unknown): unknown[] {
  const n = size ?? (items.length || 1);
  const out: unknown[] = [];
  for (let i = 0; i < items.length; i += n) out.push(batchInput === undefined ? { Items: items.slice(i, i + n) } : { BatchInput: batchInput, Items: items.slice(i, i + n) });
  return out;
}
