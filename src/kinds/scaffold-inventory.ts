// What an app.yaml declares, by kind — for checking names and references before an edit and
// for offering choices in prompts.
import { EdaError } from '../core/errors.js';
import { suggest } from '../core/did-you-mean.js';
import { logicalId, sectionOf } from '../core/names.js';
import type { Kind } from '../model/types.js';
import { NAME_PATTERN, NAME_RULE } from '../core/name-pattern.js';

export type Manifest = Record<string, unknown>;
export type Entry = Record<string, unknown>;

export { NAME_PATTERN };

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
      throw new EdaError(`'${name}' is not a valid ${kind} name`, `${NAME_RULE} (e.g. order-events, createOrder)`);
    }
    if (this.has(kind, name)) throw new EdaError(`a ${kind} named '${name}' already exists in app.yaml`, 'choose another name, or edit the existing one');
    const id = logicalId(kind, name);
    const clash = this.names(kind).find((other) => logicalId(kind, other) === id);
    if (clash) throw new EdaError(`'${name}' and the existing ${kind} '${clash}' would both become ${id}`, 'choose a name that differs in more than case or dashes');
  }
}
