// Error handling around Task, Parallel and Map: Retry (IntervalSeconds, BackoffRate,
// MaxAttempts, MaxDelaySeconds, FULL jitter) and then Catch (ResultPath, Next).
import { ExecutionAborted, runtimeError, toStatesError, type StatesError } from './errors.js';
import { random } from '../ids.js';
import { finish } from './input-output.js';
import { setPath } from './jsonpath.js';
import type { ContextObject, Json, Outcome, Run } from './types.js';

function errorMatches(names: unknown, error: StatesError): boolean {
  if (!Array.isArray(names)) return false;
  return names.some((n) => n === error.error || n === 'States.ALL' || (n === 'States.TaskFailed' && error.error !== 'States.Timeout'));
}

/** The wait before retry number `n + 1` under one retrier. */
function retryDelayMs(retrier: Json, n: number): number {
  let delay = ((retrier.IntervalSeconds as number | undefined) ?? 1) * ((retrier.BackoffRate as number | undefined) ?? 2) ** n * 1000;
  if (typeof retrier.MaxDelaySeconds === 'number') delay = Math.min(delay, retrier.MaxDelaySeconds * 1000);
  if (retrier.JitterStrategy === 'FULL') delay = random() * delay;
  return delay;
}

/** The first Catch that matches the error, as the state's outcome; undefined when none does. */
function caught(state: Json, raw: unknown, e: StatesError, run: Run, label: string): Outcome | undefined {
  const catcher = ((state.Catch as Json[] | undefined) ?? []).find((c) => errorMatches(c.ErrorEquals, e));
  if (!catcher) return undefined;
  const errorOutput = { Error: e.error, Cause: e.cause };
  const resultPath = catcher.ResultPath === undefined ? '$' : catcher.ResultPath;
  let output: unknown;
  try {
    output = resultPath === null ? raw : setPath(raw, resultPath as string, errorOutput);
  } catch (err) {
    throw runtimeError(`Unable to apply the Catch ResultPath: ${(err as Error).message}`);
  }
  run.hooks?.caught?.(label, e, catcher.Next as string);
  return { output, next: catcher.Next as string, end: false };
}

/** Runs a Task, Parallel or Map body under its Retry and Catch policies. */
export async function withRetry(state: Json, raw: unknown, context: ContextObject, run: Run, label: string, body: (ctx: ContextObject) => Promise<unknown>): Promise<Outcome> {
  const counts = new Map<number, number>();
  const retriers = (state.Retry as Json[] | undefined) ?? [];
  let retryCount = 0;
  for (;;) {
    try {
      const ctx = { ...context, State: { ...context.State!, RetryCount: retryCount } };
      const result = await body(ctx);
      return finish(raw, result, state);
    } catch (error) {
      if (error instanceof ExecutionAborted || run.signal.aborted) throw run.signal.aborted ? run.signal.reason : error;
      const e = toStatesError(error);
      if (e.terminal) throw e;
      const index = retriers.findIndex((r) => errorMatches(r.ErrorEquals, e));
      const n = counts.get(index) ?? 0;
      if (index >= 0 && n < ((retriers[index]!.MaxAttempts as number | undefined) ?? 3)) {
        const delay = retryDelayMs(retriers[index]!, n);
        counts.set(index, n + 1);
        retryCount++;
        run.hooks?.retried?.(label, e, retryCount, delay);
        await run.clock.sleep(delay, run.signal);
        continue;
      }
      const outcome = caught(state, raw, e, run, label);
      if (outcome) return outcome;
      throw e;
    }
  }
}
