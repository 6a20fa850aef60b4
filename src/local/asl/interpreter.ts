// An Amazon States Language interpreter (JSONPath query language): Task, Pass, Choice,
// Wait, Parallel, Map, Succeed and Fail; InputPath → Parameters/ItemSelector → task →
// ResultSelector → ResultPath → OutputPath; Retry with backoff, MaxDelaySeconds and
// jitter; Catch; TimeoutSeconds; the context object ($$); intrinsic functions.
//
// Written here rather than taken from npm: aws-local-stepfunctions 3 needs Node 22
// (Promise.withResolvers), has no $$.State/$$.Task context and keys task overrides by
// state name, which nested branches can repeat.
import type { TimerClock } from '../clock.js';
import { uuid } from '../ids.js';
import { evaluateRule } from './choice.js';
import { ExecutionAborted, runtimeError, StatesError, toStatesError } from './errors.js';
import { applyInputPath, applyOutputPath, effectiveInput, finish, mustQuery, payloadTemplate, selectResult } from './input-output.js';
import { evaluateIntrinsic, isIntrinsic } from './intrinsics.js';
import { withRetry } from './retry.js';
import type { ContextObject, Json, Outcome, Run, RunOptions, StateMachineDefinition } from './types.js';

export type { ContextObject, MachineHooks, RunOptions, StateMachineDefinition, TaskCall, TaskRunner } from './types.js';

const iso = (ms: number) => new Date(ms).toISOString();

/** Runs a state machine to its end; resolves with the output or rejects with a StatesError. */
export async function runStateMachine(definition: StateMachineDefinition, input: unknown, options: RunOptions): Promise<unknown> {
  const controller = new AbortController();
  const onAbort = () => controller.abort(new ExecutionAborted());
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted) onAbort();
  const run: Run = { ...options, signal: controller.signal };
  const timeout = definition.TimeoutSeconds;
  const timer =
    timeout !== undefined
      ? options.clock.after(timeout * 1000, () => controller.abort(new StatesError('States.Timeout', `The execution timed out after ${timeout} seconds`)))
      : undefined;
  try {
    return await Promise.race([runMachine(definition, input, run, ''), rejectOnAbort(controller.signal)]);
  } finally {
    timer?.cancel();
    options.signal?.removeEventListener('abort', onAbort);
    if (!controller.signal.aborted) controller.abort(new ExecutionAborted());
  }
}

async function runMachine(machine: StateMachineDefinition, input: unknown, run: Run, prefix: string, extra?: Partial<ContextObject>): Promise<unknown> {
  if (machine.QueryLanguage === 'JSONata') throw runtimeError('QueryLanguage JSONata is not supported by the local runtime; use JSONPath');
  let name = machine.StartAt;
  let data = input;
  for (;;) {
    if (run.signal.aborted) throw run.signal.reason;
    const state = machine.States?.[name];
    if (!state || typeof state !== 'object') throw runtimeError(`state '${name}' does not exist`);
    const label = prefix + name;
    const type = String(state.Type);
    const started = run.clock.now();
    run.hooks?.entered?.(label, type);
    const context: ContextObject = { ...run.context, ...extra, State: { EnteredTime: iso(started), Name: name, RetryCount: 0 } };
    let outcome: Outcome;
    try {
      outcome = await runState(state, data, context, run, label);
    } catch (error) {
      const e = toStatesError(error);
      if (!(error instanceof ExecutionAborted)) run.hooks?.failed?.(label, e);
      throw error instanceof ExecutionAborted ? error : e;
    }
    run.hooks?.exited?.(label, type, run.clock.now() - started, outcome.next);
    if (outcome.end) return outcome.output;
    data = outcome.output;
    name = outcome.next!;
  }
}

/** Rejects with the signal's reason once it aborts (at once if it has). */
function rejectOnAbort(signal: AbortSignal): Promise<never> {
  return new Promise<never>((_, reject) => {
    const stop = () => reject(signal.reason);
    if (signal.aborted) stop();
    else signal.addEventListener('abort', stop, { once: true });
  });
}

function unsupported(state: Json): void {
  for (const key of ['Assign', 'Arguments', 'Output']) {
    if (key in state) throw runtimeError(`${key} (variables / JSONata) is not supported by the local runtime`);
  }
}

/** A child signal that aborts with its parent, and can be aborted alone. */
function childController(parent: AbortSignal): AbortController {
  const c = new AbortController();
  if (parent.aborted) c.abort(parent.reason);
  else parent.addEventListener('abort', () => c.abort(parent.reason), { once: true });
  return c;
}

async function runState(state: Json, raw: unknown, context: ContextObject, run: Run, label: string): Promise<Outcome> {
  unsupported(state);
  switch (state.Type) {
    case 'Pass':
      return runPass(state, raw, context);
    case 'Task':
      return withRetry(state, raw, context, run, label, (ctx) => runTask(state, raw, ctx, run, label));
    case 'Choice':
      return runChoice(state, raw, context, label);
    case 'Wait':
      return runWait(state, raw, context, run);
    case 'Succeed':
      return { output: applyOutputPath(applyInputPath(raw, state.InputPath), state.OutputPath), end: true };
    case 'Fail':
      return runFail(state, raw, context);
    case 'Parallel':
      return withRetry(state, raw, context, run, label, (ctx) => runParallel(state, raw, ctx, run, label));
    case 'Map':
      return withRetry(state, raw, context, run, label, (ctx) => runMap(state, raw, ctx, run, label));
    default:
      throw runtimeError(`state '${label}' has an unknown Type '${String(state.Type)}'`);
  }
}

function runPass(state: Json, raw: unknown, context: ContextObject): Outcome {
  const effective = effectiveInput(state, raw, context);
  return finish(raw, 'Result' in state ? state.Result : effective, state);
}

/** One attempt of a Task: the task runner's result, raced against TimeoutSeconds and the run's stop. */
async function runTask(state: Json, raw: unknown, ctx: ContextObject, run: Run, label: string): Promise<unknown> {
  const resource = String(state.Resource);
  const token = resource.endsWith('.waitForTaskToken') ? (run.newTaskToken?.() ?? uuid()) : undefined;
  const taskCtx: ContextObject = token ? { ...ctx, Task: { Token: token } } : ctx;
  const input = applyInputPath(raw, state.InputPath);
  const effective = state.Parameters === undefined ? input : payloadTemplate(state.Parameters, input, taskCtx);
  let timeoutSeconds = state.TimeoutSeconds as number | undefined;
  if (typeof state.TimeoutSecondsPath === 'string') timeoutSeconds = Number(mustQuery(state.TimeoutSecondsPath, input, undefined, 'TimeoutSecondsPath'));
  const controller = childController(run.signal);
  const timer =
    timeoutSeconds !== undefined
      ? run.clock.after(timeoutSeconds * 1000, () => controller.abort(new StatesError('States.Timeout', `Task timed out after ${timeoutSeconds} seconds`)))
      : undefined;
  try {
    const result = await Promise.race([
      run.tasks({ resource, input: effective, state: label, taskToken: token, signal: controller.signal, context: taskCtx, heartbeatSeconds: state.HeartbeatSeconds as number | undefined }),
      rejectOnAbort(controller.signal),
    ]);
    return selectResult(state, result, taskCtx);
  } finally {
    timer?.cancel();
    if (!controller.signal.aborted) controller.abort(new ExecutionAborted());
  }
}

function runChoice(state: Json, raw: unknown, context: ContextObject, label: string): Outcome {
  const effective = applyInputPath(raw, state.InputPath);
  const choices = (state.Choices as Json[] | undefined) ?? [];
  const chosen = choices.find((c) => evaluateRule(c, effective, context));
  const next = (chosen?.Next as string | undefined) ?? (state.Default as string | undefined);
  if (!next) throw new StatesError('States.NoChoiceMatched', `No Choice rule matched and no Default is set in '${label}'`);
  return { output: applyOutputPath(effective, state.OutputPath), next, end: false };
}

/** How long a Wait state waits: Seconds, SecondsPath, Timestamp or TimestampPath. */
function waitMs(state: Json, effective: unknown, context: ContextObject, clock: TimerClock): number {
  if (typeof state.Seconds === 'number') return state.Seconds * 1000;
  if (typeof state.SecondsPath === 'string') {
    const v = mustQuery(state.SecondsPath, effective, context, 'SecondsPath');
    if (typeof v !== 'number' || v < 0) throw runtimeError(`SecondsPath '${state.SecondsPath}' must point to a non-negative number`);
    return v * 1000;
  }
  const ts = typeof state.Timestamp === 'string' ? state.Timestamp : mustQuery(String(state.TimestampPath), effective, context, 'TimestampPath');
  const at = typeof ts === 'string' ? Date.parse(ts) : NaN;
  if (Number.isNaN(at)) throw runtimeError(`'${ts}' is not a timestamp`);
  return Math.max(0, at - clock.now());
}

async function runWait(state: Json, raw: unknown, context: ContextObject, run: Run): Promise<Outcome> {
  const effective = applyInputPath(raw, state.InputPath);
  await run.clock.sleep(waitMs(state, effective, context, run.clock), run.signal);
  return { output: applyOutputPath(effective, state.OutputPath), next: state.Next as string | undefined, end: state.End === true };
}

function runFail(state: Json, raw: unknown, context: ContextObject): never {
  const pick = (literal: unknown, path: unknown) => {
    if (typeof literal === 'string') return literal;
    if (typeof path !== 'string') return undefined;
    const v = isIntrinsic(path) ? evaluateIntrinsic(path, raw, context) : mustQuery(path, raw, context, 'Fail');
    return typeof v === 'string' ? v : JSON.stringify(v);
  };
  throw new StatesError(pick(state.Error, state.ErrorPath) ?? 'States.Fail', pick(state.Cause, state.CausePath) ?? '');
}

/** One attempt of a Parallel: every branch on the same input; the first failure stops the others. */
async function runParallel(state: Json, raw: unknown, ctx: ContextObject, run: Run, label: string): Promise<unknown> {
  const effective = effectiveInput(state, raw, ctx);
  const branches = (state.Branches as StateMachineDefinition[] | undefined) ?? [];
  const controller = childController(run.signal);
  const child: Run = { ...run, signal: controller.signal };
  try {
    const results = await Promise.all(
      branches.map((b, i) =>
        runMachine(b, effective, child, `${label}[${i}]/`).catch((error) => {
          controller.abort(new ExecutionAborted());
          throw error;
        }),
      ),
    );
    return selectResult(state, results, ctx);
  } finally {
    if (!controller.signal.aborted) controller.abort(new ExecutionAborted());
  }
}

async function runMap(state: Json, raw: unknown, ctx: ContextObject, run: Run, label: string): Promise<unknown> {
  const input = applyInputPath(raw, state.InputPath);
  const items = state.ItemsPath === undefined ? input : mustQuery(String(state.ItemsPath), input, ctx, 'ItemsPath');
  if (!Array.isArray(items)) throw runtimeError(`Map '${label}': ItemsPath must point to an array, got ${JSON.stringify(items)?.slice(0, 100)}`);
  if ((state.ItemReader ?? state.ResultWriter) !== undefined) throw runtimeError('a distributed Map (ItemReader/ResultWriter) is not supported by the local runtime');
  const processor = (state.ItemProcessor ?? state.Iterator) as StateMachineDefinition | undefined;
  if (!processor) throw runtimeError(`Map '${label}' has no ItemProcessor`);
  const selector = state.ItemSelector ?? state.Parameters;
  const max = typeof state.MaxConcurrency === 'number' && state.MaxConcurrency > 0 ? state.MaxConcurrency : items.length || 1;
  const toleratedCount = typeof state.ToleratedFailureCount === 'number' ? state.ToleratedFailureCount : undefined;
  const toleratedPercent = typeof state.ToleratedFailurePercentage === 'number' ? state.ToleratedFailurePercentage : undefined;
  const tolerant = toleratedCount !== undefined || toleratedPercent !== undefined;
  const controller = childController(run.signal);
  const child: Run = { ...run, signal: controller.signal };
  const results: unknown[] = new Array(items.length);
  let failures = 0;
  let firstError: unknown;
  let nextIndex = 0;
  const worker = async () => {
    while (nextIndex < items.length && !controller.signal.aborted) {
      const index = nextIndex++;
      const mapCtx: Partial<ContextObject> = { Map: { Item: { Index: index, Value: items[index] } } };
      try {
        const itemInput = selector === undefined ? items[index] : payloadTemplate(selector, input, { ...ctx, ...mapCtx });
        results[index] = await runMachine(processor, itemInput, child, `${label}[${index}]/`, mapCtx);
      } catch (error) {
        if (error instanceof ExecutionAborted) return;
        failures++;
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
    await Promise.all(Array.from({ length: Math.min(max, Math.max(1, items.length)) }, worker));
  } finally {
    if (!controller.signal.aborted) controller.abort(new ExecutionAborted());
  }
  if (run.signal.aborted) throw run.signal.reason;
  if (firstError) throw firstError;
  return selectResult(state, results, ctx);
}
