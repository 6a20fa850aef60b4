// Writes a CloudFormation template (plain JSON-shaped data) as block YAML.
// Hand-written because the yaml package's general Document model spends ~100 ms on a 5× app's
// template, most of synth's budget; this covers only what templates hold (maps, lists, strings,
// numbers, booleans, null) and quotes every string a YAML 1.1 or 1.2 reader could misread.
// Tests round-trip random data through it and the yaml parser in both versions.

// A string written plain (unquoted) must start with a letter, _, / or $ and hold only
// characters that are plain everywhere; and it must not be one a reader takes for something else:
// a YAML 1.1 or 1.2 keyword (yes, No, on, ~…), a number to a 1.1 reader (E0, e5, 1_000), a
// string with ': ' or ' #' inside, or one ending in ':' or ' '. One regular expression says all
// that (a template is mostly such strings; test/synth/emit.test.ts holds it to the rules).
const plainScalar = /^(?!(?:y|n|yes|no|on|off|true|false|null|~)$)(?![0-9_.]*(?:[eE][-+]?[0-9_]+)?$)(?!.*(?:: | #))[A-Za-z_/$][A-Za-z0-9_ ./:;@$(){}*+,=!?%&^~<>|\\[\]-]*(?<![: ])$/i;
// The same without , [ ] { }, which end a plain scalar in a flow list or a key.
const plainInFlow = /^(?!(?:y|n|yes|no|on|off|true|false|null|~)$)(?![0-9_.]*(?:[eE][-+]?[0-9_]+)?$)(?!.*(?:: | #))[A-Za-z_/$][A-Za-z0-9_ ./:;@$()*+=!?%&^~<>|\\-]*(?<![: ])$/i;

function scalar(value: string): string {
  if (plainScalar.test(value)) return value;
  // eslint-disable-next-line no-control-regex
  if (!/[\u0000-\u001f\u007f\u0085\u2028\u2029\ufeff]/.test(value)) return `'${value.replace(/'/g, "''")}'`;
  return JSON.stringify(value);
}

/** A key, or a string in a flow list: a plain one holding , [ ] { } is quoted too. */
function key(k: string): string {
  let written = keys.get(k);
  if (written === undefined) {
    written = plainInFlow.test(k) ? k : plainScalar.test(k) ? `'${k.replace(/'/g, "''")}'` : scalar(k);
    keys.set(k, written);
  }
  return written;
}
// A template repeats few keys thousands of times (Type, Properties, Fn::GetAtt, Arn…): each is
// tested against the expressions once per process.
const keys = new Map<string, string>();

/** No items or keys; for an object, without listing its keys (this runs for every value written). */
function isEmpty(value: unknown): boolean {
  if (Array.isArray(value)) return value.length === 0;
  if (value === null || typeof value !== 'object') return false;
  for (const _ in value) return false;
  return true;
}

function inline(value: unknown): string | undefined {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return scalar(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : JSON.stringify(String(value));
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Array.isArray(value) && value.length === 0) return '[]';
  if (typeof value === 'object' && isEmpty(value)) return '{}';
  return undefined;
}

/** Short lists of scalars read best on one line: [OrdersTable, Arn]. */
function flowList(value: unknown): string | undefined {
  if (!Array.isArray(value) || value.length === 0 || value.length > 4) return undefined;
  const items: string[] = [];
  for (const item of value) {
    if (typeof item !== 'string' && typeof item !== 'number' && typeof item !== 'boolean') return undefined;
    items.push(typeof item === 'string' ? key(item) : inline(item)!);
  }
  const line = `[${items.join(', ')}]`;
  return line.length <= 72 ? line : undefined;
}

/** Writes `value`'s lines at `indent`; the first line starts with `lead` instead (a list item's `- `). */
function write(value: unknown, indent: string, out: string[], lead = indent): void {
  if (Array.isArray(value)) {
    for (const item of value) {
      const simple = inline(item);
      if (simple !== undefined) out.push(`${lead}- ${simple}`);
      else write(item, `${indent}  `, out, `${lead}- `);
      lead = indent;
    }
    return;
  }
  for (const k of Object.keys(value as Record<string, unknown>)) {
    const v = (value as Record<string, unknown>)[k];
    if (v === undefined) continue;
    const simple = inline(v) ?? flowList(v);
    if (simple !== undefined) out.push(`${lead}${key(k)}: ${simple}`);
    else {
      out.push(`${lead}${key(k)}:`);
      write(v, `${indent}  `, out);
    }
    lead = indent;
  }
}

export function toYaml(value: Record<string, unknown>): string {
  if (isEmpty(value)) return '{}\n';
  const out: string[] = [];
  write(value, '', out);
  return `${out.join('\n')}\n`;
}
