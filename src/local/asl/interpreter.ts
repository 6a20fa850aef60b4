// An Amazon States Language interpreter, both query languages: Task, Pass, Choice, Wait,
// Parallel, Map, Succeed and Fail. JSONPath states run InputPath → Parameters/ItemSelector →
// task → ResultSelector → ResultPath → OutputPath (here); JSONata states run Arguments →
// task → Output (jsonata-states.ts). Both: Assign and workflow variables, Retry with
// backoff, MaxDelaySeconds and jitter; Catch; TimeoutSeconds; the context object ($$,
// $states.context); intrinsic functions.
//
// Written here rather than taken from npm: aws-local-stepfunctions 3 needs Node 22
// (Promise.withResolvers), has no $$.State/$$.Task context and keys task overrides by
// state name, which nested branches can repeat.
import { applyAssign, assignJsonPath, languageOf } from './assign.js';
import { evaluateRule } from './choice.js';
import { ExecutionAborted, located, runtimeError, StatesError, toStatesError } from './errors.js';
import { attemptTask, groupBatches, isDistributed, rejectOnAbort, runBranches } from './flow.js';
import { applyInputPath, applyOutputPath, effectiveInput, finish, mustQuery, payloadTemplate, selectResult } from './input-output.js';
import { evaluateIntrinsic, isIntrinsic } from './intrinsics.js';
import { readItems, runAndWrite } from './item-io.js';
import { runJsonataState } from './jsonata-states.js';
import { withRetry } from './retry.js';
import { withEntered, withScope, type ContextObject, type Json, type Outcome, type Run, type RunOptions, type StateMachineDefinition } from './types.js';
import { Scope } from './variables.js';
import { checkWaitSeconds, timestampMs } from './wait.js';

export type { ContextObject, MachineHooks, RunOptions, StateMachineDefinition, TaskCall, TaskRunner } from './types.js';

const iso = (ms: number) => new Date(ms).toISOString();

/** Runs a state machine to its end; resolves with the output or rejects with a StatesError. */
export async function runStateMachine(definition: StateMachineDefinition, input: unknown, options: RunOptions): Promise<unknown> {
  const controller = new AbortController();
  const onAbort = () => controller.abort(new ExecutionAborted());
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted) onAbort();
  const run: Run = { ...options, context: withScope(options.context, new Scope()), signal: controller.signal, language: definition.QueryLanguage ?? 'JSONPath' };
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
  let name = machine.StartAt;
  let data = input;
  for (;;) {
    if (run.signal.aborted) throw run.signal.reason;
    const state = machine.States?.[name];
    if (!state || typeof state !== 'object') throw runtimeError(`state '${name}' does not exist`);
    const label = prefix + name;
    const type = String(state.Type);
    const started = run.clock.now();
    const eventId = run.hooks?.entered?.(label, type, data) ?? undefined;
    const context: ContextObject = withEntered({ ...run.context, ...extra, State: { EnteredTime: iso(started), Name: name, RetryCount: 0 } }, eventId);
    let outcome: Outcome;
    try {
      outcome = languageOf(state, run) === 'JSONata' ? await runJsonataState(state, data, context, run, label, runMachine) : await runState(state, data, context, run, label);
    } catch (error) {
      if (error instanceof ExecutionAborted) throw error;
      const e = located(toStatesError(error), name, eventId);
      run.hooks?.failed?.(label, e);
      throw e;
    }
    checkPayloadSize(outcome.output, name);
    run.hooks?.exited?.(label, type, run.clock.now() - started, outcome.next, outcome.output);
    if (outcome.end) return outcome.output;
    data = outcome.output;
    name = outcome.next!;
  }
}

/** AWS's payload limit between states: 256 KiB of UTF-8 JSON. */
export const PAYLOAD_LIMIT = 256 * 1024;

function checkPayloadSize(output: unknown, name: string): void {
  const size = Buffer.byteLength(JSON.stringify(output) ?? 'null');
  if (size > PAYLOAD_LIMIT) throw new StatesError('States.DataLimitExceeded', `The state/task '${name}' returned a result with a size exceeding the maximum number of bytes service limit.`);
}

function unsupported(state: Json): void {
  for (const key of ['Arguments', 'Output']) {
    if (key in state) throw runtimeError(`${key} is a JSONata field: set QueryLanguage to JSONata on the state or the machine`);
  }
}

async function runState(state: Json, raw: unknown, context: ContextObject, run: Run, label: string): Promise<Outcome> {
  unsupported(state);
  switch (state.Type) {
    case 'Pass':
      return runPass(state, raw, context, label);
    case 'Task':
      return withRetry(state, raw, context, run, label, async (ctx) => completeJsonPath(state, raw, await runTask(state, raw, ctx, run, label), ctx, label));
    case 'Choice':
      return runChoice(state, raw, context, label);
    case 'Wait':
      return runWait(state, raw, context, run, label);
    case 'Succeed':
      return { output: applyOutputPath(applyInputPath(raw, state.InputPath, context), state.OutputPath, context), end: true };
    case 'Fail':
      return runFail(state, raw, context);
    case 'Parallel':
      return withRetry(state, raw, context, run, label, async (ctx) => completeJsonPath(state, raw, await runParallel(state, raw, ctx, run, label), ctx, label));
    case 'Map':
      return withRetry(state, raw, context, run, label, async (ctx) => completeJsonPath(state, raw, await runMap(state, raw, ctx, run, label), ctx, label));
    default:
      throw runtimeError(`state '${label}' has an unknown Type '${String(state.Type)}'`);
  }
}

/** After a Task, Parallel or Map: Assign (on the raw result), ResultSelector, ResultPath, OutputPath. */
function completeJsonPath(state: Json, raw: unknown, result: unknown, ctx: ContextObject, label: string): Outcome {
  const assigned = assignJsonPath(state.Assign, result, ctx);
  const outcome = finish(raw, selectResult(state, result, ctx), state, ctx);
  applyAssign(assigned, ctx, label);
  return outcome;
}

function runPass(state: Json, raw: unknown, context: ContextObject, label: string): Outcome {
  const result = 'Result' in state ? state.Result : effectiveInput(state, raw, context);
  const assigned = assignJsonPath(state.Assign, result, context);
  const outcome = finish(raw, result, state, context);
  applyAssign(assigned, context, label);
  return outcome;
}

/** One attempt of a Task: its effective input and timeouts, then the task runner's raw result. */
async function runTask(state: Json, raw: unknown, ctx: ContextObject, run: Run, label: string): Promise<unknown> {
  const input = applyInputPath(raw, state.InputPath, ctx);
  const resource = String(state.Resource);
  let timeoutSeconds = state.TimeoutSeconds as number | undefined;
  if (typeof state.TimeoutSecondsPath === 'string') timeoutSeconds = positiveInteger(mustQuery(state.TimeoutSecondsPath, input, ctx), 'TimeoutSecondsPath');
  let heartbeatSeconds = state.HeartbeatSeconds as number | undefined;
  if (typeof state.HeartbeatSecondsPath === 'string') heartbeatSeconds = positiveInteger(mustQuery(state.HeartbeatSecondsPath, input, ctx), 'HeartbeatSecondsPath');
  const parameters = state.Parameters;
  return attemptTask({ resource, input: (taskCtx) => (parameters === undefined ? input : payloadTemplate(parameters, input, taskCtx)), timeoutSeconds, heartbeatSeconds }, ctx, run, label);
}

function positiveInteger(v: unknown, field: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) throw runtimeError(`The ${field} field must reference a positive integer, got ${JSON.stringify(v)}`);
  return v;
}

function runChoice(state: Json, raw: unknown, context: ContextObject, label: string): Outcome {
  const effective = applyInputPath(raw, state.InputPath, context);
  const choices = (state.Choices as Json[] | undefined) ?? [];
  const chosen = choices.find((c) => evaluateRule(c, effective, context));
  const next = (chosen?.Next as string | undefined) ?? (state.Default as string | undefined);
  if (!next) throw new StatesError('States.NoChoiceMatched', `No Choice rule matched and no Default is set in '${label}'`);
  const assigned = assignJsonPath(chosen ? chosen.Assign : state.Assign, effective, context);
  const output = applyOutputPath(effective, state.OutputPath, context);
  applyAssign(assigned, context, label);
  return { output, next, end: false };
}

/** How long a Wait state waits: Seconds, SecondsPath, Timestamp or TimestampPath. */
function waitMs(state: Json, effective: unknown, context: ContextObject, now: number): number {
  if (typeof state.Seconds === 'number') return checkWaitSeconds(state.Seconds, 'Seconds') * 1000;
  if (typeof state.SecondsPath === 'string') return checkWaitSeconds(mustQuery(state.SecondsPath, effective, context), 'SecondsPath') * 1000;
  if (typeof state.Timestamp === 'string') return timestampMs(state.Timestamp, 'Timestamp', now) - now;
  return timestampMs(mustQuery(String(state.TimestampPath), effective, context), 'TimestampPath', now) - now;
}

async function runWait(state: Json, raw: unknown, context: ContextObject, run: Run, label: string): Promise<Outcome> {
  const effective = applyInputPath(raw, state.InputPath, context);
  const assigned = assignJsonPath(state.Assign, effective, context);
  await run.clock.sleep(Math.max(0, waitMs(state, effective, context, run.clock.now())), run.signal);
  applyAssign(assigned, context, label);
  return { output: applyOutputPath(effective, state.OutputPath, context), next: state.Next as string | undefined, end: state.End === true };
}

/** A Fail state: its Error and Cause (or their paths); AWS reports neither when the state names none. */
function runFail(state: Json, raw: unknown, context: ContextObject): never {
  const pick = (literal: unknown, path: unknown) => {
    if (typeof literal === 'string') return literal;
    if (typeof path !== 'string') return undefined;
    const v = isIntrinsic(path) ? evaluateIntrinsic(path, raw, context) : mustQuery(path, raw, context);
    return typeof v === 'string' ? v : JSON.stringify(v);
  };
  throw StatesError.fromFail(pick(state.Error, state.ErrorPath), pick(state.Cause, state.CausePath));
}

async function runParallel(state: Json, raw: unknown, ctx: ContextObject, run: Run, label: string): Promise<unknown> {
  const effective = effectiveInput(state, raw, ctx);
  return runBranches((state.Branches as StateMachineDefinition[] | undefined) ?? [], effective, ctx, run, label, runMachine);
}

async function runMap(state: Json, raw: unknown, ctx: ContextObject, run: Run, label: string): Promise<unknown> {
  const input = applyInputPath(raw, state.InputPath, ctx);
  const reader = state.ItemReader as Json | undefined;
  const items = reader
    ? await readItems(reader, reader.Parameters === undefined ? {} : payloadTemplate(reader.Parameters, input, ctx), ctx, run, label)
    : state.ItemsPath === undefined
      ? input
      : mustQuery(String(state.ItemsPath), input, ctx);
  if (!Array.isArray(items)) throw runtimeError(`Map '${label}': ItemsPath must point to an array, got ${JSON.stringify(items)?.slice(0, 100)}`);
  const processor = (state.ItemProcessor ?? state.Iterator) as StateMachineDefinition | undefined;
  if (!processor) throw runtimeError(`Map '${label}' has no ItemProcessor`);
  const selector = state.ItemSelector ?? state.Parameters;
  const limits = mapLimits(state, input, ctx);
  const select = (item: unknown, index: number, mapCtx: Partial<ContextObject> = { Map: { Item: { Index: index, Value: item } } }) =>
    selector === undefined ? item : payloadTemplate(selector, input, { ...ctx, ...mapCtx });
  const batched = state.ItemBatcher === undefined ? undefined : batchItems(state.ItemBatcher as Json, items.map((item, i) => select(item, i)), input, ctx);
  const writer = state.ResultWriter as Json | undefined;
  return runAndWrite(
    { processor, items: batched ?? items, itemInput: (index, mapCtx) => (batched ? batched[index] : select(items[index], index, mapCtx)), distributed: isDistributed(state), ...limits },
    writer,
    () => (writer?.Parameters === undefined ? {} : payloadTemplate(writer.Parameters, input, ctx)),
    ctx,
    run,
    label,
    runMachine,
  );
}

/** MaxConcurrency and the tolerated failures, from their fields or *Path fields, checked as AWS checks them. */
function mapLimits(state: Json, input: unknown, ctx: ContextObject) {
  const read = (field: string) => (typeof state[`${field}Path`] === 'string' ? mustQuery(String(state[`${field}Path`]), input, ctx) : state[field]);
  const maxConcurrency = read('MaxConcurrency');
  const toleratedCount = read('ToleratedFailureCount');
  const toleratedPercent = read('ToleratedFailurePercentage');
  const nonNegativeInt = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0;
  if (maxConcurrency !== undefined && !nonNegativeInt(maxConcurrency)) throw runtimeError(`The MaxConcurrencyPath field refers to value "${JSON.stringify(maxConcurrency)}" which is not a valid integer: it must be a non-negative integer`);
  if (toleratedCount !== undefined && !nonNegativeInt(toleratedCount)) throw runtimeError(`The ToleratedFailureCountPath field refers to value "${JSON.stringify(toleratedCount)}" which is not a valid integer: it must be a non-negative integer`);
  if (toleratedPercent !== undefined && !(typeof toleratedPercent === 'number' && toleratedPercent >= 0 && toleratedPercent <= 100)) throw runtimeError(`The ToleratedFailurePercentagePath field refers to value "${JSON.stringify(toleratedPercent)}" which is not a valid percentage: it must be a number between 0 and 100`);
  return { maxConcurrency: (maxConcurrency as number | undefined) ?? 0, toleratedCount: toleratedCount as number | undefined, toleratedPercent: toleratedPercent as number | undefined };
}

/** ItemBatcher: the selected items grouped into { BatchInput, Items }. */
function batchItems(batcher: Json, items: unknown[], input: unknown, ctx: ContextObject): unknown[] {
  const max = typeof batcher.MaxItemsPerBatchPath === 'string' ? mustQuery(batcher.MaxItemsPerBatchPath, input, ctx) : batcher.MaxItemsPerBatch;
  if (max !== undefined && !(typeof max === 'number' && Number.isInteger(max) && max > 0)) throw runtimeError(`MaxItemsPerBatch must be a positive integer, got ${JSON.stringify(max)}`);
  return groupBatches(items, max as number | undefined, batcher.BatchInput === undefined ? undefined : payloadTemplate(batcher.BatchInput, input, ctx));
}
