// What the scaffold facets of several kinds share: the context an add planner gets, the plan
// that inserts a new entry, removing a whole entry, and reading references out of entries.
import { EdaError, UsageError } from '../core/errors.js';
import { suggest } from '../core/did-you-mean.js';
import type { Path } from '../manifest/edit.js';
import { sectionOf } from '../core/names.js';
import type { Kind } from '../model/types.js';
import type { Choice, Prompter } from '../core/prompts.js';
import { Ask } from './scaffold-ask.js';
import { Inventory, NAME_PATTERN, type Entry, type Manifest } from './scaffold-inventory.js';
import { checkRoute, parseTarget } from './scaffold-specs.js';
import type { AddContext, AddKind, AddOptions, AddPlan, Reference, Removal, RemoveContext, Spec, SpecRef } from './scaffold-types.js';
import { NAME_RULE } from '../core/name-pattern.js';

const nameCheck = (v: string) => (NAME_PATTERN.test(v) ? true : NAME_RULE);

export function addContext(name: string | undefined, opts: AddOptions, manifest: Manifest, prompter: Prompter | undefined): AddContext {
  const inv = new Inventory(manifest);
  const ask = new Ask(prompter, Boolean(opts.yes));
  return {
    name,
    opts,
    inv,
    ask,
    async newName(of: Kind) {
      const chosen = await ask.text(name, `<name>`, `Name of the new ${of}`, nameCheck);
      inv.requireNewName(of, chosen);
      return chosen;
    },
    checkRefs: (refs: SpecRef[], usedAs: string) => refs.forEach((r) => inv.requireRef(r.kind, r.name, usedAs)),
  };
}

/** The plan that inserts a new entry into its section. */
export function insertEntry(of: Kind, name: string, value: Spec): AddPlan {
  return {
    ops: [{ op: 'insert', path: [sectionOf[of]], key: name, value }],
    what: `${of} ${name}`,
    newFunctions: of === 'function' ? [name] : [],
  };
}

/** Drops undefined values so the YAML says only what was chosen. */
export function clean(value: Record<string, unknown>): Spec {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}

export function isJsonObject(v: string): boolean {
  try {
    const x = JSON.parse(v) as unknown;
    return typeof x === 'object' && x !== null && !Array.isArray(x);
  } catch {
    return false;
  }
}

export function checkRouteSafe(v: string): boolean {
  try {
    checkRoute(v, 'route');
    return true;
  } catch {
    return false;
  }
}

/**
 * Removing a whole entry of `kind` (as `eda remove <as>` names it): it must exist, pass the
 * kind's own `check`, and nothing may refer to it; `kept` lists its files that stay.
 */
export function removeEntry(ctx: RemoveContext, as: AddKind, kind: Kind, own: { check?: (entry: Entry) => void; kept?: (entry: Entry) => string[] } = {}): Removal {
  const { inv, name } = ctx;
  if (!Object.hasOwn(inv.section(kind), name)) {
    throw new EdaError(`there is no ${as} named '${name}' in app.yaml`, suggest(name, inv.names(kind), as));
  }
  const entry = inv.entry(kind, name) ?? {};
  own.check?.(entry);
  return { target: [sectionOf[kind], name], what: `${as} ${name}`, kept: own.kept?.(entry) ?? [], refuseWhileReferenced: { kind, name } };
}

const kinds = new Set(Object.keys(sectionOf));

/** The references a list item like `{ table: orders, access: read }` makes: one per key that names a kind. */
export function keyedReferences(item: unknown, path: Path): Reference[] {
  if (!isObject(item)) return [];
  return Object.entries(item).filter(([key]) => kinds.has(key)).map(([kind, name]) => ({ kind, name, path }));
}

/** keyedReferences of every item in a list (not a list: none). */
export function listReferences(list: unknown, at: Path): Reference[] {
  return asList(list).flatMap((item, i) => keyedReferences(item, [...at, i]));
}

export function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Visits every value under `value`, depth first, with its path. */
export function walk(value: unknown, path: Path, visit: (value: unknown, path: Path) => void): void {
  visit(value, path);
  if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i], visit));
  else if (isObject(value)) for (const [k, v] of Object.entries(value)) walk(v, [...path, k], visit);
}

/** The one target an entry delivers to (a pipe's, a schedule's): --target kind:name, or asked for. */
export async function oneTarget(ctx: AddContext, what: string, question: string): Promise<Spec> {
  const { opts, inv, ask } = ctx;
  if ((opts.target?.length ?? 0) > 1) throw new UsageError(`${what} has one target`, `add one ${what.replace(/^an? /, '')} per target`);
  if (opts.target?.length) {
    const parsed = parseTarget(opts.target[0]!);
    ctx.checkRefs(parsed.refs.filter((r) => !(r.kind === 'bus' && r.name === 'default')), `--target ${opts.target[0]}`);
    return parsed.target;
  }
  const choices: Choice<Spec>[] = [];
  for (const kind of ['function', 'workflow', 'queue', 'topic', 'bus'] as const) for (const n of inv.names(kind)) choices.push({ name: `${kind} ${n}`, value: { [kind]: n } });
  return ask.choose('--target <kind:name>', question, choices);
}
