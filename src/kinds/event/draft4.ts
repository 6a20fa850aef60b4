// A draft 2020-12 schema as JSON Schema draft 4 (what the EventBridge schema registry's
// JSONSchemaDraft4 type reads): $defs become definitions, const an enum of one, numeric
// exclusive bounds the boolean form, prefixItems a tuple; keywords draft 4 lacks are dropped.
// The same conversion to draft 7 (the AsyncAPI Schema Object's base) keeps what draft 7 has:
// const, numeric exclusive bounds, if/then/else, contains, propertyNames and annotations.

const DROPPED = new Set(['$schema', '$id', '$comment', '$anchor', '$dynamicRef', '$dynamicAnchor', '$vocabulary', 'if', 'then', 'else', 'unevaluatedProperties', 'unevaluatedItems', 'contains', 'minContains', 'maxContains', 'propertyNames', 'examples', 'deprecated', 'readOnly', 'writeOnly', 'contentEncoding', 'contentMediaType', 'contentSchema', 'dependentSchemas']);
const DROPPED_7 = new Set(['$schema', '$id', '$anchor', '$dynamicRef', '$dynamicAnchor', '$vocabulary', 'unevaluatedProperties', 'unevaluatedItems', 'minContains', 'maxContains', 'deprecated', 'contentSchema']);

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function toDraft4(schema: unknown): unknown {
  return convert(schema, 4);
}

/** The schema as JSON Schema draft 7 (the AsyncAPI 3 Schema Object is a superset of it). */
export function toDraft7(schema: unknown): unknown {
  return convert(schema, 7);
}

function convert(schema: unknown, draft: 4 | 7): unknown {
  const recurse = (v: unknown) => convert(v, draft);
  const mapValues = (v: unknown) => mapEach(v, draft);
  if (Array.isArray(schema)) return schema.map(recurse);
  if (schema === true) return {};
  if (schema === false) return { not: {} };
  if (!isObj(schema)) return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if ((draft === 4 ? DROPPED : DROPPED_7).has(key)) continue;
    if (draft === 7 && (key === 'const' || key === 'exclusiveMinimum' || key === 'exclusiveMaximum' || key === 'examples' || key === '$comment')) {
      out[key] = value;
      continue;
    }
    switch (key) {
      case '$defs':
      case 'definitions':
        out.definitions = { ...(out.definitions as object), ...mapValues(value) };
        break;
      case '$ref':
        out.$ref = typeof value === 'string' ? value.replace('#/$defs/', '#/definitions/') : value;
        break;
      case 'const':
        out.enum = [value];
        break;
      case 'exclusiveMinimum':
      case 'exclusiveMaximum':
        if (typeof value === 'number') {
          out[key === 'exclusiveMinimum' ? 'minimum' : 'maximum'] = value;
          out[key] = true;
        }
        break;
      case 'prefixItems':
        out.items = recurse(value);
        if (schema.items !== undefined) out.additionalItems = recurse(schema.items);
        break;
      case 'items':
        if (schema.prefixItems === undefined) out.items = recurse(value);
        break;
      case 'dependentSchemas':
        out.dependencies = { ...(out.dependencies as object), ...mapValues(value) };
        break;
      case 'dependentRequired':
        out.dependencies = { ...(out.dependencies as object), ...(value as object) };
        break;
      case 'properties':
      case 'patternProperties':
        out[key] = mapValues(value);
        break;
      case 'enum':
      case 'required':
      case 'type':
      case 'default':
        out[key] = value;
        break;
      default:
        out[key] = recurse(value);
    }
  }
  return out;
}

function mapEach(value: unknown, draft: 4 | 7): Record<string, unknown> {
  return isObj(value) ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, convert(v, draft)])) : {};
}
