// One-line summaries of EventBridge event patterns and SNS filter policies for diagram labels:
// {"detail-type": ["OrderPlaced"]} → `detail-type = OrderPlaced`. The full pattern stays in the
// node's settings; a summary longer than MAX is cut with an ellipsis.
const MAX = 60;

type Json = unknown;

const isObject = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A scalar as the label shows it (expressions as written: an Expr serializes to its source). */
const scalar = (v: Json): string => (typeof v === 'string' ? v : JSON.stringify(v));

function numeric(ops: Json): string {
  if (!Array.isArray(ops)) return `numeric ${scalar(ops)}`;
  const parts: string[] = [];
  for (let i = 0; i + 1 < ops.length; i += 2) parts.push(`${ops[i] === '=' ? '=' : String(ops[i])} ${scalar(ops[i + 1])}`);
  return parts.join(' and ');
}

/** One matcher of an array: a value, or {prefix}, {anything-but}, {numeric}, ... */
function matcher(m: Json): string {
  if (!isObject(m)) return `= ${scalar(m)}`;
  const [op, arg] = Object.entries(m)[0] ?? ['', ''];
  switch (op) {
    case 'prefix':
      return `starts with ${isObject(arg) ? scalar(Object.values(arg)[0]) : scalar(arg)}`;
    case 'suffix':
      return `ends with ${isObject(arg) ? scalar(Object.values(arg)[0]) : scalar(arg)}`;
    case 'anything-but':
      return Array.isArray(arg) ? `not in [${arg.map(scalar).join(', ')}]` : isObject(arg) ? `not ${matcher(arg)}` : `≠ ${scalar(arg)}`;
    case 'numeric':
      return numeric(arg);
    case 'exists':
      return arg ? 'exists' : 'does not exist';
    case 'equals-ignore-case':
      return `≈ ${scalar(arg)}`;
    case 'wildcard':
      return `like ${scalar(arg)}`;
    case 'cidr':
      return `in ${scalar(arg)}`;
    default:
      return `${op} ${scalar(arg)}`;
  }
}

function field(path: string, values: Json[]): string {
  if (values.every((v) => !isObject(v))) return values.length === 1 ? `${path} = ${scalar(values[0])}` : `${path} in [${values.map(scalar).join(', ')}]`;
  return values.map((v) => `${path} ${matcher(v)}`).join(' or ');
}

function conditions(pattern: Record<string, Json>, prefix = ''): string[] {
  const out: string[] = [];
  for (const [key, value] of Object.entries(pattern)) {
    if (key === '$or' && Array.isArray(value)) {
      out.push(`(${value.map((p) => (isObject(p) ? conditions(p, prefix).join(', ') : scalar(p))).join(') or (')})`);
    } else if (Array.isArray(value)) out.push(field(prefix + key, value));
    else if (isObject(value)) out.push(...conditions(value, `${prefix}${key}.`));
    else out.push(`${prefix}${key} = ${scalar(value)}`);
  }
  return out;
}

const cut = (s: string) => (s.length > MAX ? `${s.slice(0, MAX - 1)}…` : s);

/** `detail-type = OrderPlaced, detail.amount > 0`: an event pattern or a filter policy on one line. */
export function summarizePattern(pattern: Record<string, unknown> | undefined): string {
  if (!pattern) return '';
  // Expressions (Expr) become the text as written.
  return cut(conditions(JSON.parse(JSON.stringify(pattern)) as Record<string, Json>).join(', '));
}
