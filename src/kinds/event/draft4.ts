// A draft 2020-12 schema as JSON Schema draft 4 (what the EventBridge schema registry's
// JSONSchemaDraft4 type reads): $defs become definitions, const an enum of one, numeric
// exclusive bounds the boolean form, prefixItems a tuple; keywords draft 4 lacks are dropped.

const DROPPED = new Set(['$schema', '$id', '$comment', '$anchor', '$dynamicRef', '$dynamicAnchor', '$vocabulary', 'if', 'then', 'else', 'unevaluatedProperties', 'unevaluatedItems', 'contains', 'minContains', 'maxContains', 'propertyNames', 'examples', 'deprecated', 'readOnly', 'writeOnly', 'contentEncoding', 'contentMediaType', 'contentSchema', 'dependentSchemas']);

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function toDraft4(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toDraft4);
  if (schema === true) return {};
  if (schema === false) return { not: {} };
  if (!isObj(schema)) return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (DROPPED.has(key)) continue;
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
        out.items = toDraft4(value);
        if (schema.items !== undefined) out.additionalItems = toDraft4(schema.items);
        break;
      case 'items':
        if (schema.prefixItems === undefined) out.items = toDraft4(value);
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
        out[key] = toDraft4(value);
    }
  }
  return out;
}

function mapValues(value: unknown): Record<string, unknown> {
  return isObj(value) ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toDraft4(v)])) : {};
}
