// A rule's pattern checked against the events declared on its bus: sources and detail-types
// some event has, detail fields their schemas have, operators that can match the field's type,
// and at least one event the pattern can match. AWS's own events (source aws.*) are not checked.
import { suggest } from '../../core/did-you-mean.js';
import type { Problem } from '../../manifest/problems.js';
import type { Path } from '../../manifest/source.js';
import { matchesPattern } from '../../pattern/index.js';
import { enumOf, jsonType, propertyNames, schemaAt, typesOf } from './schema-paths.js';

export interface DeclaredEvent {
  name: string;
  bus: string;
  source: string;
  detailType: string;
  schema: unknown;
  producers: string[];
}

interface Leaf {
  field: string[];
  values: unknown[];
  path: Path;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The pattern as its alternatives ($or expanded), each a list of leaves. Assumes a valid pattern. */
export function alternatives(obj: Record<string, unknown>, prefix: string[], at: Path): Leaf[][] {
  let alts: Leaf[][] = [[]];
  for (const [k, v] of Object.entries(obj)) {
    let branch: Leaf[][];
    if (k === '$or' && Array.isArray(v)) branch = v.flatMap((b, i) => (isObj(b) ? alternatives(b, prefix, [...at, '$or', i]) : []));
    else if (Array.isArray(v)) branch = [[{ field: [...prefix, k], values: v, path: [...at, k] }]];
    else if (isObj(v)) branch = alternatives(v, [...prefix, k], [...at, k]);
    else continue;
    alts = alts.flatMap((a) => branch.map((b) => [...a, ...b]));
  }
  return alts;
}

const TOP: Record<string, (e: DeclaredEvent) => string> = { source: (e) => e.source, 'detail-type': (e) => e.detailType };

/** The declared events a pattern can match (by source and detail-type), reporting what it gets wrong. */
export function checkPatternEvents(pattern: Record<string, unknown>, at: Path, bus: string, events: DeclaredEvent[], add: (p: Problem) => void): DeclaredEvent[] {
  const matched = new Set<DeclaredEvent>();
  const broad: Broad = new Map();
  let reported = false;
  const report = (p: Problem) => {
    reported = true;
    add(p);
  };
  for (const alt of alternatives(pattern, [], at)) {
    const source = alt.find((l) => l.field.length === 1 && l.field[0] === 'source');
    if (source && source.values.every((v) => typeof v === 'string' ? v.startsWith('aws.') : isObj(v) && typeof v.prefix === 'string' && v.prefix.startsWith('aws.'))) continue;
    let candidates = events;
    for (const leaf of alt) {
      const get = leaf.field.length === 1 ? TOP[leaf.field[0]!] : undefined;
      if (!get) continue;
      const key = leaf.field[0]!;
      // An expression (${AWS::StackName}.orders) is known only when the stack deploys: it may match any event.
      if (leaf.values.some((v) => typeof v === 'string' && v.includes('${'))) continue;
      leaf.values.forEach((v, i) => {
        if (typeof v === 'string' && !events.some((e) => get(e) === v)) {
          const known = [...new Set(events.map(get))];
          report({ path: [...leaf.path, i], code: 'pattern-event-unknown', message: `no event declared on bus '${bus}' has ${key} '${v}'`, hint: suggest(v, known, `${key}s on bus '${bus}'`) });
        }
      });
      candidates = candidates.filter((e) => matchesPattern({ [key]: leaf.values }, { [key]: get(e) }));
    }
    for (const e of candidates) matched.add(e);
    if (candidates.length) checkDetail(alt, candidates, add);
    noteBroad(alt, at, candidates, broad);
  }
  if (!matched.size && !reported && !isAwsOnly(pattern)) {
    add({ path: at, code: 'pattern-no-event', message: `this pattern matches none of the events declared on bus '${bus}'`, hint: `declared: ${events.map((e) => `${e.name} (${e.source})`).join(', ')}` });
  }
  for (const { path, why, names } of broad.values()) {
    const list = [...names];
    add({ path, severity: 'hint', code: 'pattern-broad', message: `this pattern matches ${list.length} declared events ${why}: ${list.join(', ')}`, hint: `if you mean all of them, list them: detail-type: [${list.map((n) => events.find((e) => e.name === n)!.detailType).join(', ')}]` });
  }
  return [...matched];
}

type Broad = Map<string, { path: Path; why: string; names: Set<string> }>;

/**
 * An alternative that reaches two or more declared events without naming their detail-types
 * (only through source or detail fields, or with anything-but/prefix/suffix/wildcard on
 * detail-type): worth a hint, since the author may have meant one of them.
 */
function noteBroad(alt: Leaf[], at: Path, candidates: DeclaredEvent[], broad: Broad): void {
  const dt = alt.find((l) => l.field.length === 1 && l.field[0] === 'detail-type');
  if (dt && dt.values.every((v) => typeof v === 'string')) return;
  if (dt?.values.some((v) => typeof v === 'string' && v.includes('${'))) return;
  // events whose schema lacks a field the pattern requires are not reached
  const fields = alt.filter((l) => l.field[0] === 'detail' && l.field.length > 1 && !l.values.some((v) => isObj(v) && v.exists === false));
  const reached = candidates.filter((e) => fields.every((l) => schemaAt(e.schema, l.field.slice(1)) !== undefined));
  if (reached.length < 2) return;
  const op = dt ? dt.values.filter(isObj).map((v) => Object.keys(v)[0]).find(Boolean) : undefined;
  const path = dt && op ? dt.path : at;
  const why = op ? `through ${op} on detail-type` : alt.some((l) => l.field[0] === 'source') ? 'only through source (no detail-type)' : 'with no source or detail-type';
  const key = JSON.stringify(path);
  const entry = broad.get(key) ?? { path, why, names: new Set<string>() };
  reached.forEach((e) => entry.names.add(e.name));
  broad.set(key, entry);
}

function isAwsOnly(pattern: Record<string, unknown>): boolean {
  const s = pattern.source;
  return Array.isArray(s) && s.length > 0 && s.every((v) => typeof v === 'string' && v.startsWith('aws.'));
}

/** Each detail.* leaf: a field some candidate's schema has, with operators its type can match. */
function checkDetail(alt: Leaf[], candidates: DeclaredEvent[], add: (p: Problem) => void): void {
  for (const leaf of alt) {
    if (leaf.field[0] !== 'detail' || leaf.field.length < 2) continue;
    const sub = leaf.field.slice(1);
    const found = candidates.map((e) => ({ e, at: schemaAt(e.schema, sub) })).filter((f) => f.at !== undefined);
    const name = `detail.${sub.join('.')}`;
    if (!found.length) {
      const names = [...new Set(candidates.flatMap((e) => propertyNames(e.schema, sub.slice(0, -1))))];
      const which = candidates.map((e) => e.name).join(', ');
      add({ path: leaf.path, at: 'key', code: 'pattern-field-unknown', message: `${name} is not in the schema of ${which}: this pattern never matches it`, hint: suggest(sub[sub.length - 1]!, names, `fields at ${['detail', ...sub.slice(0, -1)].join('.')}`) });
      continue;
    }
    const types = new Set(found.flatMap((f) => [...typesOf(f.at!, f.e.schema)]));
    const allowed = found.every((f) => enumOf(f.at!, f.e.schema)) ? found.flatMap((f) => enumOf(f.at!, f.e.schema)!) : undefined;
    leaf.values.forEach((v, i) => {
      const problem = valueProblem(v, types, allowed);
      if (problem) add({ path: [...leaf.path, i], code: 'pattern-field-type', message: `${name} ${problem.message}`, hint: problem.hint });
    });
  }
}

const STRING_OPS = ['prefix', 'suffix', 'wildcard', 'equals-ignore-case', 'cidr'];

/** Why a pattern value can never match a field of these types, if it can't. */
function valueProblem(v: unknown, types: Set<string>, allowed: unknown[] | undefined): { message: string; hint?: string } | undefined {
  const has = (t: string) => types.has(t) || types.has('any');
  const shown = [...types].join(' or ');
  if (isObj(v)) {
    const op = Object.keys(v)[0]!;
    if (op === 'exists') return undefined;
    if (op === 'numeric' && !has('number')) return { message: `is ${article(shown)} in the schema: numeric never matches it`, hint: 'compare strings with prefix, suffix, wildcard or an exact value' };
    if (STRING_OPS.includes(op) && !has('string')) return { message: `is ${article(shown)} in the schema: ${op} matches strings only`, hint: has('number') ? 'compare numbers with numeric, e.g. { numeric: [">", 0] }' : undefined };
    if (op === 'anything-but') {
      const inner = v[op];
      const list = Array.isArray(inner) ? inner : [inner];
      const wanted = list.map((x) => (isObj(x) ? 'string' : jsonType(x)));
      const missing = wanted.find((t) => !has(t));
      if (missing) return { message: `is ${article(shown)} in the schema: anything-but ${missing}s matches every event`, hint: `write the ${shown} values to exclude` };
    }
    return undefined;
  }
  const t = jsonType(v);
  if (!has(t)) return { message: `is ${article(shown)} in the schema: ${JSON.stringify(v)} never matches it`, hint: t === 'string' && has('number') ? `write ${v} without quotes, or { numeric: ["=", ${v}] }` : undefined };
  if (allowed && !allowed.some((a) => a === v)) {
    return { message: `is one of ${allowed.map((a) => JSON.stringify(a)).join(', ')} in the schema: ${JSON.stringify(v)} never matches it`, hint: typeof v === 'string' ? suggest(v, allowed.filter((a): a is string => typeof a === 'string'), 'values') : undefined };
  }
  return undefined;
}

function article(types: string): string {
  return /^[aeiou]/.test(types) ? `an ${types}` : `a ${types}`;
}
