// What a JSON Schema says about one field of an event's detail, as EventBridge sees the event:
// arrays are transparent (a pattern on detail.items.sku matches any element's sku), $ref,
// allOf/anyOf/oneOf give the union of their branches, and an object without properties or with
// additionalProperties is open (any field, any type).

type Schema = Record<string, unknown>;

/** The JSON types a field may hold ('any' when the schema does not say), or undefined when the schema has no such field. */
export type FieldTypes = Set<string>;

const isObj = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The branches a schema stands for: refs followed, combinators flattened. */
function branches(s: unknown, root: unknown, depth = 0): Schema[] {
  if (s === true || (isObj(s) && Object.keys(s).length === 0)) return [{}];
  if (!isObj(s) || depth > 20) return [];
  if (typeof s.$ref === 'string' && s.$ref.startsWith('#')) {
    const target = s.$ref
      .slice(1)
      .split('/')
      .slice(1)
      .reduce<unknown>((v, seg) => (isObj(v) ? v[seg.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined), root);
    return branches(target, root, depth + 1);
  }
  const combined = [...((s.oneOf as unknown[]) ?? []), ...((s.anyOf as unknown[]) ?? [])];
  const own: Schema = { ...s };
  delete own.oneOf;
  delete own.anyOf;
  delete own.allOf;
  const shaped = SHAPE.some((k) => k in own && !(k === 'type' && own.type === 'object'));
  let out: Schema[] = combined.length || Array.isArray(s.allOf) ? (shaped ? [own] : []) : [own];
  if (Array.isArray(s.allOf)) out = [...out, ...s.allOf.flatMap((b) => branches(b, root, depth + 1))];
  if (combined.length) out = [...out, ...combined.flatMap((b) => branches(b, root, depth + 1))];
  return out;
}

/** Arrays are transparent to patterns: their items stand for them. */
function elements(list: Schema[], root: unknown): Schema[] {
  return list.flatMap((s) => {
    const items = s.items ?? s.prefixItems;
    if (items === undefined) return [s];
    const each = Array.isArray(items) ? items : [items];
    return elements(each.flatMap((i) => branches(i, root)), root);
  });
}

const ANNOTATIONS = new Set(['description', 'title', '$comment', '$id', '$schema', 'examples', 'default', 'deprecated', 'readOnly', 'writeOnly']);
const SHAPE = ['properties', 'items', 'prefixItems', 'additionalProperties', 'patternProperties', 'const', 'enum', 'type', '$ref'];

/** An object that allows any field: additionalProperties, or a schema that says nothing of its fields. */
function open(s: Schema): boolean {
  if (s.additionalProperties === true || isObj(s.additionalProperties) || isObj(s.patternProperties)) return true;
  const said = Object.keys(s).filter((k) => !ANNOTATIONS.has(k));
  return said.every((k) => k === 'type') && (s.type === undefined || s.type === 'object' || (Array.isArray(s.type) && s.type.includes('object')));
}

/** The schemas of a field one step down, [] when none has it; 'open' when some branch allows any field. */
function child(list: Schema[], key: string, root: unknown): Schema[] | 'open' {
  const out: Schema[] = [];
  let anyOpen = false;
  for (const s of elements(list, root)) {
    const props = isObj(s.properties) ? s.properties : undefined;
    if (props && key in props) out.push(...branches(props[key], root));
    else if (isObj(s.patternProperties) && Object.entries(s.patternProperties).some(([re, v]) => safeTest(re, key) && out.push(...branches(v, root)))) continue;
    else if (isObj(s.additionalProperties)) out.push(...branches(s.additionalProperties, root));
    else if (open(s) && !s.const && !s.enum) anyOpen = true;
  }
  return out.length ? out : anyOpen ? 'open' : [];
}

function safeTest(re: string, key: string): boolean {
  try {
    return new RegExp(re, 'u').test(key);
  } catch {
    return false;
  }
}

/** The schemas a dotted path (below detail) leads to: undefined when missing, 'open' when unknown. */
export function schemaAt(schema: unknown, path: string[]): Schema[] | 'open' | undefined {
  let at: Schema[] | 'open' = branches(schema, schema);
  for (const key of path) {
    if (at === 'open') return 'open';
    at = child(at, key, schema);
    if (at !== 'open' && at.length === 0) return undefined;
  }
  return at;
}

/** The JSON types values at these schemas may have (array elements counted as their items). */
export function typesOf(list: Schema[] | 'open', root: unknown): FieldTypes {
  if (list === 'open') return new Set(['any']);
  const types = new Set<string>();
  for (const s of elements(list, root)) {
    const values = s.const !== undefined ? [s.const] : Array.isArray(s.enum) ? s.enum : undefined;
    if (values) values.forEach((v) => types.add(jsonType(v)));
    else if (typeof s.type === 'string') types.add(s.type === 'integer' ? 'number' : s.type);
    else if (Array.isArray(s.type)) s.type.forEach((t) => types.add(t === 'integer' ? 'number' : String(t)));
    else types.add('any');
  }
  return types;
}

/** The values a field is limited to (const/enum in every branch), or undefined. */
export function enumOf(list: Schema[] | 'open', root: unknown): unknown[] | undefined {
  if (list === 'open') return undefined;
  const out: unknown[] = [];
  for (const s of elements(list, root)) {
    if (s.const !== undefined) out.push(s.const);
    else if (Array.isArray(s.enum)) out.push(...s.enum);
    else return undefined;
  }
  return out;
}

/** The property names a schema declares at a path (for "did you mean"). */
export function propertyNames(schema: unknown, path: string[]): string[] {
  const at = path.length ? schemaAt(schema, path) : branches(schema, schema);
  if (!at || at === 'open') return [];
  return [...new Set(elements(at, schema).flatMap((s) => (isObj(s.properties) ? Object.keys(s.properties) : [])))];
}

export function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v === 'number' ? 'number' : typeof v;
}
