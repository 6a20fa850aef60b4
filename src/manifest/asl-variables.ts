// Workflow variables checked before deploy: a state that reads `$name` when no state on any
// path to it assigns `name` fails at run time on AWS (JSONPath: States.Runtime; JSONata: an
// expression that "returned nothing"). A Parallel branch or inline Map iteration sees what
// its enclosing state could see; a distributed Map's iterations see no outer variable.
import jsonata from 'jsonata';
import { closest } from '../core/did-you-mean.js';
import type { Problem } from './problems.js';
import type { Path } from './source.js';

type Json = Record<string, unknown>;

/** One read of a variable: its name and where the value that reads it is written. */
interface Read {
  name: string;
  path: Path;
}

const EXPRESSION = /^\{%([\s\S]*)%\}$/;
/** `$name` in a JSONPath path or intrinsic, not `$$`, `$.x` or `$[...]`. */
const JSONPATH_VARIABLE = /(?<![\w$])\$([\p{L}_][\p{L}\p{Nd}_]*)/gu;
const JSONPATH_FIELD = /Path$|^Variable$/;
/** JSONata's own functions and AWS's additions: names a function value may be passed by ($map(xs, $string)). */
const FUNCTIONS = new Set(
  ('sum count max min average string substring substringBefore substringAfter lowercase uppercase length trim pad match contains replace split join ' +
    'formatNumber formatBase formatInteger parseInteger number floor ceil round abs sqrt power random boolean not map zip filter single reduce sift keys ' +
    'lookup append exists spread merge reverse each error assert type sort shuffle distinct base64encode base64decode encodeUrlComponent encodeUrl ' +
    'decodeUrlComponent decodeUrl eval toMillis fromMillis clone now millis partition range hash uuid parse').split(' '),
);

export function checkVariables(machine: unknown, base: Path, add: (p: Problem) => void): void {
  const all = new Set<string>();
  collectAssigned(machine, all);
  walk(machine as Json, base, new Set(), (machine as Json)?.QueryLanguage === 'JSONata' ? 'JSONata' : 'JSONPath', all, add);
}

/** Every variable any state of the machine assigns (for "did you mean"). */
function collectAssigned(value: unknown, out: Set<string>): void {
  if (Array.isArray(value)) value.forEach((v) => collectAssigned(v, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'Assign' && v && typeof v === 'object') for (const name of Object.keys(v)) out.add(name.replace(/\.\$$/, ''));
      collectAssigned(v, out);
    }
  }
}

/** The names a state assigns on any of its ways out (its own Assign, its Choice rules', its Catchers'). */
function assignedBy(state: Json): string[] {
  const blocks = [state.Assign, ...((state.Choices as Json[] | undefined) ?? []).map((c) => c?.Assign), ...((state.Catch as Json[] | undefined) ?? []).map((c) => c?.Assign)];
  return blocks.flatMap((b) => (b && typeof b === 'object' ? Object.keys(b).map((k) => k.replace(/\.\$$/, '')) : []));
}

function successors(state: Json): string[] {
  const out = [state.Next, state.Default, ...((state.Choices as Json[] | undefined) ?? []).map((c) => c?.Next), ...((state.Catch as Json[] | undefined) ?? []).map((c) => c?.Next)];
  return out.filter((n): n is string => typeof n === 'string');
}

function walk(machine: Json, base: Path, outer: Set<string>, language: string, all: Set<string>, add: (p: Problem) => void): void {
  const states = machine?.States as Record<string, Json> | undefined;
  if (!states || typeof states !== 'object' || typeof machine.StartAt !== 'string') return;
  // what may be assigned on entry to each state: a forward "possibly assigned" analysis
  const before = new Map<string, Set<string>>([[machine.StartAt, new Set(outer)]]);
  const queue = [machine.StartAt];
  while (queue.length) {
    const name = queue.shift()!;
    const state = states[name];
    if (!state || typeof state !== 'object') continue;
    const after = new Set([...before.get(name)!, ...assignedBy(state)]);
    for (const next of successors(state)) {
      const known = before.get(next);
      const grown = !known || [...after].some((v) => !known.has(v));
      if (grown) {
        before.set(next, new Set([...(known ?? []), ...after]));
        queue.push(next);
      }
    }
  }
  for (const [name, visible] of before) {
    const state = states[name];
    if (!state || typeof state !== 'object') continue;
    const sp = [...base, 'States', name];
    const stateLanguage = (state.QueryLanguage as string | undefined) ?? language;
    for (const read of reads(state, sp, stateLanguage)) {
      if (visible.has(read.name)) continue;
      const near = closest(read.name, [...visible]);
      add({
        path: read.path,
        code: 'asl-variable',
        message: `state '${name}' reads the variable $${read.name}, which no state assigns before it`,
        hint: near ? `did you mean $${near}?` : all.has(read.name) ? `$${read.name} is assigned only on paths that do not lead here (or in a nested branch, whose variables stay inside it)` : `assign it first: Assign: { ${read.name}: ... } in an earlier state`,
      });
    }
    const inner = new Set(visible);
    if (Array.isArray(state.Branches)) state.Branches.forEach((b, i) => walk(b as Json, [...sp, 'Branches', i], inner, language, all, add));
    const processor = (state.ItemProcessor ?? state.Iterator) as Json | undefined;
    if (processor) {
      const distributed = (processor.ProcessorConfig as Json | undefined)?.Mode === 'DISTRIBUTED';
      walk(processor, [...sp, state.ItemProcessor ? 'ItemProcessor' : 'Iterator'], distributed ? new Set() : inner, language, all, add);
    }
  }
}

/** The variables a state reads, outside its nested branches and processors. */
function reads(state: Json, sp: Path, language: string): Read[] {
  const out: Read[] = [];
  const visit = (value: unknown, path: Path, key: string | number) => {
    if (typeof value === 'string') {
      if (language === 'JSONata') {
        const m = EXPRESSION.exec(value);
        if (m) for (const name of jsonataReads(m[1]!)) out.push({ name, path });
      } else if (typeof key === 'string' && (key.endsWith('.$') || JSONPATH_FIELD.test(key))) {
        for (const m of value.matchAll(JSONPATH_VARIABLE)) out.push({ name: m[1]!, path });
      }
    } else if (Array.isArray(value)) value.forEach((v, i) => visit(v, [...path, i], i));
    else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        if (path.length === sp.length && (k === 'Branches' || k === 'ItemProcessor' || k === 'Iterator')) continue;
        visit(v, [...path, k], k);
      }
    }
  };
  visit(state, sp, '');
  return out;
}

/** The free variables of a JSONata expression: not $states, not functions called, not bound inside it. */
function jsonataReads(text: string): string[] {
  let ast: unknown;
  try {
    ast = jsonata(text).ast();
  } catch {
    return []; // the schema check reports invalid JSONata
  }
  const bound = new Set<string>();
  const used: string[] = [];
  const visit = (node: unknown, asProcedure = false) => {
    if (Array.isArray(node)) return node.forEach((n) => visit(n));
    if (!node || typeof node !== 'object') return;
    const n = node as Json;
    if (n.type === 'bind' && (n.lhs as Json | undefined)?.type === 'variable') bound.add(String((n.lhs as Json).value));
    if (n.type === 'lambda' && Array.isArray(n.arguments)) for (const a of n.arguments as Json[]) bound.add(String(a.value));
    if (n.type === 'variable' && !asProcedure && typeof n.value === 'string' && /^[\p{L}_]/u.test(n.value) && n.value !== 'states') used.push(n.value);
    for (const [k, v] of Object.entries(n)) {
      if (k === 'position' || k === 'value') continue;
      visit(v, k === 'procedure');
    }
  };
  visit(ast);
  return [...new Set(used.filter((u) => !bound.has(u) && !FUNCTIONS.has(u)))];
}
