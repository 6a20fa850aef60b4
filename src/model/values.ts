// Strings that hold ${...} expressions, parsed once when the model is built. Synth turns them
// into CloudFormation intrinsics, the local runtime into local names and ARNs; neither parses
// ${...} text again. A string without an expression stays a plain string.
import { parseExpressions } from '../manifest/expressions.js';
import type { Kind } from './types.js';

/** One piece of a string with expressions. */
export type Part =
  | { text: string }
  /** ${tables.orders.name}: ref is "tables.orders". */
  | { ref: string; kind: Kind; name: string; attr: string }
  /** ${AWS::Region} and the other pseudo parameters. */
  | { pseudo: string }
  /** ${resources.Id} (its Ref) or ${resources.Id.Attr} (its Fn::GetAtt): a resource from `resources:`. */
  | { resource: string; attr?: string }
  /** ${parameters.X}: a template parameter. */
  | { parameter: string }
  /** ${ssm:/name} or ${secret:id...}: read by CloudFormation at deploy time (a dynamic reference). */
  | { dynamic: 'ssm' | 'secret'; body: string };

/** A string that held `${`, as its pieces; JSON.stringify writes it back as it was written. */
export class Expr {
  constructor(
    readonly parts: Part[],
    /** The text as written in app.yaml. */
    readonly source: string,
  ) {}

  toJSON(): string {
    return this.source;
  }
}

/** A scalar that may hold expressions. */
export type Value = string | number | boolean | Expr;

/** A JSON value whose strings may hold expressions (event patterns, inputs, workflow definitions). */
export type Deep = Value | null | undefined | Deep[] | { [key: string]: Deep };

/** The Expr a single reference is: ${section.name.attr}. */
export function refExpr(section: string, kind: Kind, name: string, attr: string): Expr {
  return new Expr([{ ref: `${section}.${name}`, kind, name, attr }], `\${${section}.${name}.${attr}}`);
}

/** A string with `${` becomes an Expr (text that is no expression stays text); others stay as they are. */
export function parseValue<T>(value: T): T extends string ? string | Expr : T {
  if (typeof value !== 'string' || !value.includes('${')) return value as never;
  const parts: Part[] = [];
  const text = (t: string) => {
    const last = parts[parts.length - 1];
    if (last && 'text' in last) parts[parts.length - 1] = { text: last.text + t };
    else parts.push({ text: t });
  };
  for (const p of parseExpressions(value)) {
    if (p.type === 'text') text(p.text);
    else if (p.type === 'invalid') text(p.raw);
    else if (p.type === 'pseudo') parts.push({ pseudo: p.name });
    else if (p.type === 'parameter') parts.push({ parameter: p.name });
    else if (p.type === 'dynamic') parts.push({ dynamic: p.service, body: p.body });
    else if (p.type === 'resource') parts.push(p.attr === undefined ? { resource: p.id } : { resource: p.id, attr: p.attr });
    else parts.push({ ref: `${p.section}.${p.name}`, kind: p.kind, name: p.name, attr: p.attr });
  }
  return new Expr(parts, value) as never;
}

/** parseValue on every string of a JSON value; keys stay as written. */
export function parseDeep(value: unknown): Deep {
  if (typeof value === 'string') return parseValue(value);
  if (Array.isArray(value)) return value.map(parseDeep);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, parseDeep(v)]));
  return value as Deep;
}

/** The value as written: every Expr back to its text (for samples and messages). */
export function sourceOf(value: Deep): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

/** The section a part's reference names (tables), from its ref (tables.orders). */
export function sectionOfRef(part: Extract<Part, { ref: string }>): string {
  return part.ref.slice(0, part.ref.indexOf('.'));
}
