// An Amazon States Language interpreter (JSONPath query language): Task, Pass, Choice,
// Wait, Parallel, Map, Succeed and Fail; InputPath → Parameters/ItemSelector → task →
// ResultSelector → ResultPath → OutputPath; Retry with backoff, MaxDelaySeconds and
// jitter; Catch; TimeoutSeconds; the context object ($$); intrinsic functions.
//
// Written here rather than taken from npm: aws-local-stepfunctions 3 needs Node 22
// (Promise.withResolvers), has no $$.State/$$.Task context and keys task overrides by
// state name, which nested branches can repeat.
import type { TimerClock } from '../clock.js';
import { evaluateRule } from './choice.js';
import { runtimeError, StatesError } from './errors.js';
import { evaluateIntrinsic, isIntrinsic } from './intrinsics.js';
import { JsonPathError, query, setPath } from './jsonpath.js';

type Json = Record<string, unknown>;

export interface StateMachineDefinition {
  StartAt: string;
  States: Record<string, Json>;
  TimeoutSeconds?: number;
  Comment?: string;
  QueryLanguage?: string;
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
  entered?(state: string, type: string): void;
  exited?(state: string, type: string, ms: number, next?: string): void;
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

export class ExecutionAborted extends Error {
  constructor() {
    super('the execution was stopped');
    this.name = 'ExecutionAborted';
  }
}

interface Run extends RunOptions {
  signal: AbortSignal;
}

interface Outcome {
  output: unknown;
  next?: string;
  end: boolean;
}

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
    return await Promise.race([
      runMachine(definition, input, run, ''),
      new Promise<never>((_, reject) => {
        const stop = () => reject(controller.signal.reason);
        if (controller.signal.aborted) stop();
        else controller.signal.addEventListener('abort', stop, { once: true });
      }),
    ]);
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

export function toStatesError(error: unknown): StatesError {
  if (error instanceof StatesError) return error;
  if (error instanceof JsonPathError) return runtimeError(error.message);
  if (error instanceof Error) return new StatesError(error.name || 'Error', error.message);
  return new StatesError('Error', String(error));
}

function unsupported(state: Json): void {
  for (const key of ['Assign', 'Arguments', 'Output']) {
    if (key in state) throw runtimeError(`${key} (variables / JSONata) is not supported by the local runtime`);
  }
}

function mustQuery(path: string, data: unknown, context: unknown, what: string): unknown {
  const r = query(path, data, context);
  if (!r.found) throw runtimeError(`Invalid path '${path}' : No results for path: ${what}`);
  return r.value;
}

function applyInputPath(raw: unknown, path: unknown): unknown {
  if (path === null) return {};
  if (path === undefined || path === '$') return raw;
  return mustQuery(String(path), raw, undefined, 'InputPath');
}

/** Evaluates a payload template: "key.$" values are paths, context paths or intrinsics. */
export function payloadTemplate(template: unknown, input: unknown, context: unknown): unknown {
  if (Array.isArray(template)) return template.map((t) => payloadTemplate(t, input, context));
  if (!template || typeof template !== 'object') return template;
  const out: Json = {};
  for (const [key, value] of Object.entries(template)) {
    if (key.endsWith('.$')) {
      const field = key.slice(0, -2);
      if (typeof value !== 'string') throw runtimeError(`The value of '${key}' must be a path or an intrinsic function`);
      if (isIntrinsic(value)) out[field] = evaluateIntrinsic(value, input, context);
      else {
        const r = value.startsWith('$$') ? query(value, input, context) : query(value, input, context);
        if (!r.found) throw runtimeError(`The JSONPath '${value}' specified for the field '${key}' could not be found in the input '${JSON.stringify(input)}'`);
        out[field] = r.value;
      }
    } else out[key] = payloadTemplate(value, input, context);
  }
  return out;
}

function finish(raw: unknown, result: unknown, state: Json): Outcome {
  let output: unknown;
  if (state.ResultPath === null) output = raw;
  else {
    try {
      output = setPath(raw, (state.ResultPath as string | undefined) ?? '$', result);
    } catch (error) {
      throw runtimeError(`Unable to apply ResultPath '${state.ResultPath}': ${(error as Error).message}`);
    }
  }
  if (state.OutputPath === null) output = {};
  else if (state.OutputPath !== undefined && state.OutputPath !== '$') output = mustQuery(String(state.OutputPath), output, undefined, 'OutputPath');
  return { output, next: state.Next as string | undefined, end: state.End === true };
}

function errorMatches(names: unknown, error: StatesError): boolean {
  if (!Array.isArray(names)) return false;
  return names.some((n) => n === error.error || n === 'States.ALL' || (n === 'States.TaskFailed' && error.error !== 'States.Timeout'));
}

/** Runs a Task, Parallel or Map body under its Retry and Catch policies. */
async function withRetry(state: Json, raw: unknown, context: ContextObject, run: Run, label: string, body: (ctx: ContextObject) => Promise<unknown>): Promise<Outcome> {
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
      if (index >= 0) {
        const r = retriers[index]!;
        const n = counts.get(index) ?? 0;
        const max = (r.MaxAttempts as number | undefined) ?? 3;
        if (n < max) {
          let delay = ((r.IntervalSeconds as number | undefined) ?? 1) * ((r.BackoffRate as number | undefined) ?? 2) ** n * 1000;
          if (typeof r.MaxDelaySeconds === 'number') delay = Math.min(delay, r.MaxDelaySeconds * 1000);
          if (r.JitterStrategy === 'FULL') delay = Math.random() * delay;
          counts.set(index, n + 1);
          retryCount++;
          run.hooks?.retried?.(label, e, retryCount, delay);
          await run.clock.sleep(delay, run.signal);
          continue;
        }
      }
      const catcher = ((state.Catch as Json[] | undefined) ?? []).find((c) => errorMatches(c.ErrorEquals, e));
      if (catcher) {
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
      throw e;
    }
  }
}

function selectResult(state: Json, result: unknown, ctx: ContextObject): unknown {
  return state.ResultSelector === undefined ? result : payloadTemplate(state.ResultSelector, result, ctx);
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
    case 'Pass': {
      const effective = state.Parameters === undefined ? applyInputPath(raw, state.InputPath) : payloadTemplate(state.Parameters, applyInputPath(raw, state.InputPath), context);
      return finish(raw, 'Result' in state ? state.Result : effective, state);
    }
    case 'Task':
      return withRetry(state, raw, context, run, label, async (ctx) => {
        const resource = String(state.Resource);
        const token = resource.endsWith('.waitForTaskToken') ? (run.newTaskToken?.() ?? crypto.randomUUID()) : undefined;
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
            new Promise<never>((_, reject) => {
              const stop = () => reject(controller.signal.reason);
              if (controller.signal.aborted) stop();
              else controller.signal.addEventListener('abort', stop, { once: true });
            }),
          ]);
          return selectResult(state, result, taskCtx);
        } finally {
          timer?.cancel();
          if (!controller.signal.aborted) controller.abort(new ExecutionAborted());
        }
      });
    case 'Choice': {
      const effective = applyInputPath(raw, state.InputPath);
      const choices = (state.Choices as Json[] | undefined) ?? [];
      const chosen = choices.find((c) => evaluateRule(c, effective, context));
      const next = (chosen?.Next as string | undefined) ?? (state.Default as string | undefined);
      if (!next) throw new StatesError('States.NoChoiceMatched', `No Choice rule matched and no Default is set in '${label}'`);
      let output = effective;
      if (state.OutputPath === null) output = {};
      else if (state.OutputPath !== undefined && state.OutputPath !== '$') output = mustQuery(String(state.OutputPath), effective, undefined, 'OutputPath');
      return { output, next, end: false };
    }
    case 'Wait': {
      const effective = applyInputPath(raw, state.InputPath);
      let ms: number;
      if (typeof state.Seconds === 'number') ms = state.Seconds * 1000;
      else if (typeof state.SecondsPath === 'string') {
        const v = mustQuery(state.SecondsPath, effective, context, 'SecondsPath');
        if (typeof v !== 'number' || v < 0) throw runtimeError(`SecondsPath '${state.SecondsPath}' must point to a non-negative number`);
        ms = v * 1000;
      } else {
        const ts = typeof state.Timestamp === 'string' ? state.Timestamp : mustQuery(String(state.TimestampPath), effective, context, 'TimestampPath');
        const at = typeof ts === 'string' ? Date.parse(ts) : NaN;
        if (Number.isNaN(at)) throw runtimeError(`'${ts}' is not a timestamp`);
        ms = Math.max(0, at - run.clock.now());
      }
      await run.clock.sleep(ms, run.signal);
      let output = effective;
      if (state.OutputPath === null) output = {};
      else if (state.OutputPath !== undefined && state.OutputPath !== '$') output = mustQuery(String(state.OutputPath), effective, undefined, 'OutputPath');
      return { output, next: state.Next as string | undefined, end: state.End === true };
    }
    case 'Succeed': {
      let output = applyInputPath(raw, state.InputPath);
      if (state.OutputPath === null) output = {};
      else if (state.OutputPath !== undefined && state.OutputPath !== '$') output = mustQuery(String(state.OutputPath), output, undefined, 'OutputPath');
      return { output, end: true };
    }
    case 'Fail': {
      const pick = (literal: unknown, path: unknown) => {
        if (typeof literal === 'string') return literal;
        if (typeof path !== 'string') return undefined;
        const v = isIntrinsic(path) ? evaluateIntrinsic(path, raw, context) : mustQuery(path, raw, context, 'Fail');
        return typeof v === 'string' ? v : JSON.stringify(v);
      };
      throw new StatesError(pick(state.Error, state.ErrorPath) ?? 'States.Fail', pick(state.Cause, state.CausePath) ?? '');
    }
    case 'Parallel':
      return withRetry(state, raw, context, run, label, async (ctx) => {
        const input = applyInputPath(raw, state.InputPath);
        const effective = state.Parameters === undefined ? input : payloadTemplate(state.Parameters, input, ctx);
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
      });
    case 'Map':
      return withRetry(state, raw, context, run, label, (ctx) => runMap(state, raw, ctx, run, label));
    default:
      throw runtimeError(`state '${label}' has an unknown Type '${String(state.Type)}'`);
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
