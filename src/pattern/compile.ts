// Reads an EventBridge event pattern once, reporting every problem EventBridge
// would reject it for (with the path to the offending part) and, when it is
// valid, compiling it into a matcher with EventBridge's semantics:
//
// - `$or` is expanded into alternatives (sub-rules) as EventBridge does: the
//   leaves written so far are copied into each branch, and a leaf written twice
//   on one branch keeps the later value.
// - The event is flattened into leaf fields named by dotted path; a sub-rule
//   matches when each of its keys, taken in sorted order, is satisfied by a
//   field that sits in the same array elements as the fields matched before it
//   (or, for {"exists": false}, when no such field exists).

import damerauLevenshtein from 'damerau-levenshtein';
import { consistent, flattenEvent, isPlainObject, merge, type Field, type Fields, type Membership } from './event.js';
import { looksLikeIp, parseCidr, parseIp } from './ip.js';
import { checkNumber, MAX_MAGNITUDE, numberProblem, toMicros } from './numbers.js';
import { MAX_WILDCARD_COMPLEXITY, TOO_COMPLEX, wildcardComplexity } from './complexity.js';
import { ignoreCaseRegex, parseWildcard, wildcardMatches } from './strings.js';

export type PatternPath = (string | number)[];

export interface PatternProblem {
  path: PatternPath;
  message: string;
  hint?: string;
}

/** The operators a value list may use. */
export const OPERATORS = ['prefix', 'suffix', 'equals-ignore-case', 'wildcard', 'anything-but', 'numeric', 'exists', 'cidr'] as const;
const ANYTHING_BUT_INNER = ['prefix', 'suffix', 'equals-ignore-case', 'wildcard'];
const NUMERIC_OPERATORS = ['=', '<', '<=', '>', '>='];

/**
 * Longest pattern EventBridge accepts as compact JSON: the "Event pattern size" quota, 2048
 * characters unless the account has had it raised (to at most 4096).
 */
export const MAX_PATTERN_LENGTH = 2048;
/** Most alternatives the `$or` lists of one pattern may multiply into. */
export const MAX_OR_COMBINATIONS = 1000;
/** Most fields one alternative of a pattern may constrain. */
export const MAX_FIELDS_PER_RULE = 256;

/** Words EventBridge reserves: they can't be field names inside `$or`. */
const RESERVED_IN_OR = new Set([
  'exactly', 'equals-ignore-case', 'prefix', 'suffix', 'anything-but', 'exists', 'wildcard', 'numeric', 'cidr',
  'html', '=', '<', '<=', '>', '>=', 'regex', 'not-wildcard', 'not-equals-ignore-case', 'date-after',
  'date-on-or-after', 'date-before', 'date-on-or-before', 'in-date-range', 'ip-address-in-range',
  'ip-address-not-in-range',
]);

type Test = (field: Field) => boolean;
interface KeyRule {
  tests: Test[];
  absent: boolean;
}
type SubRule = Map<string, KeyRule>;
interface CompiledKey {
  name: string;
  tests: Test[];
  absent: boolean;
}

export class InvalidPatternError extends Error {
  constructor(readonly problems: PatternProblem[]) {
    super(
      `Invalid event pattern: ${problems
        .slice(0, 3)
        .map((p) => (p.path.length ? `${formatPatternPath(p.path)}: ${p.message}` : p.message))
        .join('; ')}${problems.length > 3 ? ` (and ${problems.length - 3} more)` : ''}`,
    );
    this.name = 'InvalidPatternError';
  }
}

/** A path as people write it: detail.amount[0].numeric[1]. */
export function formatPatternPath(path: PatternPath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

export interface ParsedPattern {
  problems: PatternProblem[];
  rules: CompiledKey[][];
  /** Every pattern key and each of its dotted prefixes. */
  wanted: Set<string>;
}

export function parsePattern(pattern: unknown): ParsedPattern {
  const compiler = new Compiler();
  const rules = compiler.root(pattern);
  const compiled = rules.map((rule) =>
    [...rule.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, { tests, absent }]) => ({ name, tests, absent })),
  );
  const wanted = new Set<string>();
  for (const rule of compiled) {
    for (const { name } of rule) {
      let at = name.indexOf('.');
      while (at >= 0) {
        wanted.add(name.slice(0, at));
        at = name.indexOf('.', at + 1);
      }
      wanted.add(name);
    }
  }
  return { problems: compiler.problems, rules: compiled, wanted };
}

/** Compiles a valid pattern into a matcher; throws InvalidPatternError otherwise. */
export function compile(pattern: unknown): (event: unknown) => boolean {
  const { problems, rules, wanted } = parsePattern(pattern);
  if (problems.length > 0) throw new InvalidPatternError(problems);
  return (event: unknown): boolean => {
    if (!isPlainObject(event)) return false;
    const fields = flattenEvent(event, wanted);
    return rules.some((rule) => matchRule(rule, fields));
  };
}

function matchRule(keys: CompiledKey[], fields: Fields): boolean {
  const failed = new Set<string>();
  const step = (i: number, membership: Membership): boolean => {
    if (i === keys.length) return true;
    const memo = membership.length > 0 ? `${i}|${membership.map(([id, index]) => `${id}:${index}`).join(',')}` : undefined;
    if (memo !== undefined && failed.has(memo)) return false;
    const key = keys[i]!;
    const candidates = fields.get(key.name);
    if (key.absent && !candidates?.some((f) => consistent(membership, f.membership)) && step(i + 1, membership)) return true;
    if (candidates && key.tests.length > 0) {
      for (const field of candidates) {
        if (!consistent(membership, field.membership)) continue;
        if (!key.tests.some((test) => test(field))) continue;
        if (step(i + 1, merge(membership, field.membership))) return true;
      }
    }
    if (memo !== undefined) failed.add(memo);
    return false;
  };
  return step(0, []);
}

// ---------------------------------------------------------------------------
// Value tests

function exactString(text: string): Test {
  const ip = looksLikeIp(text) ? parseIp(text) : null;
  if (!ip) return (f) => f.value === text;
  // EventBridge reads a value that is an IP address as that address, so
  // "10.0.0.1" also matches "010.0.0.1" and "2001:db8::1" matches "2001:DB8:0::1".
  return (f) => {
    if (typeof f.value !== 'string') return false;
    if (f.value === text) return true;
    const other = f.address();
    return other !== null && other.v6 === ip.v6 && other.value === ip.value;
  };
}

function exactNumber(n: number): Test {
  const micros = toMicros(n);
  if (micros === null) return (f) => f.value === n;
  return (f) => typeof f.value === 'number' && f.numeric() === micros;
}

const isString = (f: Field): f is Field & { value: string } => typeof f.value === 'string';

function stringTest(check: (value: string) => boolean): Test {
  return (f) => isString(f) && check(f.value);
}

// ---------------------------------------------------------------------------
// Reading the pattern

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : 'a list';
  switch (typeof value) {
    case 'string':
      return `the string ${JSON.stringify(value)}`;
    case 'number':
      return `the number ${value}`;
    case 'boolean':
      return String(value);
    case 'object':
      return 'an object';
    default:
      return `a ${typeof value}`;
  }
}

const json = (value: unknown): string => JSON.stringify(value) ?? String(value);

/** Edit distance (a swap of neighbours is one edit), from the package core/did-you-mean.ts uses too. */
const distance = (a: string, b: string): number => damerauLevenshtein(a, b).steps;

const ALIASES: Record<string, string> = {
  beginswith: 'prefix',
  startswith: 'prefix',
  endswith: 'suffix',
  not: 'anything-but',
  notequals: 'anything-but',
  ne: 'anything-but',
  except: 'anything-but',
  ignorecase: 'equals-ignore-case',
  iequals: 'equals-ignore-case',
  equalsignorecase: 'equals-ignore-case',
  exist: 'exists',
  range: 'numeric',
  number: 'numeric',
  ip: 'cidr',
  ipaddress: 'cidr',
  like: 'wildcard',
  glob: 'wildcard',
  match: 'wildcard',
};

/** The operator a misspelt or foreign name most likely means. */
export function nearestOperator(name: string, candidates: readonly string[] = OPERATORS): string | undefined {
  const squash = (s: string) => s.toLowerCase().replace(/[-_\s]/g, '');
  const wanted = squash(name);
  for (const c of candidates) if (squash(c) === wanted) return c;
  const alias = ALIASES[wanted];
  if (alias && candidates.includes(alias)) return alias;
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    const score = distance(name.toLowerCase(), c);
    if (score < bestScore) {
      best = c;
      bestScore = score;
    }
  }
  return best !== undefined && bestScore <= Math.max(2, Math.floor(best.length / 4)) ? best : undefined;
}

function operatorHint(name: string, candidates: readonly string[] = OPERATORS): string {
  const squashed = name.toLowerCase().replace(/[-_\s]/g, '');
  if (squashed === 'contains' || squashed === 'includes') return 'EventBridge has no "contains"; use {"wildcard": "*text*"}';
  if (squashed === 'regex' || squashed === 'regexp' || squashed === 'pattern') {
    return 'EventBridge has no regular expressions; use "wildcard", "prefix" or "suffix"';
  }
  if (squashed === 'exactly' || squashed === 'equals' || squashed === 'eq' || squashed === 'is') {
    return 'exact values need no operator: list them directly, e.g. ["value"]';
  }
  if (squashed === '$or' || squashed === 'or' || squashed === '$and' || squashed === 'and') {
    return 'the entries of a list are already alternatives (OR); fields of an object must all match (AND); "$or" goes among the fields of an object';
  }
  const near = nearestOperator(name, candidates);
  if (near) return `did you mean "${near}"?`;
  return `the operators are ${candidates.map((c) => `"${c}"`).join(', ')}`;
}

class Compiler {
  readonly problems: PatternProblem[] = [];
  /** Wildcard operands by field (dotted name), for EventBridge's complexity limit. */
  private readonly wildcards = new Map<string, { segments: string[]; path: PatternPath }[]>();
  private field = '';
  private orProduct = 1;
  private orLimitReported = false;

  private add(path: PatternPath, message: string, hint?: string): void {
    this.problems.push(hint === undefined ? { path, message } : { path, message, hint });
  }

  root(pattern: unknown): SubRule[] {
    if (!isPlainObject(pattern)) {
      this.add([], `an event pattern must be an object, not ${describe(pattern)}`, 'for example {"source": ["my.app"]}');
      return [];
    }
    const rules: SubRule[] = [];
    this.object(rules, [], pattern, [], false);
    if (this.problems.length === 0) {
      const length = (JSON.stringify(pattern) ?? '').length;
      if (length > MAX_PATTERN_LENGTH) {
        this.add(
          [],
          `the pattern is ${length} characters long as compact JSON; EventBridge accepts at most ${MAX_PATTERN_LENGTH}`,
          'shorten it (prefix or wildcard instead of long value lists), or split the rule; the quota can be raised to 4096 on request',
        );
      }
      this.checkComplexity();
      const widest = Math.max(0, ...rules.map((r) => r.size));
      if (widest > MAX_FIELDS_PER_RULE) {
        this.add([], `the pattern constrains ${widest} fields at once; EventBridge accepts at most ${MAX_FIELDS_PER_RULE}`);
      }
    }
    return rules;
  }

  private noteWildcard(segments: string[], path: PatternPath): void {
    const list = this.wildcards.get(this.field) ?? [];
    list.push({ segments, path });
    this.wildcards.set(this.field, list);
  }

  /** EventBridge refuses a field whose wildcards keep too many prefixes alive at once. */
  private checkComplexity(): void {
    for (const [field, list] of this.wildcards) {
      const complexity = wildcardComplexity(list.map((w) => w.segments));
      if (complexity <= MAX_WILDCARD_COMPLEXITY) continue;
      // Point at the wildcard that tips the field over the limit.
      let at = list[list.length - 1]!.path;
      for (let n = 1; n <= list.length; n++) {
        if (wildcardComplexity(list.slice(0, n).map((w) => w.segments)) > MAX_WILDCARD_COMPLEXITY) {
          at = list[n - 1]!.path;
          break;
        }
      }
      this.add(
        at,
        `EventBridge rejects the wildcards on "${field}" as too complex ("${TOO_COMPLEX}"): up to ${complexity} wildcard prefixes can match one value, the most it accepts is ${MAX_WILDCARD_COMPLEXITY}`,
        'use fewer "*" (a "prefix" or "suffix" often does), fewer wildcards on one field, or literal text between them that does not repeat',
      );
    }
  }

  private object(rules: SubRule[], names: string[], obj: Record<string, unknown>, path: PatternPath, insideOr: boolean): void {
    const keys = Object.keys(obj);
    if (keys.length === 0) {
      this.add(
        path,
        path.length === 0 ? 'the pattern is empty; EventBridge rejects {}' : 'empty object; EventBridge rejects {} in a pattern',
        path.length === 0 ? 'constrain at least one field, e.g. {"source": ["my.app"]}' : 'remove it, or give it a field with a list of values',
      );
      return;
    }
    for (const key of keys) {
      const value = obj[key];
      const at = [...path, key];
      if (key === '$or') {
        this.or(rules, names, value, at);
        continue;
      }
      if (insideOr && RESERVED_IN_OR.has(key)) {
        this.add(
          at,
          `"${key}" is a reserved word and can't be a field name inside "$or"`,
          `if you meant the operator, put it in the field's list: "field": [{"${key}": ${json(value)}}]`,
        );
        continue;
      }
      if (isPlainObject(value)) {
        this.object(rules, [...names, key], value, at, insideOr);
      } else if (Array.isArray(value)) {
        this.field = [...names, key].join('.');
        const rule = this.values(value, at);
        if (rule) this.write(rules, [...names, key].join('.'), rule);
      } else {
        this.add(at, `"${key}" must be a list of values or a nested object, not ${describe(value)}`, this.leafHint(key, value, names));
      }
    }
  }

  private leafHint(key: string, value: unknown, names: string[]): string {
    const parent = names[names.length - 1];
    const op = (OPERATORS as readonly string[]).includes(key) ? key : undefined;
    if (op && parent !== undefined) {
      return `operators go inside the field's list: "${parent}": [{"${op}": ${json(value)}}]`;
    }
    return `values are always lists: "${key}": [${json(value)}]`;
  }

  private or(rules: SubRule[], names: string[], value: unknown, path: PatternPath): void {
    if (!Array.isArray(value)) {
      this.add(
        path,
        `"$or" must be a list of at least two objects, not ${describe(value)}`,
        'write "$or": [{"a": ["x"]}, {"b": ["y"]}]; each object is one alternative (EventBridge would otherwise read "$or" as a plain field name)',
      );
      return;
    }
    if (value.length < 2) {
      this.add(
        path,
        `"$or" needs at least two alternatives, found ${value.length}`,
        value.length === 1 ? 'with one alternative, move its fields into the enclosing object' : 'write "$or": [{"a": ["x"]}, {"b": ["y"]}]',
      );
    }
    this.orProduct *= Math.max(value.length, 1);
    if (this.orProduct > MAX_OR_COMBINATIONS && !this.orLimitReported) {
      this.orLimitReported = true;
      this.add(
        path,
        `the "$or" lists multiply into more than ${MAX_OR_COMBINATIONS} combinations, the most EventBridge accepts`,
        'combinations multiply across every "$or" list; merge alternatives into value lists where you can (["a", "b"] is already an OR)',
      );
    }
    const current = rules.map((r) => new Map(r));
    const expanded: SubRule[] = [];
    value.forEach((alternative, index) => {
      const at = [...path, index];
      if (!isPlainObject(alternative)) {
        this.add(at, `each "$or" alternative must be an object, not ${describe(alternative)}`, 'for example {"source": ["my.app"]}');
        return;
      }
      const branch = current.length > 0 ? current.map((r) => new Map(r)) : [new Map<string, KeyRule>()];
      this.object(branch, names, alternative, at, true);
      // Stop growing once the limit is passed: the pattern is rejected anyway.
      if (expanded.length <= MAX_OR_COMBINATIONS) expanded.push(...branch);
    });
    rules.length = 0;
    rules.push(...(expanded.length > 0 ? expanded : current));
  }

  private write(rules: SubRule[], name: string, rule: KeyRule): void {
    if (rules.length === 0) rules.push(new Map());
    for (const r of rules) r.set(name, rule);
  }

  private values(list: unknown[], path: PatternPath): KeyRule | undefined {
    if (list.length === 0) {
      this.add(
        path,
        'empty list; EventBridge rejects it',
        'list the values to match (any one of them matches); to require that the field is missing use [{"exists": false}]',
      );
      return undefined;
    }
    const rule: KeyRule = { tests: [], absent: false };
    list.forEach((item, index) => {
      const at = [...path, index];
      if (typeof item === 'string') rule.tests.push(exactString(item));
      else if (typeof item === 'number') {
        if (Number.isFinite(item)) rule.tests.push(exactNumber(item));
        else this.add(at, `${item} is not a JSON number`);
      } else if (typeof item === 'boolean' || item === null) {
        const literal = item;
        rule.tests.push((f) => f.value === literal);
      } else if (Array.isArray(item)) {
        this.add(at, 'a list inside a list of values is not allowed', 'list the values directly: ["a", "b"]');
      } else if (isPlainObject(item)) {
        this.operator(item, at, rule);
      } else {
        this.add(at, `${describe(item)} is not a JSON value`);
      }
    });
    return rule;
  }

  private operator(obj: Record<string, unknown>, path: PatternPath, rule: KeyRule): void {
    const keys = Object.keys(obj);
    if (keys.length === 0) {
      this.add(path, 'empty operator object {}', `use one of ${OPERATORS.map((o) => `"${o}"`).join(', ')}, e.g. {"prefix": "order-"}`);
      return;
    }
    if (keys.length > 1) {
      this.add(
        path,
        `an operator object holds exactly one operator, found ${keys.length}: ${keys.map((k) => `"${k}"`).join(', ')}`,
        'put each operator in its own object, e.g. [{"prefix": "a"}, {"suffix": "b"}]; the entries of a list are alternatives (OR)',
      );
      for (const key of keys) this.single(key, obj[key], path, { tests: [], absent: false });
      return;
    }
    this.single(keys[0]!, obj[keys[0]!], path, rule);
  }

  private single(op: string, arg: unknown, path: PatternPath, rule: KeyRule): void {
    const at = [...path, op];
    switch (op) {
      case 'prefix':
      case 'suffix':
        return this.affix(op, arg, at, rule);
      case 'equals-ignore-case': {
        if (typeof arg !== 'string') return this.add(at, `"equals-ignore-case" needs a string, not ${describe(arg)}`);
        const re = ignoreCaseRegex(arg, 'equals');
        rule.tests.push(stringTest((v) => re.test(v)));
        return;
      }
      case 'wildcard': {
        if (typeof arg !== 'string') return this.add(at, `"wildcard" needs a string, not ${describe(arg)}`, 'for example {"wildcard": "orders/*.json"}');
        const parsed = parseWildcard(arg);
        if (!parsed.ok) return this.add(at, `wildcard ${json(arg)} ${parsed.message}`, parsed.hint);
        const { segments } = parsed;
        this.noteWildcard(segments, at);
        rule.tests.push(stringTest((v) => wildcardMatches(segments, v)));
        return;
      }
      case 'exists': {
        if (typeof arg !== 'boolean') {
          return this.add(
            at,
            `"exists" must be true or false, not ${describe(arg)}`,
            arg === 'true' || arg === 'false' ? `remove the quotes: {"exists": ${arg}}` : undefined,
          );
        }
        if (arg) rule.tests.push(() => true);
        else rule.absent = true;
        return;
      }
      case 'cidr': {
        if (typeof arg !== 'string') return this.add(at, `"cidr" needs a string such as "10.0.0.0/24", not ${describe(arg)}`);
        const range = parseCidr(arg);
        if (!range.ok) return this.add(at, `${json(arg)} ${range.message}`, range.hint);
        const { v6, lo, hi } = range;
        rule.tests.push((f) => {
          const ip = f.address();
          return ip !== null && ip.v6 === v6 && ip.value >= lo && ip.value <= hi;
        });
        return;
      }
      case 'numeric':
        return this.numeric(arg, at, rule);
      case 'anything-but':
        return this.anythingBut(arg, at, rule);
      default:
        return this.add(at, `unknown operator "${op}"`, operatorHint(op));
    }
  }

  private affix(op: 'prefix' | 'suffix', arg: unknown, at: PatternPath, rule: KeyRule): void {
    if (typeof arg === 'string') {
      rule.tests.push(stringTest(op === 'prefix' ? (v) => v.startsWith(arg) : (v) => v.endsWith(arg)));
      return;
    }
    if (!isPlainObject(arg)) {
      return this.add(at, `"${op}" needs a string or {"equals-ignore-case": "..."}, not ${describe(arg)}`);
    }
    const inner = Object.keys(arg);
    if (inner.length !== 1) {
      return this.add(
        at,
        inner.length === 0 ? `empty object: "${op}" takes a string or {"equals-ignore-case": "..."}` : `"${op}" takes one operator, found ${inner.length}`,
        `for example {"${op}": {"equals-ignore-case": "abc"}}`,
      );
    }
    const name = inner[0]!;
    if (name !== 'equals-ignore-case') {
      return this.add([...at, name], `"${op}" can only contain "equals-ignore-case", not "${name}"`, operatorHint(name, ['equals-ignore-case']));
    }
    const text = arg[name];
    if (typeof text !== 'string') return this.add([...at, name], `"equals-ignore-case" needs a string, not ${describe(text)}`);
    const re = ignoreCaseRegex(text, op);
    rule.tests.push(stringTest((v) => re.test(v)));
  }

  private numeric(arg: unknown, at: PatternPath, rule: KeyRule): void {
    const example = 'for example [">", 0, "<=", 5] or ["=", 100]';
    if (!Array.isArray(arg)) return this.add(at, `"numeric" needs a list, not ${describe(arg)}`, example);
    if (arg.length === 0) return this.add(at, '"numeric" list is empty', example);
    const first = arg[0];
    if (typeof first !== 'string') {
      return this.add([...at, 0], `expected a comparison operator (${NUMERIC_OPERATORS.join(' ')}) here, found ${describe(first)}`, example);
    }
    if (!NUMERIC_OPERATORS.includes(first)) {
      return this.add([...at, 0], `unknown numeric operator "${first}"`, numericOperatorHint(first));
    }
    const low = this.bound(arg, 1, first, at);
    if (low === undefined) return;
    if (arg.length === 2) {
      const limit = BigInt(MAX_MAGNITUDE) * 1_000_000n;
      if ((first === '>' || first === '>=') && low >= limit) {
        return this.add([...at, 1], `[${json(first)}, ${arg[1]}] can never match: EventBridge compares numbers only up to 5e9`);
      }
      if ((first === '<' || first === '<=') && low <= -limit) {
        return this.add([...at, 1], `[${json(first)}, ${arg[1]}] can never match: EventBridge compares numbers only down to -5e9`);
      }
      rule.tests.push(numericTest(first, low));
      return;
    }
    if (first === '=' || first === '<' || first === '<=') {
      const next = arg[2];
      return this.add(
        [...at, 2],
        `nothing may follow ${json(first)} ${json(arg[1])}`,
        first !== '=' && (next === '>' || next === '>=')
          ? `write the lower bound first: [${json(next)}, ${json(arg[3])}, ${json(first)}, ${json(arg[1])}]`
          : 'a range is a lower bound (">" or ">=") followed by an upper bound ("<" or "<=")',
      );
    }
    const second = arg[2];
    if (second !== '<' && second !== '<=') {
      return this.add(
        [...at, 2],
        typeof second === 'string'
          ? NUMERIC_OPERATORS.includes(second)
            ? `${json(second)} can't close a range; the upper bound takes "<" or "<="`
            : `unknown numeric operator ${json(second)}`
          : `expected "<" or "<=" here, found ${describe(second)}`,
        'a range is a lower bound (">" or ">=") followed by an upper bound ("<" or "<="), e.g. [">", 0, "<=", 5]',
      );
    }
    const high = this.bound(arg, 3, second, at);
    if (high === undefined) return;
    if (arg.length > 4) {
      return this.add([...at, 4], 'too many elements: a range has one lower and one upper bound', 'e.g. [">", 0, "<=", 5]; list several ranges as separate objects to OR them');
    }
    if (low >= high) {
      return this.add(at, `the lower bound ${json(arg[1])} must be less than the upper bound ${json(arg[3])}`);
    }
    const lowTest = numericTest(first, low);
    const highTest = numericTest(second, high);
    rule.tests.push((f) => lowTest(f) && highTest(f));
  }

  private bound(list: unknown[], index: number, op: string, at: PatternPath): bigint | undefined {
    if (list.length <= index) {
      this.add(at, `${json(op)} must be followed by a number`);
      return undefined;
    }
    const value = list[index];
    if (typeof value !== 'number') {
      const quoted = typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value));
      this.add([...at, index], `the value after ${json(op)} must be a number, not ${describe(value)}`, quoted ? `remove the quotes: ${value}` : undefined);
      return undefined;
    }
    const checked = checkNumber(value);
    if (!checked.ok) {
      this.add([...at, index], `${value} ${numberProblem(checked.reason)}`);
      return undefined;
    }
    return checked.micros;
  }

  private anythingBut(arg: unknown, at: PatternPath, rule: KeyRule): void {
    if (typeof arg === 'string') {
      rule.tests.push((f) => f.value !== arg);
      return;
    }
    if (typeof arg === 'number') {
      const checked = checkNumber(arg);
      if (!checked.ok) return this.add(at, `${arg} ${numberProblem(checked.reason)}`);
      rule.tests.push(excludeNumbers(new Set([checked.micros])));
      return;
    }
    if (Array.isArray(arg)) {
      if (arg.length === 0) return this.add(at, '"anything-but" list is empty', 'list the strings (or numbers) to exclude');
      const strings = new Set<string>();
      const numbers = new Set<bigint>();
      let bad = false;
      arg.forEach((item, index) => {
        if (typeof item === 'string') strings.add(item);
        else if (typeof item === 'number') {
          const checked = checkNumber(item);
          if (checked.ok) numbers.add(checked.micros);
          else {
            bad = true;
            this.add([...at, index], `${item} ${numberProblem(checked.reason)}`);
          }
        } else {
          bad = true;
          this.add([...at, index], `"anything-but" lists may hold only strings or only numbers, not ${describe(item)}`);
        }
      });
      if (bad) return;
      if (strings.size > 0 && numbers.size > 0) {
        return this.add(at, '"anything-but" list mixes strings and numbers', 'EventBridge requires a list of only strings or only numbers');
      }
      rule.tests.push(numbers.size > 0 ? excludeNumbers(numbers) : (f) => !(isString(f) && strings.has(f.value)));
      return;
    }
    if (!isPlainObject(arg)) {
      return this.add(
        at,
        `"anything-but" needs a string, a number, a list of strings or numbers, or an object such as {"prefix": "x"}; found ${describe(arg)}`,
        arg === null ? 'to match fields that are not null, use [{"anything-but": "..."}] with a value, or {"exists": true}' : undefined,
      );
    }
    const keys = Object.keys(arg);
    if (keys.length !== 1) {
      return this.add(
        at,
        keys.length === 0 ? 'empty object inside "anything-but"' : `"anything-but" takes one operator, found ${keys.length}`,
        `inside "anything-but" use one of ${ANYTHING_BUT_INNER.map((o) => `"${o}"`).join(', ')}`,
      );
    }
    const inner = keys[0]!;
    const innerAt = [...at, inner];
    if (!ANYTHING_BUT_INNER.includes(inner)) {
      let hint: string;
      if (inner === 'numeric') hint = 'to exclude a range, list the ranges around it instead: [{"numeric": ["<", 10]}, {"numeric": [">", 20]}]';
      else if (inner === 'exists') hint = 'to match a missing field use [{"exists": false}] on its own';
      else if ((OPERATORS as readonly string[]).includes(inner)) hint = `inside "anything-but" use one of ${ANYTHING_BUT_INNER.map((o) => `"${o}"`).join(', ')}`;
      else hint = operatorHint(inner, ANYTHING_BUT_INNER);
      return this.add(innerAt, `"anything-but" can't contain "${inner}"`, hint);
    }
    const value = arg[inner];
    const texts: string[] = [];
    const list = Array.isArray(value) ? value : [value];
    if (Array.isArray(value) && value.length === 0) return this.add(innerAt, `empty list inside "anything-but" ${json(inner)}`);
    let bad = false;
    list.forEach((item, index) => {
      const itemAt = Array.isArray(value) ? [...innerAt, index] : innerAt;
      if (typeof item !== 'string') {
        bad = true;
        this.add(itemAt, `"anything-but" ${json(inner)} needs strings, not ${describe(item)}`);
      } else if ((inner === 'prefix' || inner === 'suffix') && item === '') {
        bad = true;
        this.add(itemAt, `an empty ${inner} is not allowed in "anything-but"`, 'it would exclude every string');
      } else texts.push(item);
    });
    if (bad) return;
    switch (inner) {
      case 'prefix':
        rule.tests.push((f) => !(isString(f) && texts.some((t) => f.value.startsWith(t))));
        return;
      case 'suffix':
        rule.tests.push((f) => !(isString(f) && texts.some((t) => f.value.endsWith(t))));
        return;
      case 'equals-ignore-case': {
        const res = texts.map((t) => ignoreCaseRegex(t, 'equals'));
        rule.tests.push((f) => !(isString(f) && res.some((re) => re.test(f.value))));
        return;
      }
      case 'wildcard': {
        const globs: string[][] = [];
        for (const [index, text] of texts.entries()) {
          const parsed = parseWildcard(text);
          if (!parsed.ok) {
            bad = true;
            this.add(Array.isArray(value) ? [...innerAt, index] : innerAt, `wildcard ${json(text)} ${parsed.message}`, parsed.hint);
          } else {
            globs.push(parsed.segments);
            this.noteWildcard(parsed.segments, Array.isArray(value) ? [...innerAt, index] : innerAt);
          }
        }
        if (bad) return;
        rule.tests.push((f) => !(isString(f) && globs.some((g) => wildcardMatches(g, f.value))));
        return;
      }
    }
  }
}

function numericTest(op: string, bound: bigint): Test {
  switch (op) {
    case '=':
      return (f) => f.numeric() === bound;
    case '<':
      return (f) => {
        const m = f.numeric();
        return m !== null && m < bound;
      };
    case '<=':
      return (f) => {
        const m = f.numeric();
        return m !== null && m <= bound;
      };
    case '>':
      return (f) => {
        const m = f.numeric();
        return m !== null && m > bound;
      };
    default:
      return (f) => {
        const m = f.numeric();
        return m !== null && m >= bound;
      };
  }
}

/** anything-but with numbers: any value except a comparable number in the set. */
function excludeNumbers(excluded: Set<bigint>): Test {
  return (f) => {
    const m = f.numeric();
    return m === null || !excluded.has(m);
  };
}

function numericOperatorHint(op: string): string {
  const known: Record<string, string> = { '==': '=', '===': '=', '=>': '>=', '=<': '<=', '≥': '>=', '≤': '<=', gt: '>', gte: '>=', lt: '<', lte: '<=', eq: '=' };
  const near = known[op.toLowerCase()];
  if (near) return `did you mean "${near}"?`;
  if (op === '!=' || op === '<>') return 'to exclude a number use {"anything-but": 100} instead of "numeric"';
  return 'the numeric operators are "=", "<", "<=", ">" and ">="';
}
