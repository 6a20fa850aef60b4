// Amazon States Language checks: every transition target exists, every state is reachable,
// a terminal state exists, Task resources name real functions — with exact paths — and then
// asl-validator for the rest of the language.
import { createRequire } from 'node:module';
import { closest } from './diagnostics.js';
import type { Problem } from './problems.js';
import type { Path } from './source.js';

type Json = Record<string, unknown>;

export function isFunctionResource(resource: unknown): resource is string {
  return typeof resource === 'string' && /^[a-z][a-zA-Z0-9-]{0,47}$/.test(resource);
}

export function checkAsl(definition: unknown, base: Path, functions: string[], file?: string): Problem[] {
  const problems: Problem[] = [];
  const add = (p: Problem) => problems.push(file ? { ...p, file } : p);
  if (typeof definition !== 'object' || definition === null || Array.isArray(definition)) {
    add({ path: base, code: 'asl-shape', message: 'a workflow definition must be a mapping with StartAt and States' });
    return problems;
  }
  const before = problems.length;
  walkMachine(definition as Json, base, functions, add);
  if (problems.length === before) {
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

function hintFor(word: string, names: string[], what = 'states'): string | undefined {
  const near = closest(word, names);
  if (near) return `did you mean '${near}'?`;
  return names.length ? `${what}: ${names.slice(0, 8).join(', ')}` : undefined;
}

/** asl-validator on a copy whose function names and ${...} expressions are made ARN-shaped. */
function schemaProblems(definition: Json, base: Path, functions: string[]): Problem[] {
  const require = createRequire(import.meta.url);
  const mod = require('asl-validator') as { default?: Validator } & Validator;
  const validate: Validator = mod.default ?? mod;
  const prepared = substitute(definition, functions);
  const result = validate(prepared, { checkPaths: true, checkArn: true });
  if (result.isValid) return [];
  return result.errors
    .filter((e) => e['Error code'] !== 'MISSING_TRANSITION_TARGET')
    .map((e) => {
      const instancePath = e.schemaError?.instancePath ?? '';
      const rel = instancePath ? instancePath.slice(1).split('/').map((s) => (/^\d+$/.test(s) ? Number(s) : s)) : [];
      const stateName = rel[0] === 'States' ? rel[1] : undefined;
      const raw = e.Message.replace(/^\/\S+ is invalid\. /, '');
      const message = stateName !== undefined ? `state '${stateName}' is not valid ASL: ${raw}` : `not valid ASL: ${e.Message}`;
      return { path: [...base, ...rel], at: 'key' as const, code: 'asl-schema', message, hint: 'check the fields allowed for this state Type in the Amazon States Language spec' };
    });
}

type Validator = (definition: unknown, options?: Record<string, unknown>) => {
  isValid: boolean;
  errors: { 'Error code': string; Message: string; schemaError?: { instancePath: string } }[];
};

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
