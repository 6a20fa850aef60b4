// Intrinsic functions in payload templates: States.Format, StringToJson, JsonToString,
// Array, ArrayPartition, ArrayContains, ArrayRange, ArrayGetItem, ArrayLength,
// ArrayUnique, Base64Encode, Base64Decode, Hash, JsonMerge, MathRandom, MathAdd,
// StringSplit and UUID — arguments are 'strings', numbers, booleans, null, paths, or
// other intrinsic calls.
import { createHash, randomUUID } from 'node:crypto';
import { StatesError } from './errors.js';
import { query } from './jsonpath.js';

type Arg = { type: 'literal'; value: unknown } | { type: 'path'; path: string } | { type: 'call'; name: string; args: Arg[] };

export function isIntrinsic(text: string): boolean {
  return /^States\.[A-Za-z0-9]+\(/.test(text.trim());
}

const fail = (message: string) => new StatesError('States.Runtime', message);

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
      i++;
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
      i++;
      return { type: 'literal', value: out };
    }
    if (c === '$') {
      const start = i;
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
      return { type: 'path', path: s.slice(start, i).trim() };
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
      const v = values[n++];
      if (v !== null && typeof v === 'object') throw fail('States.Format arguments must be strings, numbers, booleans or null');
      out += String(v);
      i++;
    } else out += ch;
  }
  if (n !== values.length) throw fail('States.Format has more arguments than {}');
  return out;
}

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

function call(name: string, args: unknown[]): unknown {
  const count = (n: number | [number, number]) => {
    const [lo, hi] = typeof n === 'number' ? [n, n] : n;
    if (args.length < lo || args.length > hi) throw fail(`${name} takes ${lo === hi ? lo : `${lo}-${hi}`} arguments, got ${args.length}`);
  };
  switch (name) {
    case 'States.StringToJson':
      count(1);
      try {
        return JSON.parse(isString(name, args[0]));
      } catch (e) {
        if (e instanceof StatesError) throw e;
        throw fail(`States.StringToJson: '${args[0]}' is not JSON`);
      }
    case 'States.JsonToString':
      count(1);
      return JSON.stringify(args[0]);
    case 'States.Array':
      return args;
    case 'States.ArrayPartition': {
      count(2);
      const arr = isArray(name, args[0]);
      const size = isInt(name, args[1]);
      if (size <= 0) throw fail('States.ArrayPartition chunk size must be positive');
      const out: unknown[][] = [];
      for (let i = 0; i < arr.length; i += size) out.push(arr.slice(i, i + size));
      return out;
    }
    case 'States.ArrayContains':
      count(2);
      return isArray(name, args[0]).some((x) => same(x, args[1]));
    case 'States.ArrayRange': {
      count(3);
      const [a, b, st] = [isInt(name, args[0]), isInt(name, args[1]), isInt(name, args[2])];
      if (st === 0) throw fail('States.ArrayRange step cannot be 0');
      const out: number[] = [];
      for (let v = a; st > 0 ? v <= b : v >= b; v += st) {
        out.push(v);
        if (out.length > 1000) throw fail('States.ArrayRange produces at most 1000 items');
      }
      return out;
    }
    case 'States.ArrayGetItem': {
      count(2);
      const arr = isArray(name, args[0]);
      const idx = isInt(name, args[1]);
      if (idx < 0 || idx >= arr.length) throw fail(`States.ArrayGetItem index ${idx} is out of bounds`);
      return arr[idx];
    }
    case 'States.ArrayLength':
      count(1);
      return isArray(name, args[0]).length;
    case 'States.ArrayUnique': {
      count(1);
      const seen = new Set<string>();
      return isArray(name, args[0]).filter((x) => {
        const k = JSON.stringify(x);
        if (seen.has(k)) return false;
        seen.add(k);
        return true;
      });
    }
    case 'States.Base64Encode':
      count(1);
      return Buffer.from(isString(name, args[0]), 'utf8').toString('base64');
    case 'States.Base64Decode':
      count(1);
      return Buffer.from(isString(name, args[0]), 'base64').toString('utf8');
    case 'States.Hash': {
      count(2);
      const algorithms: Record<string, string> = { MD5: 'md5', 'SHA-1': 'sha1', 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' };
      const algo = algorithms[String(args[1])];
      if (!algo) throw fail(`States.Hash algorithm must be one of ${Object.keys(algorithms).join(', ')}`);
      const data = typeof args[0] === 'string' ? args[0] : JSON.stringify(args[0]);
      return createHash(algo).update(data).digest('hex');
    }
    case 'States.JsonMerge': {
      count(3);
      const [a, b, deep] = args;
      if (deep !== false) throw fail('States.JsonMerge supports shallow merges only: pass false as the third argument');
      if (!a || typeof a !== 'object' || Array.isArray(a) || !b || typeof b !== 'object' || Array.isArray(b)) throw fail('States.JsonMerge merges two objects');
      return { ...(a as object), ...(b as object) };
    }
    case 'States.MathRandom': {
      count([2, 3]);
      const lo = isInt(name, args[0]);
      const hi = isInt(name, args[1]);
      if (args[2] !== undefined) {
        // a seeded generator (mulberry32) makes the sequence repeatable
        let t = isInt(name, args[2]) + 0x6d2b79f5;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        const r = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
        return lo + Math.floor(r * (hi - lo));
      }
      return lo + Math.floor(Math.random() * (hi - lo));
    }
    case 'States.MathAdd':
      count(2);
      return isInt(name, args[0]) + isInt(name, args[1]);
    case 'States.StringSplit': {
      count(2);
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
    case 'States.UUID':
      count(0);
      return randomUUID();
    default:
      throw fail(`${name} is not an intrinsic function`);
  }
}

/** Evaluates "States.X(...)" against the state input and the context object. */
export function evaluateIntrinsic(text: string, input: unknown, context: unknown): unknown {
  return evaluate(parseCall(text), input, context);
}
