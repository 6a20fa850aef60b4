// Validates a manifest against schema/app.schema.json (the single source of truth for its
// shape) with ajv, and turns ajv's errors into positioned, human diagnostics.
import { createRequire } from 'node:module';
import { NAME_PATTERN_SOURCE } from '../core/name-pattern.js';
import { loadPrecompiled } from './precompiled.js';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { closest } from '../core/did-you-mean.js';
import type { Path } from './source.js';
import appSchema from '../../schema/app.schema.json' with { type: 'json' };

export interface SchemaProblem {
  path: Path;
  at: 'key' | 'value';
  message: string;
  hint?: string;
  code: string;
}

let validator: ValidateFunction | undefined;

/** The validator precompiled by the build (dist/app-schema.cjs); compiled here only as a fallback. */
function compiled(): ValidateFunction {
  if (validator) return validator;
  try {
    validator = loadPrecompiled('app-schema') as ValidateFunction;
  } catch {
    const Ajv = createRequire(import.meta.url)('ajv') as typeof import('ajv').default;
    validator = new Ajv({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true }).compile(appSchema);
  }
  return validator;
}

export const schema = appSchema;

export function validateSchema(value: unknown): SchemaProblem[] {
  const validate = compiled();
  if (validate(value)) return [];
  return explain(validate.errors ?? [], value);
}

function pointerToPath(pointer: string): Path {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function label(path: Path): string {
  if (path.length === 0) return 'the app';
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the string "${value.length > 30 ? value.slice(0, 30) + '…' : value}"`;
  if (typeof value === 'number') return Number.isInteger(value) ? `the number ${value}` : `the number ${value}`;
  return `${typeof value} ${String(value)}`;
}

const typeNames: Record<string, string> = {
  string: 'a string',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  object: 'a mapping',
  array: 'a list',
  null: 'null',
};

function describeSchema(s: Record<string, unknown>): string[] {
  if (Array.isArray(s.enum)) return (s.enum as unknown[]).map((v) => JSON.stringify(v).replace(/^"|"$/g, ''));
  if (s.const !== undefined) return [String(s.const)];
  const t = s.type;
  if (Array.isArray(t)) return t.map((x) => typeNames[x as string] ?? String(x));
  if (typeof t === 'string') {
    if (t === 'string' && typeof s.pattern === 'string' && patternPhrase[s.pattern]) return [patternPhrase[s.pattern]!];
    if (t === 'object' && s.properties) {
      const req = (s.required as string[] | undefined) ?? [];
      return [req.length ? `a mapping with ${req.join(', ')}` : `a mapping (${Object.keys(s.properties as object).join(', ')})`];
    }
    return [typeNames[t] ?? t];
  }
  return [];
}

/** How to say what a string with this pattern is, in "must be …" messages. */
const patternPhrase: Record<string, string> = {
  '^[0-9]+(s|m|h|d)$': 'a duration like 30s, 15m, 4h or 4d',
  '\\.(json|ya?ml)$': 'a path to a .json or .yaml file',
  '^https://': 'an https:// URL',
};

const patternHelp: Record<string, { message: string; hint: string }> = {
  [NAME_PATTERN_SOURCE]: {
    message: 'is not a valid name',
    hint: 'names start with a lower-case letter and use letters, digits and "-", at most 48 characters (e.g. orders, order-events, createOrder)',
  },
  [`^(${NAME_PATTERN_SOURCE.slice(1, -1)}|default)$`]: {
    message: 'is not a valid bus name',
    hint: 'use "default" or the name of a bus declared under buses',
  },
  '^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|ANY) (/|(/[^/\\s]+)+)$': {
    message: 'is not a route',
    hint: 'write METHOD /path with an upper-case method, e.g. "POST /orders" or "GET /orders/{id}"',
  },
  '^[A-Za-z0-9_.-]{1,255}(:(string|number|binary))?$': {
    message: 'is not a key attribute',
    hint: 'write name or name:string|number|binary, e.g. id or createdAt:number',
  },
  '^(\\*|https?://[^/\\s]+)$': { message: 'is not an origin', hint: 'write the scheme and host (and port) with no path, e.g. https://app.example.com, or * for any origin' },
  '^[0-9]+(s|m|h|d)$': { message: 'is not a duration', hint: 'write seconds (345600) or a number with s, m, h or d (4d)' },
  '^[a-z]{2}(-[a-z]+)+-[0-9]$': { message: 'is not an AWS region', hint: 'e.g. eu-west-1 or us-east-1' },
  '^[a-zA-Z][a-zA-Z0-9_]+$': { message: 'is not a valid environment variable name', hint: 'Lambda needs two or more letters, digits and _, starting with a letter (e.g. LOG_LEVEL)' },
  '^https://': { message: 'must be an https:// URL', hint: 'e.g. https://hooks.example.com/orders' },
  '^[^@\\s]+@[^@\\s]+$': { message: 'is not an email address', hint: 'e.g. ops@example.com' },
  '^[A-Za-z0-9]{1,255}$': { message: 'is not a CloudFormation logical ID', hint: 'logical IDs use letters and digits only' },
  '^(Ref|Fn::[A-Za-z0-9]+)$': { message: 'is not a CloudFormation intrinsic function', hint: 'write { Ref: LogicalId }, { Fn::GetAtt: [LogicalId, Attr] } or { Fn::Sub: ... }; or { value: ..., description: ... }' },
  '^[A-Za-z][A-Za-z0-9]{0,254}$': { message: 'is not a valid output name', hint: 'output names use letters and digits, starting with a letter' },
  '^[a-zA-Z0-9_.-]{3,255}$': { message: 'is not a valid index name', hint: 'DynamoDB index names are 3-255 characters of letters, digits, _ . -' },
  '^[A-Za-z0-9_./@+-]*(\\.txt|pyproject\\.toml)$': { message: 'is not a requirements file', hint: 'name a requirements.txt (any *.txt) or a pyproject.toml, e.g. requirements.txt or jobs/requirements.txt' },
  '\\.(json|ya?ml)$': { message: 'is not an ASL file path', hint: 'a path ending in .json, .yaml or .yml, or the definition inline' },
  '^([A-Za-z0-9_./@+][A-Za-z0-9_./@+-]*\\.(ts|mts|js|mjs|py)|[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)+)$': {
    message: 'is not a handler file',
    hint: 'a path to a .ts, .mts, .js, .mjs (or, for Python, .py) file using letters, digits and _ . / @ + - (no spaces or shell characters), e.g. src/handlers/createOrder.ts; Python also takes module.function (handlers.create_order.handler)',
  },
  '^[A-Za-z][A-Za-z0-9]*$': { message: 'is not a valid parameter name', hint: 'CloudFormation parameter names use letters and digits, starting with a letter (e.g. EventSource)' },
  '^\\d{12}$': { message: 'is not an AWS account ID', hint: 'an account ID is 12 digits, e.g. 111122223333' },
  '^o-[a-z0-9]{10,32}$': { message: 'is not an AWS Organizations ID', hint: 'o- followed by 10 to 32 lower-case letters or digits, e.g. o-a1b2c3d4e5' },
  '^(String|Number|List<Number>|CommaDelimitedList|AWS::[A-Za-z0-9:]+|List<AWS::[A-Za-z0-9:]+>|AWS::SSM::Parameter::Value<[A-Za-z0-9:<>]+>)$': {
    message: 'is not a CloudFormation parameter type',
    hint: 'String, Number, List<Number>, CommaDelimitedList, an AWS-specific type such as AWS::EC2::VPC::Id, or AWS::SSM::Parameter::Value<String>',
  },
};

function explain(errors: ErrorObject[], root: unknown): SchemaProblem[] {
  // anyOf: when one branch fits the value's type, keep that branch's deeper errors;
  // otherwise report the anyOf once, listing what would be accepted.
  const anyOfPaths = new Map<string, ErrorObject>();
  for (const e of errors) if (e.keyword === 'anyOf') anyOfPaths.set(e.instancePath + '|' + e.schemaPath, e);
  const problems: SchemaProblem[] = [];
  const seen = new Set<string>();
  for (const [key, anyOf] of anyOfPaths) {
    const [instancePath, schemaPath] = key.split('|') as [string, string];
    const branchErrors = errors.filter((e) => e !== anyOf && e.schemaPath.startsWith(schemaPath.replace(/\/anyOf$/, '/anyOf/')) && e.instancePath.startsWith(instancePath));
    const deeper = branchErrors.filter((e) => e.instancePath !== instancePath || e.keyword === 'additionalProperties' || e.keyword === 'required' || e.keyword === 'propertyNames');
    for (const e of branchErrors) seen.add(errorKey(e));
    seen.add(errorKey(anyOf));
    if (deeper.length > 0 && typeof anyOf.data === 'object' && anyOf.data !== null) {
      for (const e of closestBranch(deeper, schemaPath)) problems.push(...explainOne(e));
      continue;
    }
    const options = ((anyOf.schema as Record<string, unknown>[]) ?? []).flatMap((s) => describeSchema(s));
    const path = pointerToPath(instancePath);
    const data = anyOf.data;
    const near = typeof data === 'string' ? closest(data, options) : undefined;
    problems.push({
      path,
      at: 'value',
      code: 'schema-type',
      message: `${label(path)} must be ${joinOr(options)}, not ${typeOf(data)}`,
      hint: near ? `did you mean '${near}'?` : ((anyOf.parentSchema as { description?: string } | undefined)?.description ?? undefined),
    });
  }
  for (const e of errors) {
    if (seen.has(errorKey(e)) || e.keyword === 'anyOf') continue;
    // propertyNames produces a pattern error and a propertyNames error for the same key.
    if (e.keyword === 'pattern' && e.propertyName !== undefined) continue;
    problems.push(...explainOne(e));
  }
  // One message per place.
  const unique = new Map<string, SchemaProblem>();
  for (const p of problems) {
    const k = `${p.path.join('\u0000')}|${p.at}|${p.message}`;
    if (!unique.has(k)) unique.set(k, p);
  }
  return [...unique.values()];
}

/** When several object branches failed, the errors of the one that came closest (fewest errors). */
function closestBranch(errors: ErrorObject[], anyOfPath: string): ErrorObject[] {
  const byBranch = new Map<string, ErrorObject[]>();
  // propertyNames produces a pattern error and a propertyNames error for the same key: count one.
  for (const e of errors.filter((x) => !(x.keyword === 'pattern' && x.propertyName !== undefined))) {
    const branch = e.schemaPath.slice(anyOfPath.length + 1).split('/')[0]!;
    byBranch.set(branch, [...(byBranch.get(branch) ?? []), e]);
  }
  return [...byBranch.values()].reduce((best, list) => (list.length < best.length ? list : best));
}

function errorKey(e: ErrorObject): string {
  return `${e.instancePath}|${e.schemaPath}|${JSON.stringify(e.params)}`;
}

function joinOr(items: string[]): string {
  const u = [...new Set(items)];
  if (u.length <= 1) return u[0] ?? 'something else';
  return `${u.slice(0, -1).join(', ')} or ${u[u.length - 1]}`;
}

function explainOne(e: ErrorObject): SchemaProblem[] {
  const path = pointerToPath(e.instancePath);
  const where = label(path);
  const parent = (e.parentSchema ?? {}) as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = (e.params as { additionalProperty: string }).additionalProperty;
      const known = Object.keys((parent.properties as object) ?? {}).filter((k) => k !== '$schema');
      const near = closest(key, known);
      return [
        {
          path: [...path, key],
          at: 'key',
          code: 'schema-unknown-key',
          message: `unknown key '${key}' in ${where}`,
          hint: near ? `did you mean '${near}'?` : `allowed keys: ${known.join(', ')}`,
        },
      ];
    }
    case 'required': {
      const missing = (e.params as { missingProperty: string }).missingProperty;
      return [{ path, at: path.length ? 'key' : 'value', code: 'schema-required', message: `${where} is missing '${missing}'`, hint: requiredHint(missing) }];
    }
    case 'propertyNames': {
      const name = (e.params as { propertyName: string }).propertyName;
      const pattern = ((parent.propertyNames as Record<string, unknown>)?.pattern as string | undefined) ?? namePatternFor(parent);
      const help = pattern ? patternHelp[pattern] : undefined;
      return [
        {
          path: [...path, name],
          at: 'key',
          code: 'schema-name',
          message: `'${name}' in ${where} ${help?.message ?? 'is not a valid name'}`,
          hint: help?.hint,
        },
      ];
    }
    case 'type': {
      const expected = String((e.params as { type: string | string[] }).type)
        .split(',')
        .map((t) => typeNames[t] ?? t);
      return [{ path, at: 'value', code: 'schema-type', message: `${where} must be ${joinOr(expected)}, not ${typeOf(e.data)}`, hint: describedAs(parent) }];
    }
    case 'enum': {
      const allowed = (e.params as { allowedValues: unknown[] }).allowedValues.map((v) => String(v));
      const near = typeof e.data === 'string' ? closest(e.data, allowed) : undefined;
      return [
        {
          path,
          at: 'value',
          code: 'schema-enum',
          message: `${where} must be one of ${allowed.join(', ')}, not ${typeOf(e.data)}`,
          hint: near && near !== e.data ? `did you mean '${near}'?` : describedAs(parent),
        },
      ];
    }
    case 'const':
      return [{ path, at: 'value', code: 'schema-enum', message: `${where} must be ${JSON.stringify((e.params as { allowedValue: unknown }).allowedValue)}` }];
    case 'pattern': {
      const pattern = (e.params as { pattern: string }).pattern;
      const help = patternHelp[pattern];
      return [
        {
          path,
          at: 'value',
          code: 'schema-pattern',
          message: `${where}: ${typeOf(e.data)} ${help?.message ?? `does not match ${pattern}`}`,
          hint: help?.hint,
        },
      ];
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const { comparison, limit } = e.params as { comparison: string; limit: number };
      return [{ path, at: 'value', code: 'schema-range', message: `${where} must be ${comparison.replace('<=', '≤').replace('>=', '≥')} ${limit} (it is ${String(e.data)})` }];
    }
    case 'minItems':
      return [{ path, at: 'value', code: 'schema-size', message: `${where} needs at least ${(e.params as { limit: number }).limit} item(s)` }];
    case 'maxItems':
      return [{ path, at: 'value', code: 'schema-size', message: `${where} takes at most ${(e.params as { limit: number }).limit} items` }];
    case 'minLength':
      return [{ path, at: 'value', code: 'schema-size', message: `${where} must not be empty` }];
    case 'maxLength':
      return [{ path, at: 'value', code: 'schema-size', message: `${where} is longer than ${(e.params as { limit: number }).limit} characters` }];
    case 'minProperties':
      return [{ path, at: 'value', code: 'schema-empty', message: `${where} is empty`, hint: emptyHint(parent) }];
    default:
      return [{ path, at: 'value', code: `schema-${e.keyword}`, message: `${where} ${e.message ?? 'is invalid'}` }];
  }
}

/** The schema's own description of a setting: the hint for a value of the wrong type. */
function describedAs(schema: Record<string, unknown>): string | undefined {
  return typeof schema.description === 'string' ? schema.description : undefined;
}

function namePatternFor(parent: Record<string, unknown>): string | undefined {
  const pn = parent.propertyNames as Record<string, unknown> | undefined;
  if (pn?.$ref === '#/definitions/name') return NAME_PATTERN_SOURCE;
  return undefined;
}

function emptyHint(parent: Record<string, unknown>): string | undefined {
  const keys = Object.keys((parent.properties as object) ?? {});
  const kinds = keys.filter((k) => ['http', 'queue', 'topic', 'event', 'schedule', 'stream', 'table', 'bus', 'workflow', 'function', 'secret', 'email', 'https', 'bucket'].includes(k));
  return kinds.length ? `write one of: ${kinds.join(', ')}` : undefined;
}

function requiredHint(key: string): string | undefined {
  switch (key) {
    case 'partitionKey':
      return 'every table needs a partition key, e.g. partitionKey: id';
    case 'definition':
      return 'give the Amazon States Language inline, or a path such as workflows/process-order.asl.yaml';
    case 'targets':
      return 'a rule needs at least one target, e.g. targets: [{ function: notify }]';
    case 'name':
      return 'name the app at the top of app.yaml, e.g. name: shop';
    case 'schema':
      return "an event declares its detail's JSON Schema: a file such as schema: schemas/order-placed.json, or inline";
    default:
      return undefined;
  }
}
