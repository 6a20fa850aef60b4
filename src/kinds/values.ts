// Model values → CloudFormation: a reference becomes the Ref/GetAtt its kind's attributes.ts
// gives, a string mixing text and references one Fn::Sub. The expressions were parsed when the
// model was built; nothing here reads ${...} text.
import { pascal } from '../core/names.js';
import { dynamicReference } from '../manifest/expressions.js';
import type { App, Kind } from '../model/types.js';
import { Expr, sectionOfRef, type Deep, type Part } from '../model/values.js';
import { kindOf } from './registry.js';
import { getAtt, ref, sub } from './template.js';

/** The CloudFormation value of one reference. */
export function attributeValue(app: App, kind: Kind, name: string, attr: string): unknown {
  const attributes = kindOf(kind).attributes;
  if (!attributes) throw new Error(`no attribute ${attr} on ${kind}`);
  return attributes.value(app, name, attr);
}

/** ${resources.Id} → its Ref; ${resources.Id.Attr} → its Fn::GetAtt. */
export function resourceValue(part: Extract<Part, { resource: string }>): unknown {
  return part.attr ? getAtt(part.resource, part.attr) : ref(part.resource);
}

/** A literal stays as it is; an expression becomes a Ref/GetAtt or an Fn::Sub. */
export function resolveValue(app: App, value: unknown): unknown {
  if (!(value instanceof Expr)) return value;
  const parts = value.parts;
  if (parts.length === 1) {
    const p = parts[0]!;
    if ('ref' in p) return attributeValue(app, p.kind, p.name, p.attr);
    if ('pseudo' in p) return ref(p.pseudo);
    if ('resource' in p) return resourceValue(p);
    if ('parameter' in p) return ref(p.parameter);
    if ('dynamic' in p) return dynamicReference(p.dynamic, p.body);
  }
  let text = '';
  const vars: Record<string, unknown> = {};
  for (const p of parts) {
    if ('text' in p) text += p.text.replace(/\$\{/g, '${!');
    else if ('pseudo' in p) text += `\${${p.pseudo}}`;
    else if ('resource' in p) text += `\${${p.resource}${p.attr ? `.${p.attr}` : ''}}`;
    else if ('parameter' in p) text += `\${${p.parameter}}`;
    // CloudFormation resolves dynamic references after Fn::Sub, inside the substituted text.
    else if ('dynamic' in p) text += dynamicReference(p.dynamic, p.body);
    else {
      const v = `${pascal(sectionOfRef(p))}${pascal(p.name)}${pascal(p.attr)}`;
      vars[v] = attributeValue(app, p.kind, p.name, p.attr);
      text += `\${${v}}`;
    }
  }
  return sub(text, vars);
}

/** resolveValue on every string of a JSON value (event patterns); keys stay as written. */
export function resolveDeep(app: App, value: Deep): unknown {
  if (value instanceof Expr) return resolveValue(app, value);
  if (Array.isArray(value)) return value.map((v) => resolveDeep(app, v));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveDeep(app, v)]));
  return value;
}
