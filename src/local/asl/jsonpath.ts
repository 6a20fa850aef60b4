// JSONPath as Step Functions reads it (Jayway-compatible subset): $ and $$ roots, .name,
// ['name'], [n], [-n], [*], .*, .., [a,b], [start:end:step], and [?(...)] filters with
// comparisons, &&, ||, ! and existence tests. A path is "definite" when it can name at
// most one value; indefinite paths yield the list of everything they matched.

import { scopeOf } from './types.js';

type Segment =
  | { type: 'name'; names: string[] }
  | { type: 'index'; indexes: number[] }
  | { type: 'wildcard' }
  | { type: 'slice'; start?: number; end?: number; step?: number }
  | { type: 'filter'; expr: FilterExpr }
  | { type: 'descend'; inner: Segment };

type FilterExpr =
  | { type: 'or' | 'and'; left: FilterExpr; right: FilterExpr }
  | { type: 'not'; expr: FilterExpr }
  | { type: 'cmp'; op: string; left: Operand; right: Operand }
  | { type: 'exists'; operand: Operand };

type Operand = { type: 'path'; root: '@' | '$'; segments: Segment[] } | { type: 'literal'; value: unknown };

export interface ParsedPath {
  root: '$' | '$$' | '@' | 'var';
  /** The variable a `$name...` path starts from. */
  variable?: string;
  segments: Segment[];
  definite: boolean;
}

export class JsonPathError extends Error {}

const cache = new Map<string, ParsedPath>();

export function parsePath(path: string): ParsedPath {
  const cached = cache.get(path);
  if (cached) return cached;
  const parser = new Parser(path);
  const parsed = parser.parse();
  if (cache.size > 5000) cache.clear();
  cache.set(path, parsed);
  return parsed;
}

class Parser {
  private i = 0;
  constructor(private readonly s: string) {}

  private fail(message: string): never {
    throw new JsonPathError(`invalid JSONPath '${this.s}': ${message} at ${this.i}`);
  }

  parse(): ParsedPath {
    const s = this.s.trim();
    let root: ParsedPath['root'];
    let variable: string | undefined;
    const named = /^\$([\p{L}_][\p{L}\p{Nd}_]*)/u.exec(s);
    if (s.startsWith('$$')) {
      root = '$$';
      this.i = 2;
    } else if (named) {
      root = 'var';
      variable = named[1];
      this.i = named[0].length;
    } else if (s.startsWith('$')) {
      root = '$';
      this.i = 1;
    } else if (s.startsWith('@')) {
      root = '@';
      this.i = 1;
    } else this.fail('a path starts with $');
    const segments = this.segments(s, false);
    if (this.i < s.length) this.fail(`unexpected '${s[this.i]}'`);
    return { root, variable, segments, definite: segments.every(isDefinite) };
  }

  /** Reads segments until the end (or, inside a filter, until an operator/paren). */
  segments(s: string, inFilter: boolean): Segment[] {
    const out: Segment[] = [];
    while (this.i < s.length) {
      const c = s[this.i];
      if (c === '.') {
        if (s[this.i + 1] === '.') {
          this.i += 2;
          if (s[this.i] === '[') out.push({ type: 'descend', inner: this.bracket(s) });
          else if (s[this.i] === '*') {
            this.i++;
            out.push({ type: 'descend', inner: { type: 'wildcard' } });
          } else out.push({ type: 'descend', inner: { type: 'name', names: [this.name(s)] } });
          continue;
        }
        this.i++;
        if (s[this.i] === '*') {
          this.i++;
          out.push({ type: 'wildcard' });
        } else out.push({ type: 'name', names: [this.name(s)] });
      } else if (c === '[') out.push(this.bracket(s));
      else if (inFilter) break;
      else this.fail(`unexpected '${c}'`);
    }
    return out;
  }

  private name(s: string): string {
    const start = this.i;
    while (this.i < s.length && !'.[ )=!<>&|,'.includes(s[this.i]!)) this.i++;
    if (this.i === start) this.fail('expected a field name');
    return s.slice(start, this.i);
  }

  private skipSpace(s: string) {
    while (s[this.i] === ' ') this.i++;
  }

  private quoted(s: string): string {
    const q = s[this.i]!;
    this.i++;
    let out = '';
    while (this.i < s.length && s[this.i] !== q) {
      if (s[this.i] === '\\') {
        this.i++;
        const e = s[this.i];
        out += e === 'n' ? '\n' : e === 't' ? '\t' : (e ?? '');
      } else out += s[this.i];
      this.i++;
    }
    if (s[this.i] !== q) this.fail('unterminated string');
    this.i++;
    return out;
  }

  private bracket(s: string): Segment {
    this.i++; // [
    this.skipSpace(s);
    let seg: Segment;
    if (s[this.i] === '*') {
      this.i++;
      seg = { type: 'wildcard' };
    } else if (s[this.i] === '?') {
      this.i++;
      this.skipSpace(s);
      if (s[this.i] !== '(') this.fail("expected '(' after ?");
      this.i++;
      const expr = this.orExpr(s);
      this.skipSpace(s);
      if (s[this.i] !== ')') this.fail("expected ')'");
      this.i++;
      seg = { type: 'filter', expr };
    } else if (s[this.i] === "'" || s[this.i] === '"') {
      const names = [this.quoted(s)];
      this.skipSpace(s);
      while (s[this.i] === ',') {
        this.i++;
        this.skipSpace(s);
        names.push(this.quoted(s));
        this.skipSpace(s);
      }
      seg = { type: 'name', names };
    } else {
      const start = this.i;
      while (this.i < s.length && s[this.i] !== ']') this.i++;
      const body = s.slice(start, this.i).replace(/\s+/g, '');
      if (body.includes(':')) {
        const [a, b, c] = body.split(':');
        const num = (x: string | undefined) => (x === undefined || x === '' ? undefined : Number(x));
        seg = { type: 'slice', start: num(a), end: num(b), step: num(c) };
        if ([seg.start, seg.end, seg.step].some((n) => n !== undefined && !Number.isInteger(n))) this.fail('bad slice');
      } else {
        const indexes = body.split(',').map(Number);
        if (!body || indexes.some((n) => !Number.isInteger(n))) this.fail('bad index');
        seg = { type: 'index', indexes };
      }
    }
    this.skipSpace(s);
    if (s[this.i] !== ']') this.fail("expected ']'");
    this.i++;
    return seg;
  }

  private orExpr(s: string): FilterExpr {
    let left = this.andExpr(s);
    for (;;) {
      this.skipSpace(s);
      if (s.startsWith('||', this.i)) {
        this.i += 2;
        left = { type: 'or', left, right: this.andExpr(s) };
      } else return left;
    }
  }

  private andExpr(s: string): FilterExpr {
    let left = this.unary(s);
    for (;;) {
      this.skipSpace(s);
      if (s.startsWith('&&', this.i)) {
        this.i += 2;
        left = { type: 'and', left, right: this.unary(s) };
      } else return left;
    }
  }

  private unary(s: string): FilterExpr {
    this.skipSpace(s);
    if (s[this.i] === '!' && s[this.i + 1] !== '=') {
      this.i++;
      return { type: 'not', expr: this.unary(s) };
    }
    if (s[this.i] === '(') {
      this.i++;
      const e = this.orExpr(s);
      this.skipSpace(s);
      if (s[this.i] !== ')') this.fail("expected ')'");
      this.i++;
      return e;
    }
    const left = this.operand(s);
    this.skipSpace(s);
    const op = ['==', '!=', '<=', '>=', '<', '>'].find((o) => s.startsWith(o, this.i));
    if (!op) {
      if (left.type !== 'path') this.fail('a filter needs a comparison or a path');
      return { type: 'exists', operand: left };
    }
    this.i += op.length;
    this.skipSpace(s);
    return { type: 'cmp', op, left, right: this.operand(s) };
  }

  private operand(s: string): Operand {
    this.skipSpace(s);
    const c = s[this.i];
    if (c === '@' || c === '$') {
      this.i++;
      return { type: 'path', root: c, segments: this.segments(s, true) };
    }
    if (c === "'" || c === '"') return { type: 'literal', value: this.quoted(s) };
    const m = /^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(s.slice(this.i));
    if (!m) this.fail('expected a value');
    this.i += m[0].length;
    return { type: 'literal', value: JSON.parse(m[0]) };
  }
}

function isDefinite(seg: Segment): boolean {
  return (seg.type === 'name' && seg.names.length === 1) || (seg.type === 'index' && seg.indexes.length === 1);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function step(values: unknown[], seg: Segment, root: unknown): unknown[] {
  const out: unknown[] = [];
  for (const v of values) {
    switch (seg.type) {
      case 'name':
        if (isObject(v)) for (const n of seg.names) if (Object.hasOwn(v, n)) out.push(v[n]);
        break;
      case 'index':
        if (Array.isArray(v)) {
          for (const i of seg.indexes) {
            const j = i < 0 ? v.length + i : i;
            if (j >= 0 && j < v.length) out.push(v[j]);
          }
        }
        break;
      case 'wildcard':
        if (Array.isArray(v)) out.push(...v);
        else if (isObject(v)) out.push(...Object.values(v));
        break;
      case 'slice':
        if (Array.isArray(v)) {
          const len = v.length;
          const stepBy = seg.step ?? 1;
          if (stepBy <= 0) break;
          const norm = (n: number | undefined, d: number) => (n === undefined ? d : n < 0 ? Math.max(0, len + n) : Math.min(len, n));
          for (let i = norm(seg.start, 0); i < norm(seg.end, len); i += stepBy) out.push(v[i]);
        }
        break;
      case 'filter': {
        const items = Array.isArray(v) ? v : isObject(v) ? Object.values(v) : [];
        for (const item of items) if (test(seg.expr, item, root)) out.push(item);
        break;
      }
      case 'descend': {
        const all: unknown[] = [];
        const walk = (x: unknown) => {
          all.push(x);
          if (Array.isArray(x)) x.forEach(walk);
          else if (isObject(x)) Object.values(x).forEach(walk);
        };
        walk(v);
        out.push(...step(all, seg.inner, root));
        break;
      }
    }
  }
  return out;
}

function operandValue(o: Operand, current: unknown, root: unknown): { found: boolean; value?: unknown } {
  if (o.type === 'literal') return { found: true, value: o.value };
  const values = o.segments.reduce<unknown[]>((vals, seg) => step(vals, seg, root), [o.root === '@' ? current : root]);
  if (!values.length) return { found: false };
  return { found: true, value: o.segments.every(isDefinite) ? values[0] : values };
}

function test(e: FilterExpr, current: unknown, root: unknown): boolean {
  switch (e.type) {
    case 'or':
      return test(e.left, current, root) || test(e.right, current, root);
    case 'and':
      return test(e.left, current, root) && test(e.right, current, root);
    case 'not':
      return !test(e.expr, current, root);
    case 'exists':
      return operandValue(e.operand, current, root).found;
    case 'cmp': {
      const l = operandValue(e.left, current, root);
      const r = operandValue(e.right, current, root);
      if (!l.found || !r.found) return e.op === '!=' && l.found !== r.found;
      const a = l.value;
      const b = r.value;
      switch (e.op) {
        case '==':
          return JSON.stringify(a) === JSON.stringify(b);
        case '!=':
          return JSON.stringify(a) !== JSON.stringify(b);
        default: {
          if (!((typeof a === 'number' && typeof b === 'number') || (typeof a === 'string' && typeof b === 'string'))) return false;
          if (e.op === '<') return a < b;
          if (e.op === '<=') return a <= b;
          if (e.op === '>') return a > b;
          return a >= b;
        }
      }
    }
  }
}

/** Every value the path matches (empty when none). */
export function queryAll(path: string, data: unknown, context?: unknown): unknown[] {
  const p = parsePath(path);
  if (p.root === 'var') {
    const scope = scopeOf(context);
    if (!scope?.has(p.variable!)) throw new JsonPathError(`The variable '$${p.variable}' is not defined`);
    const value = scope.get(p.variable!);
    return p.segments.reduce<unknown[]>((vals, seg) => step(vals, seg, value), [value]);
  }
  const root = p.root === '$$' ? context : data;
  return p.segments.reduce<unknown[]>((vals, seg) => step(vals, seg, root), [root]);
}

/**
 * The value a path names: a definite path's single value (found: false when absent), an
 * indefinite path's list of matches.
 */
export function query(path: string, data: unknown, context?: unknown): { found: boolean; value?: unknown } {
  const p = parsePath(path);
  const values = queryAll(path, data, context);
  if (p.definite) return values.length ? { found: true, value: values[0] } : { found: false };
  return { found: true, value: values };
}

/**
 * Writes value at a reference path ($, $.a.b, $['a'][0]) into a copy of data, creating
 * objects along the way, as ResultPath does.
 */
export function setPath(data: unknown, path: string, value: unknown): unknown {
  const p = parsePath(path);
  if (p.root !== '$' || !p.segments.every(isDefinite)) throw new JsonPathError(`'${path}' is not a reference path`);
  if (!p.segments.length) return value;
  const copy = structuredClone(data ?? {});
  let target: unknown = copy;
  if (!isObject(target) && !Array.isArray(target)) throw new JsonPathError(`cannot set '${path}' on a ${typeof target}`);
  p.segments.forEach((seg, i) => {
    const last = i === p.segments.length - 1;
    if (seg.type === 'name') {
      const key = seg.names[0]!;
      if (!isObject(target)) throw new JsonPathError(`cannot set '${path}': not an object at '${key}'`);
      if (last) target[key] = value;
      else {
        if (!isObject(target[key]) && !Array.isArray(target[key])) target[key] = {};
        target = target[key];
      }
    } else if (seg.type === 'index') {
      const idx = seg.indexes[0]!;
      if (!Array.isArray(target) || idx >= target.length) throw new JsonPathError(`cannot set '${path}': index ${idx} is out of range`);
      if (last) target[idx] = value;
      else target = target[idx];
    }
  });
  return copy;
}

/** A path as AWS quotes it in "No results for path" messages: $['a']['b'][0]. */
export function normalizedPath(path: string): string {
  let p: ParsedPath;
  try {
    p = parsePath(path);
  } catch {
    return path;
  }
  const root = p.root === 'var' ? `$${p.variable}` : p.root;
  const parts = p.segments.map((seg) => {
    if (seg.type === 'name') return seg.names.map((n) => `['${n}']`).join('');
    if (seg.type === 'index') return `[${seg.indexes.join(',')}]`;
    if (seg.type === 'wildcard') return '[*]';
    return undefined;
  });
  return parts.includes(undefined) ? path : root + parts.join('');
}
