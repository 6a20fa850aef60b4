// Flattens an event into its leaf fields, the way EventBridge sees it: each
// field is named by its dotted path and remembers which element of each
// enclosing array it came from, so that two fields matched by one pattern must
// come from the same array element ("array-consistent" matching).

import { parseIp, type Ip } from './ip.js';
import { toMicros } from './numbers.js';

export type Leaf = string | number | boolean | null;

/** Pairs of [array id, element index]. */
export type Membership = readonly (readonly [number, number])[];

export class Field {
  private micros?: bigint | null;
  private ip?: Ip | null;
  constructor(
    readonly value: Leaf,
    readonly membership: Membership,
  ) {}

  /** The value scaled by 10^6 when it is a number EventBridge can compare, else null. */
  numeric(): bigint | null {
    if (this.micros === undefined) this.micros = typeof this.value === 'number' ? toMicros(this.value) : null;
    return this.micros;
  }

  /** The value as an IP address when it is a string holding one, else null. */
  address(): Ip | null {
    if (this.ip === undefined) this.ip = typeof this.value === 'string' ? parseIp(this.value) : null;
    return this.ip;
  }
}

export type Fields = Map<string, Field[]>;

const NONE: Membership = [];

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The leaf fields of an event. `wanted`, when given, holds every pattern key and
 * each of its dotted prefixes; other parts of the event are skipped.
 */
export function flattenEvent(event: Record<string, unknown>, wanted?: ReadonlySet<string>): Fields {
  const fields: Fields = new Map();
  let arrays = 0;

  const add = (name: string, value: Leaf, membership: Membership) => {
    const list = fields.get(name);
    const field = new Field(value, membership);
    if (list) list.push(field);
    else fields.set(name, [field]);
  };

  const visit = (name: string, value: unknown, membership: Membership): void => {
    if (Array.isArray(value)) {
      const id = arrays++;
      value.forEach((element, index) => {
        if (Array.isArray(element) || isPlainObject(element)) {
          visit(name, element, [...membership, [id, index]]);
        } else {
          visit(name, element, membership);
        }
      });
    } else if (isPlainObject(value)) {
      visitObject(name, value, membership);
    } else if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      add(name, value, membership);
    }
    // undefined, functions and other non-JSON values are not part of the event.
  };

  const visitObject = (prefix: string | null, object: Record<string, unknown>, membership: Membership): void => {
    for (const key of Object.keys(object)) {
      const name = prefix === null ? key : `${prefix}.${key}`;
      if (wanted && !wanted.has(name)) continue;
      visit(name, object[key], membership);
    }
  };

  visitObject(null, event, NONE);
  return fields;
}

/** False when the two fields sit in different elements of the same array. */
export function consistent(a: Membership, b: Membership): boolean {
  if (a.length === 0 || b.length === 0) return true;
  for (const [id, index] of b) {
    for (const [otherId, otherIndex] of a) {
      if (otherId === id && otherIndex !== index) return false;
    }
  }
  return true;
}

export function merge(a: Membership, b: Membership): Membership {
  if (b.length === 0) return a;
  if (a.length === 0) return b;
  const extra = b.filter(([id]) => !a.some(([otherId]) => otherId === id));
  return extra.length === 0 ? a : [...a, ...extra];
}
