// What an app.yaml declares, by kind — for checking names and references before an edit,
// for offering choices in prompts, and for finding who uses something before removing it.
import { EdaError } from '../cli/errors.js';
import { suggest } from '../manifest/diagnostics.js';
import { parseExpressions } from '../manifest/expressions.js';
import { logicalId, sectionOf } from '../model/names.js';
import type { Kind } from '../model/types.js';

export type Manifest = Record<string, unknown>;
type Entry = Record<string, unknown>;

export const NAME_PATTERN = /^[a-z][a-zA-Z0-9-]{0,47}$/;

export class Inventory {
  constructor(readonly manifest: Manifest) {}

  section(kind: Kind): Record<string, Entry> {
    const value = this.manifest[sectionOf[kind]];
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, Entry>) : {};
  }

  names(kind: Kind): string[] {
    return Object.keys(this.section(kind));
  }

  has(kind: Kind, name: string): boolean {
    if (kind === 'bus' && name === 'default') return true;
    return Object.hasOwn(this.section(kind), name);
  }

  entry(kind: Kind, name: string): Entry | undefined {
    const e = this.section(kind)[name];
    return e && typeof e === 'object' ? e : e === null ? {} : undefined;
  }

  /** Throws a clear error (exit 1) when `name` is not declared as `kind`. */
  requireRef(kind: Kind, name: string, usedAs: string): void {
    if (this.has(kind, name)) return;
    const known = this.names(kind);
    throw new EdaError(`${usedAs}: there is no ${kind} named '${name}' in app.yaml`, `${suggest(name, known, kind)}${known.length ? '' : `; add it first with eda add ${kind} ${name}`}`);
  }

  /** Throws when `name` is not a valid new name of `kind`. */
  requireNewName(kind: Kind, name: string): void {
    if (!NAME_PATTERN.test(name)) {
      throw new EdaError(`'${name}' is not a valid ${kind} name`, 'start with a lower-case letter; use letters, digits and -; at most 48 characters (e.g. order-events, createOrder)');
    }
    if (this.has(kind, name)) throw new EdaError(`a ${kind} named '${name}' already exists in app.yaml`, 'choose another name, or edit the existing one');
    const id = logicalId(kind, name);
    const clash = this.names(kind).find((other) => logicalId(kind, other) === id);
    if (clash) throw new EdaError(`'${name}' and the existing ${kind} '${clash}' would both become ${id}`, 'choose a name that differs in more than case or dashes');
  }
}

/** A place in app.yaml that refers to something, for messages: "functions.createOrder.uses[0]". */
export interface Referrer {
  path: (string | number)[];
  label: string;
}

function label(path: (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/** Everything in the manifest that refers to `kind` `name` (other than its own entry). */
export function findReferrers(manifest: Manifest, kind: Kind, name: string): Referrer[] {
  const found: (string | number)[][] = [];
  const inv = new Inventory(manifest);
  const own = [sectionOf[kind], name];
  const isOwn = (path: (string | number)[]) => path[0] === own[0] && path[1] === own[1];

  // `kind: name` references in lists: uses, triggers, targets, subscriptions, onFailure.
  for (const [fnName, fn] of Object.entries(inv.section('function'))) {
    if (!fn) continue;
    (asList(fn.uses) as Entry[]).forEach((u, i) => {
      if (u && u[kind] === name) found.push(['functions', fnName, 'uses', i]);
    });
    (asList(fn.triggers) as Entry[]).forEach((t, i) => {
      if (!t) return;
      const hit =
        (kind === 'queue' && t.queue === name) ||
        (kind === 'topic' && t.topic === name) ||
        (kind === 'table' && t.stream === name) ||
        (kind === 'api' && t.api === name) ||
        (kind === 'bus' && isObj(t.event) && (t.event as Entry).bus === name);
      if (hit) found.push(['functions', fnName, 'triggers', i]);
    });
    if (kind === 'queue' && isObj(fn.onFailure) && (fn.onFailure as Entry).queue === name) found.push(['functions', fnName, 'onFailure']);
  }
  for (const [topicName, topic] of Object.entries(inv.section('topic'))) {
    (asList(topic?.subscriptions) as Entry[]).forEach((s, i) => {
      if (s && s[kind] === name) found.push(['topics', topicName, 'subscriptions', i]);
    });
  }
  for (const [ruleName, rule] of Object.entries(inv.section('rule'))) {
    if (!rule) continue;
    if (kind === 'bus' && rule.bus === name) found.push(['rules', ruleName, 'bus']);
    (asList(rule.targets) as Entry[]).forEach((t, i) => {
      if (t && t[kind] === name) found.push(['rules', ruleName, 'targets', i]);
    });
  }
  // Workflow Task states that name a function.
  if (kind === 'function') {
    for (const [wfName, wf] of Object.entries(inv.section('workflow'))) {
      walk(wf?.definition, ['workflows', wfName, 'definition'], (value, path) => {
        if (path.at(-1) === 'Resource' && value === name) found.push(path);
      });
    }
  }
  // ${section.name.attr} expressions in any string, anywhere.
  const section = sectionOf[kind];
  walk(manifest, [], (value, path) => {
    if (typeof value !== 'string' || !value.includes('${') || isOwn(path)) return;
    if (parseExpressions(value).some((p) => p.type === 'ref' && p.section === section && p.name === name)) found.push(path);
  });
  // overrides by the generated logical ID.
  const overrides = manifest.overrides;
  if (isObj(overrides)) {
    const ids = kind === 'api' ? [logicalId('api', name, 'http'), logicalId('api', name, 'rest')] : [logicalId(kind, name)];
    for (const id of ids) if (Object.hasOwn(overrides as object, id)) found.push(['overrides', id]);
  }

  const unique = new Map<string, Referrer>();
  for (const path of found) {
    if (isOwn(path)) continue;
    const l = label(path);
    unique.set(l, { path, label: l });
  }
  return [...unique.values()];
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function isObj(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function walk(value: unknown, path: (string | number)[], visit: (value: unknown, path: (string | number)[]) => void): void {
  visit(value, path);
  if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i], visit));
  else if (isObj(value)) for (const [k, v] of Object.entries(value as object)) walk(v, [...path, k], visit);
}
