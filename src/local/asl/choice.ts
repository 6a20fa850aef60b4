// Choice rules: the comparison operators (String*, Numeric*, Boolean*, Timestamp*, each
// with a *Path form), StringMatches, the Is* type tests, and And / Or / Not.
import { runtimeError } from './errors.js';
import { query } from './jsonpath.js';

type Rule = Record<string, unknown>;

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export function isTimestamp(v: unknown): v is string {
  return typeof v === 'string' && TIMESTAMP.test(v) && !Number.isNaN(Date.parse(v));
}

/** StringMatches: * is any run of characters, \* a literal star, \\ a backslash. */
export function stringMatches(value: string, pattern: string): boolean {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '\\' && i + 1 < pattern.length) {
      re += pattern[++i]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    } else if (ch === '*') re += '.*';
    else re += ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 's').test(value);
}

const OPS = ['Equals', 'LessThan', 'GreaterThan', 'LessThanEquals', 'GreaterThanEquals'] as const;

function compare(op: string, a: number | string, b: number | string): boolean {
  switch (op) {
    case 'Equals':
      return a === b;
    case 'LessThan':
      return a < b;
    case 'GreaterThan':
      return a > b;
    case 'LessThanEquals':
      return a <= b;
    default:
      return a >= b;
  }
}

export function evaluateRule(rule: Rule, input: unknown, context?: unknown): boolean {
  if (Array.isArray(rule.And)) return (rule.And as Rule[]).every((r) => evaluateRule(r, input, context));
  if (Array.isArray(rule.Or)) return (rule.Or as Rule[]).some((r) => evaluateRule(r, input, context));
  if (rule.Not && typeof rule.Not === 'object') return !evaluateRule(rule.Not as Rule, input, context);
  const variable = rule.Variable;
  if (typeof variable !== 'string') throw runtimeError('a Choice rule needs Variable, And, Or or Not');
  const found = query(variable, input, context);
  if ('IsPresent' in rule) return found.found === rule.IsPresent;
  if (!found.found) throw runtimeError(`Invalid path '${variable}': The choice state's condition path references an invalid value.`);
  const v = found.value;
  if ('IsNull' in rule) return (v === null) === rule.IsNull;
  if ('IsNumeric' in rule) return (typeof v === 'number') === rule.IsNumeric;
  if ('IsString' in rule) return (typeof v === 'string') === rule.IsString;
  if ('IsBoolean' in rule) return (typeof v === 'boolean') === rule.IsBoolean;
  if ('IsTimestamp' in rule) return isTimestamp(v) === rule.IsTimestamp;
  const operand = (key: string): unknown => {
    if (key.endsWith('Path')) {
      const r = query(rule[key] as string, input, context);
      if (!r.found) throw runtimeError(`Invalid path '${rule[key]}' in ${key}`);
      return r.value;
    }
    return rule[key];
  };
  if ('StringMatches' in rule) return typeof v === 'string' && stringMatches(v, String(rule.StringMatches));
  for (const op of OPS) {
    for (const suffix of ['', 'Path']) {
      const s = `String${op}${suffix}`;
      if (s in rule) {
        const b = operand(s);
        return typeof v === 'string' && typeof b === 'string' && compare(op, v, b);
      }
      const n = `Numeric${op}${suffix}`;
      if (n in rule) {
        const b = operand(n);
        return typeof v === 'number' && typeof b === 'number' && compare(op, v, b);
      }
      const t = `Timestamp${op}${suffix}`;
      if (t in rule) {
        const b = operand(t);
        return isTimestamp(v) && isTimestamp(b) && compare(op, Date.parse(v), Date.parse(b));
      }
    }
  }
  if ('BooleanEquals' in rule) return typeof v === 'boolean' && v === rule.BooleanEquals;
  if ('BooleanEqualsPath' in rule) {
    const b = operand('BooleanEqualsPath');
    return typeof v === 'boolean' && v === b;
  }
  throw runtimeError(`the Choice rule on ${variable} has no comparison operator`);
}
