// States whose QueryLanguage is JSONata: Arguments → task → Output, with Assign; Choice by
// Condition; Wait by Seconds/Timestamp expressions; Map by Items and ItemSelector; Fail's
// Error and Cause as expressions. `$states.input` is the state's input, `$states.result`
// the task's (or branches', or items') result, `$states.context` the context object.
import { applyAssign, evaluateAssign } from './assign.js';
import { runtimeError, StatesError } from './errors.js';
import { attemptTask, groupBatches, isDistributed, runBranches } from './flow.js';
import { evaluateTemplate, queryError, type Bindings } from './jsonata.js';
import { readItems, runAndWrite } from './item-io.js';
import { withRetry } from './retry.js';
import { scopeOf, type ContextObject, type Json, type Outcome, type Run, type RunMachine, type StateMachineDefinition } from './types.js';
import { checkWaitSeconds, timestampMs } from './wait.js';

const JSONPATH_FIELDS = ['InputPath', 'Parameters', 'ResultSelector', 'ResultPath', 'OutputPath', 'ItemsPath', 'SecondsPath', 'TimestampPath', 'TimeoutSecondsPath', 'HeartbeatSecondsPath', 'ErrorPath', 'CausePath'];

const bindings = (label: string, input: unknown, ctx: ContextObject, result?: { result?: unknown }): Bindings => ({
  states: { input, context: ctx, ...result },
  variables: scopeOf(ctx),
  state: label,
});

/** A field that may be a literal or an expression, evaluated only when present. */
async function field(state: Json, name: string, b: Bindings): Promise<unknown> {
  return state[name] === undefined ? undefined : evaluateTemplate(state[name], name, b);
}

/** The end of a state: Output (default: `fallback`) and Assign, both against the variables at entry. */
async function complete(state: Json, b: Bindings, fallback: unknown, ctx: ContextObject, label: string, end = state.End === true): Promise<Outcome> {
  const [output, assigned] = await Promise.all([state.Output === undefined ? fallback : evaluateTemplate(state.Output, 'Output', b), evaluateAssign(state.Assign, b)]);
  applyAssign(assigned, ctx, label);
  return { output, next: state.Next as string | undefined, end };
}

export async function runJsonataState(state: Json, raw: unknown, ctx: ContextObject, run: Run, label: string, runMachine: RunMachine): Promise<Outcome> {
  const misplaced = JSONPATH_FIELDS.find((f) => f in state);
  if (misplaced) throw runtimeError(`The field '${misplaced}' is not supported in a JSONata state ('${label}'): use Arguments, Output, Items and {% %} expressions`);
  const b = bindings(label, raw, ctx);
  switch (state.Type) {
    case 'Pass':
      return complete(state, b, raw, ctx, label);
    case 'Succeed':
      return complete(state, b, raw, ctx, label, true);
    case 'Fail': {
      const [error, cause] = [await field(state, 'Error', b), await field(state, 'Cause', b)];
      throw StatesError.fromFail(error === undefined ? undefined : String(error), cause === undefined ? undefined : typeof cause === 'string' ? cause : JSON.stringify(cause));
    }
    case 'Choice':
      return runChoice(state, b, ctx, label);
    case 'Wait':
      return runWait(state, b, ctx, run, label);
    case 'Task':
      return withRetry(state, raw, ctx, run, label, async (attemptCtx) => {
        const result = await runTask(state, raw, attemptCtx, run, label);
        return complete(state, bindings(label, raw, attemptCtx, { result }), result, attemptCtx, label);
      });
    case 'Parallel':
      return withRetry(state, raw, ctx, run, label, async (attemptCtx) => {
        const input = state.Arguments === undefined ? raw : await evaluateTemplate(state.Arguments, 'Arguments', bindings(label, raw, attemptCtx));
        const result = await runBranches((state.Branches as StateMachineDefinition[] | undefined) ?? [], input, attemptCtx, run, label, runMachine);
        return complete(state, bindings(label, raw, attemptCtx, { result }), result, attemptCtx, label);
      });
    case 'Map':
      return withRetry(state, raw, ctx, run, label, async (attemptCtx) => {
        const result = await runMap(state, raw, attemptCtx, run, label, runMachine);
        return complete(state, bindings(label, raw, attemptCtx, { result }), result, attemptCtx, label);
      });
    default:
      throw runtimeError(`state '${label}' has an unknown Type '${String(state.Type)}'`);
  }
}

async function runTask(state: Json, raw: unknown, ctx: ContextObject, run: Run, label: string): Promise<unknown> {
  const b = bindings(label, raw, ctx);
  const timeoutSeconds = positive(await field(state, 'TimeoutSeconds', b), 'TimeoutSeconds', label);
  const heartbeatSeconds = positive(await field(state, 'HeartbeatSeconds', b), 'HeartbeatSeconds', label);
  const input = (taskCtx: ContextObject) => (state.Arguments === undefined ? raw : evaluateTemplate(state.Arguments, 'Arguments', bindings(label, raw, taskCtx)));
  return attemptTask({ resource: String(state.Resource), input, timeoutSeconds, heartbeatSeconds }, ctx, run, label);
}

function positive(v: unknown, name: string, label: string): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) throw queryError(`The value of the field '${name}' must be a positive integer, got ${JSON.stringify(v)}.`);
  return v;
}

async function runChoice(state: Json, b: Bindings, ctx: ContextObject, label: string): Promise<Outcome> {
  for (const rule of (state.Choices as Json[] | undefined) ?? []) {
    const matched = await evaluateTemplate(rule.Condition, 'Condition', b);
    if (typeof matched !== 'boolean') throw queryError(`The Condition of a Choice rule must evaluate to a boolean, got ${JSON.stringify(matched)}.`);
    if (matched) return { ...(await complete(rule, b, b.states.input, ctx, label)), next: rule.Next as string, end: false };
  }
  if (typeof state.Default !== 'string') throw new StatesError('States.NoChoiceMatched', `No Choice rule matched and no Default is set in '${label}'`);
  return { ...(await complete(state, b, b.states.input, ctx, label)), next: state.Default, end: false };
}

async function runWait(state: Json, b: Bindings, ctx: ContextObject, run: Run, label: string): Promise<Outcome> {
  const now = run.clock.now();
  const ms =
    state.Seconds !== undefined
      ? checkWaitSeconds(await field(state, 'Seconds', b), 'Seconds') * 1000
      : timestampMs(await field(state, 'Timestamp', b), 'Timestamp', now) - now;
  const [output, assigned] = await Promise.all([state.Output === undefined ? b.states.input : evaluateTemplate(state.Output, 'Output', b), evaluateAssign(state.Assign, b)]);
  await run.clock.sleep(Math.max(0, ms), run.signal);
  applyAssign(assigned, ctx, label);
  return { output, next: state.Next as string | undefined, end: state.End === true };
}

async function runMap(state: Json, raw: unknown, ctx: ContextObject, run: Run, label: string, runMachine: RunMachine): Promise<unknown> {
  const b = bindings(label, raw, ctx);
  const reader = state.ItemReader as Json | undefined;
  const items = reader
    ? await readItems(reader, reader.Arguments === undefined ? {} : await evaluateTemplate(reader.Arguments, 'Arguments', b), ctx, run, label)
    : state.Items === undefined
      ? raw
      : await evaluateTemplate(state.Items, 'Items', b);
  if (!Array.isArray(items)) throw queryError(`The Items field must be a JSON array, got ${JSON.stringify(items)?.slice(0, 100)}.`);
  const processor = (state.ItemProcessor ?? state.Iterator) as StateMachineDefinition | undefined;
  if (!processor) throw runtimeError(`Map '${label}' has no ItemProcessor`);
  const count = async (name: string, max?: number) => {
    const v = await field(state, name, b);
    if (v !== undefined && !(typeof v === 'number' && v >= 0 && (max === undefined ? Number.isInteger(v) : v <= max))) {
      throw queryError(`The value of the field '${name}' must be ${max === undefined ? 'a non-negative integer' : `a number from 0 to ${max}`}, got ${JSON.stringify(v)}.`);
    }
    return v as number | undefined;
  };
  const select = (item: unknown, index: number) =>
    state.ItemSelector === undefined ? item : evaluateTemplate(state.ItemSelector, 'ItemSelector', bindings(label, raw, { ...ctx, Map: { Item: { Index: index, Value: item } } }));
  const batched = await batch(state, items, select, b, label);
  const writer = state.ResultWriter as Json | undefined;
  return runAndWrite(
    {
      processor,
      items: batched ?? items,
      itemInput: (index) => (batched ? batched[index] : select(items[index], index)),
      maxConcurrency: (await count('MaxConcurrency')) ?? 0,
      toleratedCount: await count('ToleratedFailureCount'),
      toleratedPercent: await count('ToleratedFailurePercentage', 100),
      distributed: isDistributed(state),
    },
    writer,
    () => (writer?.Arguments === undefined ? {} : evaluateTemplate(writer.Arguments, 'Arguments', b)),
    ctx,
    run,
    label,
    runMachine,
  );
}

/** ItemBatcher: the selected items grouped into { BatchInput, Items }. */
async function batch(state: Json, items: unknown[], select: (item: unknown, index: number) => unknown, b: Bindings, label: string): Promise<unknown[] | undefined> {
  const batcher = state.ItemBatcher as Json | undefined;
  if (!batcher) return undefined;
  const max = batcher.MaxItemsPerBatch === undefined ? undefined : await evaluateTemplate(batcher.MaxItemsPerBatch, 'MaxItemsPerBatch', b);
  if (max !== undefined && !(typeof max === 'number' && Number.isInteger(max) && max > 0)) throw queryError(`The value of the field 'MaxItemsPerBatch' must be a positive integer, got ${JSON.stringify(max)}.`);
  const batchInput = batcher.BatchInput === undefined ? undefined : await evaluateTemplate(batcher.BatchInput, 'BatchInput', b);
  const selected: unknown[] = [];
  for (let i = 0; i < items.length; i++) selected.push(await select(items[i], i));
  return groupBatches(selected, max as number | undefined, batchInput);
}
