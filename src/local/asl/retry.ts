// Error handling around Task, Parallel and Map: Retry (IntervalSeconds, BackoffRate,
// MaxAttempts, MaxDelaySeconds, FULL jitter) and then Catch (ResultPath or Output, Assign, Next).
import { applyAssign, assignJsonPath, evaluateAssign, languageOf } from './assign.js';
import { ExecutionAborted, located, runtimeError, toStatesError, type StatesError } from './errors.js';
import { evaluateTemplate, type Bindings } from './jsonata.js';
import { random } from '../ids.js';
import { setPath } from './jsonpath.js';
import { enteredEventOf, scopeOf, type ContextObject, type Json, type Outcome, type Run } from './types.js';

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
async function caught(state: Json, raw: unknown, e: StatesError, ctx: ContextObject, run: Run, label: string): Promise<Outcome | undefined> {
  const catcher = ((state.Catch as Json[] | undefined) ?? []).find((c) => errorMatches(c.ErrorEquals, e));
  if (!catcher) return undefined;
  const errorOutput = { Error: e.error, Cause: e.cause };
  const next = catcher.Next as string;
  let output: unknown;
  if (languageOf(state, run) === 'JSONata') {
    const b: Bindings = { states: { input: raw, errorOutput, context: ctx }, variables: scopeOf(ctx), state: label };
    const [out, assigned] = await Promise.all([catcher.Output === undefined ? errorOutput : evaluateTemplate(catcher.Output, 'Output', b), evaluateAssign(catcher.Assign, b)]);
    applyAssign(assigned, ctx, label);
    output = out;
  } else {
    const resultPath = catcher.ResultPath === undefined ? '$' : catcher.ResultPath;
    try {
      output = resultPath === null ? raw : setPath(raw, resultPath as string, errorOutput);
    } catch (err) {
      throw runtimeError(`Unable to apply the Catch ResultPath: ${(err as Error).message}`);
    }
    applyAssign(assignJsonPath(catcher.Assign, errorOutput, ctx), ctx, label);
  }
  run.hooks?.caught?.(label, e, next);
  return { output, next, end: false };
}

/** Runs a Task, Parallel or Map attempt (which computes the state's outcome) under its Retry and Catch policies. */
export async function withRetry(state: Json, raw: unknown, context: ContextObject, run: Run, label: string, body: (ctx: ContextObject) => Promise<Outcome>): Promise<Outcome> {
  const counts = new Map<number, number>();
  const retriers = (state.Retry as Json[] | undefined) ?? [];
  let retryCount = 0;
  for (;;) {
    const ctx = { ...context, State: { ...context.State!, RetryCount: retryCount } };
    try {
      return await body(ctx);
    } catch (error) {
      if (error instanceof ExecutionAborted || run.signal.aborted) throw run.signal.aborted ? run.signal.reason : error;
      const e = located(toStatesError(error), context.State!.Name, enteredEventOf(context));
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
      const outcome = await caught(state, raw, e, ctx, run, label);
      if (outcome) return outcome;
      throw e;
    }
  }
}
