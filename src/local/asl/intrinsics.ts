// Intrinsic functions in payload templates: States.Format, StringToJson, JsonToString,
// Array, ArrayPartition, ArrayContains, ArrayRange, ArrayGetItem, ArrayLength,
// ArrayUnique, Base64Encode, Base64Decode, Hash, JsonMerge, MathRandom, MathAdd,
// StringSplit and UUID — arguments are 'strings', numbers, booleans, null, paths, or
// other intrinsic calls.
import { createHash } from 'node:crypto';
import { random, uuid } from '../ids.js';
import { StatesError } from './errors.js';
import { query } from './jsonpath.js';

type Arg = { type: 'literal'; value: unknown } | { type: 'path'; path: string } | { type: 'call'; name: string; args: Arg[] };

export function isIntrinsic(text: string): boolean {
  return /^States\.[A-Za-z0-9]+\(/.test(text.trim());
}

const fail = (message: string) => new StatesError('States.Runtime', message);

/** A 'quoted' argument starting at `start`: its text and the index after the closing quote. */
function readString(s: string, start: number): [string, number] {
  let i = start + 1;
  let out = '';
  while (i < s.length && s[i] !== "'") {
    if (s[i] === '\\' && i + 1 < s.length) {
      // \' \{ \} \\ are kept for Format to see braces literally; quotes unescape
      const next = s[i + 1]!;
      out += next === "'" ? "'" : next === '\\' ? '\\\\' : `\\${next}`;
      i += 2;
    } else out += s[i++];
  }
  if (s[i] !== "'") throw fail(`unterminated string in ${s}`);
  return [out, i + 1];
}

/** Where a path argument starting at `start` ends: the ',' or ')' outside brackets and quotes. */
function pathEnd(s: string, start: number): number {
  let i = start;
  let depth = 0;
  let quote: string | undefined;
  while (i < s.length) {
    const ch = s[i]!;
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '[' || ch === '(') depth++;
    else if (ch === ']' || ch === ')') {
      if (depth === 0) break;
      depth--;
    } else if (ch === ',' && depth === 0) break;
    i++;
  }
  return i;
}

function parseCall(text: string): Arg {
  let i = 0;
  const s = text.trim();
  const space = () => {
    while (s[i] === ' ') i++;
  };
  const call = (): Arg => {
    const m = /^States\.[A-Za-z0-9]+/.exec(s.slice(i));
    if (!m) throw fail(`'${s}' is not an intrinsic function call`);
    i += m[0].length;
    if (s[i] !== '(') throw fail(`expected '(' after ${m[0]}`);
    i++;
    const args: Arg[] = [];
    space();
    if (s[i] === ')') {
      i++;
      return { type: 'call', name: m[0], args };
    }
    for (;;) {
      space();
      args.push(arg());
      space();
      if (s[i] === ',') {
        i++;
        continue;
      }
      if (s[i] === ')') {
        i++;
        return { type: 'call', name: m[0], args };
      }
      throw fail(`unexpected '${s[i] ?? 'end'}' in ${s}`);
    }
  };
  const arg = (): Arg => {
    const c = s[i];
    if (c === "'") {
      const [value, end] = readString(s, i);
      i = end;
      return { type: 'literal', value };
    }
    if (c === '$') {
      const end = pathEnd(s, i);
      const path = s.slice(i, end).trim();
      i = end;
      return { type: 'path', path };
    }
    if (s.startsWith('States.', i)) return call();
    const m = /^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(s.slice(i));
    if (!m) throw fail(`unexpected '${c}' in ${s}`);
    i += m[0].length;
    return { type: 'literal', value: JSON.parse(m[0]) };
  };
  const result = call();
  space();
  if (i < s.length) throw fail(`unexpected '${s.slice(i)}' after ${s.slice(0, i)}`);
  return result;
}

const unescape = (v: unknown) => (typeof v === 'string' ? v.replace(/\\([{}\\])/g, '$1') : v);

function evaluate(a: Arg, input: unknown, context: unknown): unknown {
  if (a.type === 'literal') return unescape(a.value);
  if (a.type === 'path') {
    const r = query(a.path, input, context);
    if (!r.found) throw fail(`The JsonPath argument '${a.path}' could not be found in the input`);
    return r.value;
  }
  if (a.name === 'States.Format') {
    const [template, ...rest] = a.args;
    if (!template || template.type !== 'literal' || typeof template.value !== 'string') throw fail('States.Format needs a string template first');
    const values = rest.map((x) => evaluate(x, input, context));
    return format(template.value, values);
  }
  return call(a.name, a.args.map((x) => evaluate(x, input, context)));
}

function format(template: string, values: unknown[]): string {
  let out = '';
  let n = 0;
  for (let i = 0; i < template.length; i++) {
    const ch = template[i]!;
    if (ch === '\\' && i + 1 < template.length) {
      out += template[++i];
    } else if (ch === '{' && template[i + 1] === '}') {
      if (n >= values.length) throw fail('States.Format has more {} than arguments');
      out += formatValue(values[n++]);
      i++;
    } else out += ch;
  }
  if (n !== values.length) throw fail('States.Format has more arguments than {}');
  return out;
}

/** How States.Format renders a value: strings as they are, objects as {key=value, ...}, arrays as [a, b]. */
function formatValue(v: unknown): string {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return `[${v.map(formatValue).join(', ')}]`;
  if (v && typeof v === 'object') return `{${Object.entries(v).map(([k, x]) => `${k}=${formatValue(x)}`).join(', ')}}`;
  return JSON.stringify(v) ?? 'null';
}

/** A number argument AWS rounds to the nearest integer (half up, as Java's Math.round). */
const isNumber = (name: string, v: unknown): number => {
  if (typeof v !== 'number') throw fail(`${name} expects a number, got ${JSON.stringify(v)}`);
  return Math.round(v);
};

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const isArray = (name: string, v: unknown): unknown[] => {
  if (!Array.isArray(v)) throw fail(`${name} expects an array`);
  return v;
};
const isInt = (name: string, v: unknown): number => {
  if (typeof v !== 'number' || !Number.isInteger(v)) throw fail(`${name} expects an integer, got ${JSON.stringify(v)}`);
  return v;
};
const isString = (name: string, v: unknown): string => {
  if (typeof v !== 'string') throw fail(`${name} expects a string, got ${JSON.stringify(v)}`);
  return v;
};

/** One intrinsic: how many arguments it takes (unchecked when absent) and what it computes. */
interface Intrinsic {
  arity?: number | [number, number];
  run(args: unknown[], name: string): unknown;
}

function stringToJson([text]: unknown[], name: string): unknown {
  // AWS gives null for an empty or blank string
  if (typeof text === 'string' && !text.trim()) return null;
  try {
    return JSON.parse(isString(name, text));
  } catch (e) {
    if (e instanceof StatesError) throw e;
    throw fail(`States.StringToJson: '${text}' is not JSON`);
  }
}

function arrayPartition([array, chunk]: unknown[], name: string): unknown[][] {
  const arr = isArray(name, array);
  const size = isInt(name, chunk);
  if (size <= 0) throw fail('States.ArrayPartition chunk size must be positive');
  const out: unknown[][] = [];
  for (let i = 0; i < arr.length; i += size) out.push(arr.slice(i, i + size));
  return out;
}

function arrayRange(args: unknown[], name: string): number[] {
  const [a, b, st] = [isInt(name, args[0]), isInt(name, args[1]), isInt(name, args[2])];
  if (st === 0) throw fail('States.ArrayRange step cannot be 0');
  const out: number[] = [];
  for (let v = a; st > 0 ? v <= b : v >= b; v += st) {
    out.push(v);
    if (out.length > 1000) throw fail('States.ArrayRange produces at most 1000 items');
  }
  return out;
}

function arrayGetItem([array, index]: unknown[], name: string): unknown {
  const arr = isArray(name, array);
  const idx = isInt(name, index);
  if (idx < 0 || idx >= arr.length) throw fail(`States.ArrayGetItem index ${idx} is out of bounds`);
  return arr[idx];
}

function arrayUnique([array]: unknown[], name: string): unknown[] {
  const seen = new Set<string>();
  return isArray(name, array).filter((x) => {
    const k = JSON.stringify(x);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

const hashAlgorithms: Record<string, string> = { MD5: 'md5', 'SHA-1': 'sha1', 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' };

function hash([value, algorithm]: unknown[]): string {
  const algo = hashAlgorithms[String(algorithm)];
  if (!algo) throw fail(`States.Hash algorithm must be one of ${Object.keys(hashAlgorithms).join(', ')}`);
  const data = typeof value === 'string' ? value : JSON.stringify(value);
  return createHash(algo).update(data).digest('hex');
}

function jsonMerge([a, b, deep]: unknown[]): object {
  if (deep !== false) throw fail('States.JsonMerge supports shallow merges only: pass false as the third argument');
  if (!a || typeof a !== 'object' || Array.isArray(a) || !b || typeof b !== 'object' || Array.isArray(b)) throw fail('States.JsonMerge merges two objects');
  return { ...(a as object), ...(b as object) };
}

function mathRandom(args: unknown[], name: string): number {
  const lo = isNumber(name, args[0]);
  const hi = isNumber(name, args[1]);
  if (args[2] !== undefined) {
    // a seeded generator (mulberry32) makes the sequence repeatable
    let t = isInt(name, args[2]) + 0x6d2b79f5;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const r = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    return lo + Math.floor(r * (hi - lo));
  }
  return lo + Math.floor(random() * (hi - lo));
}

function stringSplit(args: unknown[], name: string): string[] {
  const text = isString(name, args[0]);
  const delimiters = isString(name, args[1]);
  const out: string[] = [];
  let cur = '';
  for (const ch of text) {
    if (delimiters.includes(ch)) {
      if (cur) out.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (cur) out.push(cur);
  return out;
}

// States.Format is not here: it needs its template unevaluated (see evaluate)
const intrinsics = new Map<string, Intrinsic>([
  ['States.StringToJson', { arity: 1, run: stringToJson }],
  ['States.JsonToString', { arity: 1, run: ([value]) => JSON.stringify(value) }],
  ['States.Array', { run: (args) => args }],
  ['States.ArrayPartition', { arity: 2, run: arrayPartition }],
  ['States.ArrayContains', { arity: 2, run: (args, name) => isArray(name, args[0]).some((x) => same(x, args[1])) }],
  ['States.ArrayRange', { arity: 3, run: arrayRange }],
  ['States.ArrayGetItem', { arity: 2, run: arrayGetItem }],
  ['States.ArrayLength', { arity: 1, run: ([array], name) => isArray(name, array).length }],
  ['States.ArrayUnique', { arity: 1, run: arrayUnique }],
  ['States.Base64Encode', { arity: 1, run: ([text], name) => Buffer.from(isString(name, text), 'utf8').toString('base64') }],
  ['States.Base64Decode', { arity: 1, run: ([text], name) => Buffer.from(isString(name, text), 'base64').toString('utf8') }],
  ['States.Hash', { arity: 2, run: hash }],
  ['States.JsonMerge', { arity: 3, run: jsonMerge }],
  ['States.MathRandom', { arity: [2, 3], run: mathRandom }],
  ['States.MathAdd', { arity: 2, run: (args, name) => isNumber(name, args[0]) + isNumber(name, args[1]) }],
  ['States.StringSplit', { arity: 2, run: stringSplit }],
  ['States.UUID', { arity: 0, run: () => uuid() }],
]);

function call(name: string, args: unknown[]): unknown {
  const intrinsic = intrinsics.get(name);
  if (!intrinsic) throw fail(`${name} is not an intrinsic function`);
  if (intrinsic.arity !== undefined) {
    const [lo, hi] = typeof intrinsic.arity === 'number' ? [intrinsic.arity, intrinsic.arity] : intrinsic.arity;
    if (args.length < lo || args.length > hi) throw fail(`${name} takes ${lo === hi ? lo : `${lo}-${hi}`} arguments, got ${args.length}`);
  }
  return intrinsic.run(args, name);
}

/** Evaluates "States.X(...)" against the state input and the context object. */
export function evaluateIntrinsic(text: string, input: unknown, context: unknown): unknown {
  return evaluate(parseCall(text), input, context);
}
