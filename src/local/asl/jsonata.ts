// JSONata as Step Functions evaluates it: a string that is wholly `{% expression %}` is an
// expression, anywhere AWS allows one (nested in objects and arrays too); `$states` holds
// input, result, errorOutput and context; workflow variables are bindings; AWS adds
// $partition, $range, $hash, $random, $uuid and $parse to JSONata's own functions.
import { createHash } from 'node:crypto';
import jsonata from 'jsonata';
import { random, uuid } from '../ids.js';
import { StatesError } from './errors.js';
import type { ContextObject, VariableReader } from './types.js';

export interface StatesVariable {
  input: unknown;
  result?: unknown;
  errorOutput?: unknown;
  context: ContextObject;
}

/** What an expression sees: `$states` and the variables in scope. */
export interface Bindings {
  states: StatesVariable;
  variables?: VariableReader;
  /** The state's name, for error causes. */
  state: string;
}

const EXPRESSION = /^\{%([\s\S]*)%\}$/;

export const isExpression = (value: unknown): value is string => typeof value === 'string' && EXPRESSION.test(value);

/** A JSONata failure; the interpreter prefixes the state it happened in (errors.ts `located`). */
export const queryError = (cause: string) => new StatesError('States.QueryEvaluationError', cause);

const compiled = new Map<string, jsonata.Expression>();

function compile(text: string, field: string, state: string): jsonata.Expression {
  let expression = compiled.get(text);
  if (!expression) {
    try {
      expression = jsonata(text);
    } catch (e) {
      throw queryError(`The JSONata expression '${text}' specified for the field '${field}' is invalid. ${describe(e)}`);
    }
    if (compiled.size > 2000) compiled.clear();
    compiled.set(text, expression);
  }
  return expression;
}

const describe = (e: unknown) => {
  const err = e as { code?: string; message?: string };
  return err.code ? `${err.code}: ${err.message}` : String(err.message ?? e);
};

const hashAlgorithms: Record<string, string> = { MD5: 'md5', 'SHA-1': 'sha1', 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' };

/** AWS's functions beside JSONata's own. */
const awsFunctions = {
  partition(array: unknown, size: unknown): unknown[][] {
    if (!Array.isArray(array)) throw new Error('$partition expects an array as its first argument');
    if (typeof size !== 'number' || !Number.isInteger(size) || size <= 0) throw new Error('$partition expects a positive integer chunk size');
    const out: unknown[][] = [];
    for (let i = 0; i < array.length; i += size) out.push(array.slice(i, i + size));
    return out;
  },
  range(start: unknown, end: unknown, step: unknown): number[] {
    if (![start, end, step].every((n) => typeof n === 'number' && Number.isInteger(n))) throw new Error('$range expects three integers');
    const [a, b, s] = [start, end, step] as number[];
    if (s === 0) throw new Error('$range step cannot be 0');
    const out: number[] = [];
    for (let v = a!; s! > 0 ? v <= b! : v >= b!; v += s!) {
      out.push(v);
      if (out.length > 1000) throw new Error('$range produces at most 1000 items');
    }
    return out;
  },
  hash(value: unknown, algorithm: unknown): string {
    const algo = hashAlgorithms[String(algorithm)];
    if (!algo) throw new Error(`$hash algorithm must be one of ${Object.keys(hashAlgorithms).join(', ')}`);
    return createHash(algo).update(typeof value === 'string' ? value : JSON.stringify(value)).digest('hex');
  },
  random(seed?: unknown): number {
    if (seed === undefined) return random();
    let t = (Number(seed) | 0) + 0x6d2b79f5;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  },
  uuid: () => uuid(),
  parse(text: unknown): unknown {
    if (typeof text !== 'string') throw new Error('$parse expects a string');
    return JSON.parse(text);
  },
};

/** Evaluates one `{% %}` expression for a field; nothing (undefined) is an error, as on AWS. */
export async function evaluateExpression(value: string, field: string, b: Bindings): Promise<unknown> {
  const text = EXPRESSION.exec(value)![1]!.trim();
  const expression = compile(text, field, b.state);
  let result: unknown;
  try {
    result = await expression.evaluate(undefined, { ...b.variables?.all(), ...awsFunctions, states: b.states });
  } catch (e) {
    throw queryError(`The JSONata expression '${text}' specified for the field '${field}' threw an error during evaluation. ${describe(e)}`);
  }
  if (result === undefined) throw queryError(`The JSONata expression '${text}' specified for the field '${field}' returned nothing (undefined).`);
  if (typeof result === 'function') throw queryError(`The JSONata expression '${text}' specified for the field '${field}' returned a function, which is not JSON.`);
  return plain(result);
}

/** JSONata marks its sequences with extra properties: hand back plain JSON values. */
function plain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = plain(v);
    return out;
  }
  return value;
}

/** A field's value: expressions evaluated wherever they are in it, everything else as written. */
export async function evaluateTemplate(value: unknown, field: string, b: Bindings): Promise<unknown> {
  if (isExpression(value)) return evaluateExpression(value, field, b);
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const item of value) out.push(await evaluateTemplate(item, field, b));
    return out;
  }
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = await evaluateTemplate(v, k, b);
    return out;
  }
  return value;
}
