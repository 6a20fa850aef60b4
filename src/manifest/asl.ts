// Amazon States Language checks: every transition target exists, every state is reachable,
// a terminal state exists, Task resources name real functions — with exact paths — and then
// asl-validator for the rest of the language.
import { loadPrecompiled } from './precompiled.js';
import { closest } from '../core/did-you-mean.js';
import type { Problem } from './problems.js';
import type { Path } from './source.js';
import { NAME_PATTERN } from '../core/name-pattern.js';
import { taskCall } from './task-calls.js';
import { checkVariables } from './asl-variables.js';
import type { Kind } from '../core/names.js';

type Json = Record<string, unknown>;

export function isFunctionResource(resource: unknown): resource is string {
  return typeof resource === 'string' && NAME_PATTERN.test(resource);
}

export interface TaskAt {
  name: string;
  state: Json;
  /** Where the state is written: [...base, 'States', name], through Branches and ItemProcessor. */
  path: Path;
}

/** Every Task state of a machine, in the order written, Parallel branches and Map processors included. */
export function taskStates(machine: unknown, base: Path = [], out: TaskAt[] = []): TaskAt[] {
  const states = (machine as { States?: Record<string, Json> } | undefined)?.States;
  if (!states || typeof states !== 'object') return out;
  for (const [name, state] of Object.entries(states)) {
    if (!state || typeof state !== 'object') continue;
    const here = [...base, 'States', name];
    if (state.Type === 'Task') out.push({ name, state, path: here });
    if (Array.isArray(state.Branches)) state.Branches.forEach((b, i) => taskStates(b, [...here, 'Branches', i], out));
    if (state.ItemProcessor) taskStates(state.ItemProcessor, [...here, 'ItemProcessor'], out);
    if (state.Iterator) taskStates(state.Iterator, [...here, 'Iterator'], out);
  }
  return out;
}

/** Lambda's transient errors, which AWS recommends every Lambda task retries. */
export const LAMBDA_TRANSIENT_ERRORS = ['Lambda.ServiceException', 'Lambda.AWSLambdaException', 'Lambda.SdkClientException', 'Lambda.TooManyRequestsException'];

/** The retrier eda writes into the Lambda tasks it generates (as the Step Functions console does). */
export function lambdaRetry(): Record<string, unknown>[] {
  return [{ ErrorEquals: [...LAMBDA_TRANSIENT_ERRORS], IntervalSeconds: 1, MaxAttempts: 3, BackoffRate: 2, JitterStrategy: 'FULL' }];
}

export function checkAsl(definition: unknown, base: Path, functions: string[], file?: string): Problem[] {
  const problems: Problem[] = [];
  const add = (p: Problem) => problems.push(file ? { ...p, file } : p);
  if (typeof definition !== 'object' || definition === null || Array.isArray(definition)) {
    add({ path: base, code: 'asl-shape', message: 'a workflow definition must be a mapping with StartAt and States' });
    return problems;
  }
  walkMachine(definition as Json, base, functions, add);
  if (!problems.some((p) => p.severity !== 'warning')) checkVariables(definition, base, add);
  if (!problems.some((p) => p.severity !== 'warning')) {
    for (const p of schemaProblems(definition as Json, base, functions)) add(p);
  }
  return problems;
}

function walkMachine(machine: Json, path: Path, functions: string[], add: (p: Problem) => void): void {
  const states = machine.States;
  if (typeof states !== 'object' || states === null || Array.isArray(states)) {
    add({ path, code: 'asl-states', message: 'the state machine has no States mapping', hint: 'States: { MyState: { Type: Pass, End: true } }' });
    return;
  }
  const names = Object.keys(states);
  const start = machine.StartAt;
  if (typeof start !== 'string') {
    add({ path, code: 'asl-startat', message: 'the state machine has no StartAt', hint: names[0] ? `StartAt: ${names[0]}` : undefined });
    return;
  }
  if (!names.includes(start)) {
    add({ path: [...path, 'StartAt'], code: 'asl-next', message: `StartAt names '${start}', which is not a state`, hint: hintFor(start, names) });
    return;
  }
  const edges = new Map<string, string[]>();
  let terminal = false;
  for (const name of names) {
    const state = (states as Json)[name] as Json;
    const sp = [...path, 'States', name];
    if (typeof state !== 'object' || state === null) continue;
    const targets: [string, Path][] = [];
    if (typeof state.Next === 'string') targets.push([state.Next, [...sp, 'Next']]);
    if (typeof state.Default === 'string') targets.push([state.Default, [...sp, 'Default']]);
    if (Array.isArray(state.Choices)) {
      state.Choices.forEach((c: Json, i: number) => {
        if (c && typeof c.Next === 'string') targets.push([c.Next, [...sp, 'Choices', i, 'Next']]);
      });
    }
    if (Array.isArray(state.Catch)) {
      state.Catch.forEach((c: Json, i: number) => {
        if (c && typeof c.Next === 'string') targets.push([c.Next, [...sp, 'Catch', i, 'Next']]);
      });
    }
    for (const [target, tp] of targets) {
      if (!names.includes(target)) add({ path: tp, code: 'asl-next', message: `'${target}' is not a state of this machine`, hint: hintFor(target, names) });
    }
    edges.set(name, targets.map(([t]) => t));
    if (state.End === true || state.Type === 'Succeed' || state.Type === 'Fail') terminal = true;
    if (state.Type !== 'Choice' && state.Type !== 'Succeed' && state.Type !== 'Fail' && state.End !== true && state.Next === undefined) {
      add({ path: sp, at: 'key', code: 'asl-dead-end', message: `state '${name}' has neither Next nor End`, hint: 'add Next: <state> or End: true' });
    }
    if (state.Type === 'Task' && typeof state.Resource === 'string' && !state.Resource.startsWith('arn:') && !state.Resource.includes('${')) {
      if (!functions.includes(state.Resource)) {
        add({
          path: [...sp, 'Resource'],
          code: 'ref-unknown',
          message: `Task '${name}' invokes '${state.Resource}', which is not a function in functions`,
          hint: hintFor(state.Resource, functions, 'functions') ?? 'write the name of a function from functions, or a service integration ARN',
        });
      }
    }
    if (state.Type === 'Task') {
      checkLambdaRetry(name, state, sp, add);
      checkTaskGrant(name, state, sp, add);
    }
    if (state.Type === 'Parallel' && Array.isArray(state.Branches)) {
      state.Branches.forEach((b: Json, i: number) => walkMachine(b, [...sp, 'Branches', i], functions, add));
    }
    if (state.Type === 'Map') {
      const inner = (state.ItemProcessor ?? state.Iterator) as Json | undefined;
      if (inner) walkMachine(inner, [...sp, state.ItemProcessor ? 'ItemProcessor' : 'Iterator'], functions, add);
    }
  }
  const seen = new Set<string>([start]);
  const queue = [start];
  while (queue.length) for (const n of edges.get(queue.shift()!) ?? []) if (!seen.has(n) && names.includes(n)) seen.add(n), queue.push(n);
  for (const name of names) {
    if (!seen.has(name)) add({ path: [...path, 'States', name], at: 'key', code: 'asl-unreachable', message: `state '${name}' is never reached`, hint: `no StartAt, Next, Default or Catch leads to it; remove it or point a transition at it` });
  }
  if (!terminal) add({ path: [...path, 'States'], at: 'key', code: 'asl-no-end', message: 'no state ends the machine', hint: 'give one state End: true, or add a Succeed or Fail state' });
}

/** A Lambda task should retry Lambda's transient errors (States.ALL and States.TaskFailed cover them). */
function checkLambdaRetry(name: string, state: Json, sp: Path, add: (p: Problem) => void): void {
  const resource = state.Resource;
  if (typeof resource !== 'string' || !(isFunctionResource(resource) || /^arn:aws[a-z-]*:(states:::lambda:invoke|lambda:)|^\$\{functions\./.test(resource))) return;
  const covered = new Set((Array.isArray(state.Retry) ? state.Retry : []).flatMap((r: Json) => (r && Array.isArray(r.ErrorEquals) ? r.ErrorEquals : [])));
  if (covered.has('States.ALL') || covered.has('States.TaskFailed')) return;
  const missing = LAMBDA_TRANSIENT_ERRORS.filter((e) => !covered.has(e));
  if (missing.length === 0) return;
  add({
    path: sp,
    at: 'key',
    severity: 'warning',
    code: 'asl-lambda-retry',
    message: `Task '${name}' invokes a Lambda function but does not retry ${missing.join(', ')}`,
    hint: `AWS recommends retrying Lambda's transient errors: Retry: [{ ErrorEquals: [${LAMBDA_TRANSIENT_ERRORS.join(', ')}], IntervalSeconds: 1, MaxAttempts: 3, BackoffRate: 2, JitterStrategy: FULL }]`,
  });
}

const namingExample: Partial<Record<Kind, string>> = {
  queue: 'QueueUrl: ${queues.NAME.url}',
  topic: 'TopicArn: ${topics.NAME.arn}',
  table: 'TableName: ${tables.NAME.name}',
  bus: 'EventBusName: ${buses.NAME.name}',
  workflow: 'StateMachineArn: ${workflows.NAME.arn}',
  function: 'FunctionName: ${functions.NAME.arn}',
  bucket: 'Bucket: ${buckets.NAME.name}',
};

/** A service integration whose resource eda cannot tell gets no grant: it would fail with AccessDenied. */
function checkTaskGrant(name: string, state: Json, sp: Path, add: (p: Problem) => void): void {
  const call = taskCall(state);
  if (!call || call.names.length > 0) return;
  add({
    path: [...sp, 'Resource'],
    severity: 'warning',
    code: 'asl-task-grant',
    message: `Task '${name}' calls ${call.actions.join(', ')} on no resource eda can tell, so the workflow's role does not allow it`,
    hint: call.kind
      ? `name the resource with an expression (${namingExample[call.kind]}); a JSONPath (.$) value cannot be granted, and a resource outside the app is granted with policies: on the workflow`
      : `eda grants nothing for this service: allow it with policies: on the workflow ({ actions: [${call.actions.join(', ')}], resources: [<its ARN>] })`,
  });
}

function hintFor(word: string, names: string[], what = 'states'): string | undefined {
  const near = closest(word, names);
  if (near) return `did you mean '${near}'?`;
  return names.length ? `${what}: ${names.slice(0, 8).join(', ')}` : undefined;
}

/** asl-validator's JSON schemas (precompiled by the build) on a copy whose function names and
 * ${...} expressions are made ARN-shaped; errors reduced to the deepest, as asl-validator does. */
function schemaProblems(definition: Json, base: Path, functions: string[]): Problem[] {
  const prepared = substitute(definition, functions) as Json;
  setQueryLanguage(prepared, (prepared.QueryLanguage as string | undefined) ?? 'JSONPath');
  const validate = aslValidator();
  if (validate(prepared)) return [];
  const errors = validate.errors ?? [];
  const depth = (e: AslError) => e.instancePath.split('/').length;
  const deepest = Math.max(...errors.map(depth));
  let selected = errors.filter((e) => depth(e) === deepest);
  const oneOfPaths = new Set(selected.filter((e) => e.keyword === 'oneOf').map((e) => e.instancePath));
  selected = selected.filter((e) => e.keyword === 'oneOf' || !oneOfPaths.has(e.instancePath));
  const seen = new Set<string>();
  return selected.flatMap((e) => {
    if (seen.has(e.instancePath)) return [];
    seen.add(e.instancePath);
    const rel = e.instancePath ? e.instancePath.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')).map((s) => (/^\d+$/.test(s) ? Number(s) : s)) : [];
    const stateName = rel[rel.length - 2] === 'States' ? rel[rel.length - 1] : rel.includes('States') ? rel[rel.lastIndexOf('States') + 1] : undefined;
    const what = e.keyword === 'oneOf' ? 'its fields do not match its Type' : e.keyword === 'format' ? `'${String(e.data ?? '')}' is not a valid ${String((e.params as { format?: string }).format ?? 'value').replace('asl_', '').replace(/_/g, ' ')}` : (e.message ?? 'invalid');
    return [
      {
        path: [...base, ...rel],
        at: e.keyword === 'oneOf' ? ('key' as const) : ('value' as const),
        code: 'asl-schema',
        message: stateName !== undefined ? `state '${stateName}' is not valid ASL: ${what}` : `not valid ASL: ${what}`,
        hint: 'check the fields this state Type allows in the Amazon States Language specification',
      },
    ];
  });
}

interface AslError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
  data?: unknown;
}
type AslValidate = ((data: unknown) => boolean) & { errors?: AslError[] | null };
let aslValidate: AslValidate | undefined;
function aslValidator(): AslValidate {
  if (!aslValidate) {
    aslValidate = (loadPrecompiled('asl-schema') as { stateMachine: AslValidate }).stateMachine;
  }
  return aslValidate;
}

/** asl-validator's schemas branch on each state's QueryLanguage, which defaults to the machine's. */
function setQueryLanguage(machine: Json, language: string): void {
  for (const state of Object.values((machine.States as Record<string, Json>) ?? {})) {
    if (!state || typeof state !== 'object') continue;
    state.QueryLanguage ??= language;
    for (const b of (state.Branches as Json[] | undefined) ?? []) setQueryLanguage(b, language);
    const inner = (state.ItemProcessor ?? state.Iterator) as Json | undefined;
    if (inner) setQueryLanguage(inner, language);
  }
}

function substitute(value: unknown, functions: string[]): unknown {
  if (Array.isArray(value)) return value.map((v) => substitute(v, functions));
  if (value && typeof value === 'object') {
    const out: Json = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === 'Resource' && typeof v === 'string' && functions.includes(v)) out[k] = `arn:aws:lambda:us-east-1:123456789012:function:${v}`;
      else out[k] = substitute(v, functions);
    }
    return out;
  }
  if (typeof value === 'string' && value.includes('${')) {
    return value.replace(/\$\{[^}]*\}/g, (raw) => (raw.includes('.arn}') ? 'arn:aws:states:us-east-1:123456789012:stateMachine:x' : 'x'));
  }
  return value;
}
