// Event schemas (JSON Schema draft 2020-12) compiled with ajv: checking a schema itself (with the
// path of each mistake inside it) and validating a detail against it (eda dev).
import { createRequire } from 'node:module';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { closest } from '../../core/did-you-mean.js';
import type { Ajv as AjvCore } from 'ajv';

type Ajv = AjvCore;
let shared: Ajv | undefined;

function ajv(): Ajv {
  if (shared) return shared;
  const require = createRequire(import.meta.url);
  const Ajv2020 = require('ajv/dist/2020') as typeof import('ajv/dist/2020.js').default;
  const addFormats = require('ajv-formats') as typeof import('ajv-formats').default;
  shared = new Ajv2020({ allErrors: true, strict: false, validateSchema: false });
  addFormats(shared);
  return shared;
}

export interface SchemaMistake {
  /** Where in the schema document (segments of its JSON pointer). */
  path: (string | number)[];
  message: string;
  /** A did-you-mean for a misspelt keyword value (`type: strin`). */
  hint?: string;
}

/** JSON pointer (/a/b/0) → path segments. */
export function pointerPath(pointer: string): (string | number)[] {
  if (!pointer || pointer === '#') return [];
  return pointer
    .replace(/^#/, '')
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** The mistakes that make `schema` not a valid draft 2020-12 schema of an event's detail (of a message's body when `detail` is false: any JSON). */
export function schemaMistakes(schema: unknown, detail = true): SchemaMistake[] {
  const a = ajv();
  if (!a.validateSchema(schema as object)) {
    // One mistake per place: the meta-schema's anyOf branches repeat the first in other words.
    const seen = new Set<string>();
    const first = (a.errors ?? []).filter((e) => !seen.has(e.instancePath) && seen.add(e.instancePath));
    return first.map((e) => metaMistake(e, schema));
  }
  try {
    a.compile(schema as object);
  } catch (err) {
    return [{ path: [], message: (err as Error).message }];
  }
  const type = (schema as { type?: unknown }).type;
  if (detail && type !== undefined && type !== 'object' && !(Array.isArray(type) && type.includes('object'))) {
    return [{ path: ['type'], message: `an event's detail is a JSON object, but this schema's type is ${JSON.stringify(type)}` }];
  }
  return [];
}

/** One meta-schema error, said in words: a schema that is not an object, a value misspelt. */
function metaMistake(e: ErrorObject, schema: unknown): SchemaMistake {
  const path = pointerPath(e.instancePath);
  const data = path.reduce<unknown>((v, k) => (typeof v === 'object' && v !== null ? (v as Record<string | number, unknown>)[k] : undefined), schema);
  if (!e.instancePath && e.keyword === 'type') return { path, message: `the schema must be a JSON object (or true or false), not ${JSON.stringify(data)}` };
  const allowed = (e.params as { allowedValues?: unknown[] }).allowedValues?.filter((v): v is string => typeof v === 'string');
  const near = allowed && typeof data === 'string' ? closest(data, allowed) : undefined;
  return { path, message: `${e.instancePath ? e.instancePath.split('/').pop() : 'the schema'} ${e.message ?? 'is invalid'}${allowedValues(e)}`, ...(near ? { hint: `did you mean '${near}'?` } : {}) };
}

function allowedValues(e: ErrorObject): string {
  const allowed = (e.params as { allowedValues?: unknown[] }).allowedValues;
  return allowed ? ` (${allowed.map((v) => JSON.stringify(v)).join(', ')})` : '';
}

const validators = new WeakMap<object, ValidateFunction | null>();

/** The first few ways `detail` breaks `schema` ([] when valid, or when the schema can't compile); paths start at `root`. */
export function detailViolations(schema: unknown, detail: unknown, root = 'detail'): { path: string; message: string }[] {
  if (typeof schema !== 'object' || schema === null) return [];
  let validate = validators.get(schema);
  if (validate === undefined) {
    try {
      validate = ajv().compile(schema);
    } catch {
      validate = null;
    }
    validators.set(schema, validate ?? null);
  }
  if (!validate || validate(detail)) return [];
  return (validate.errors ?? []).slice(0, 5).map((e) => ({ path: `${root}${e.instancePath.replace(/\//g, '.')}`, message: `${e.message ?? 'is invalid'}${allowedValues(e)}` }));
}
