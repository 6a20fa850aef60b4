// Workflow variables (`Assign`, `$name`), in both query languages. The top-level states of a
// machine share one scope; each Parallel branch and inline Map iteration runs in a scope of
// its own that reads the outer ones and whose assignments stay inside it; a distributed
// Map's iterations see no outer variable. Every Assign of a state is evaluated against the
// values at state entry and applied together when the state finishes.
import { StatesError } from './errors.js';
import type { VariableReader } from './types.js';

/** AWS's limits: 256 KiB for one variable or one state's Assign, 10 MiB per execution. */
export const VARIABLE_LIMIT = 256 * 1024;
export const ASSIGN_LIMIT = 256 * 1024;
export const EXECUTION_VARIABLES_LIMIT = 10 * 1024 * 1024;

const NAME = /^[\p{L}_][\p{L}\p{Nd}_]{0,79}$/u;

export class Scope implements VariableReader {
  private readonly values = new Map<string, unknown>();
  /** Each variable's size in bytes, measured once when it is assigned. */
  private readonly sizes = new Map<string, number>();

  constructor(private readonly parent?: Scope) {}

  /** A scope for a Parallel branch or Map iteration; `isolated` (distributed Map) hides outer variables. */
  child(isolated = false): Scope {
    return new Scope(isolated ? undefined : this);
  }

  has(name: string): boolean {
    return this.values.has(name) || (this.parent?.has(name) ?? false);
  }

  get(name: string): unknown {
    if (this.values.has(name)) return this.values.get(name);
    return this.parent?.get(name);
  }

  /** Every variable visible here, inner names over outer ones (JSONata bindings). */
  all(): Record<string, unknown> {
    const out = this.parent?.all() ?? {};
    for (const [k, v] of this.values) out[k] = v;
    return out;
  }

  /** Applies one state's assignments, after checking names and AWS's size limits. */
  assign(batch: Record<string, unknown>): void {
    const sized = Object.entries(batch).map(([name, value]) => {
      if (!NAME.test(name) || name === 'states') throw assignError(`The variable name '${name}' is invalid: use up to 80 letters, digits and underscores, not starting with a digit, and not 'states'.`);
      const size = Buffer.byteLength(JSON.stringify(value) ?? 'null');
      if (size > VARIABLE_LIMIT) throw assignError(`The variable '${name}' is ${size} bytes, over the limit of ${VARIABLE_LIMIT} bytes.`);
      return { name, value, size };
    });
    const total = sized.reduce((n, v) => n + v.size, 0);
    if (total > ASSIGN_LIMIT) throw assignError(`The assigned variables are ${total} bytes together, over the limit of ${ASSIGN_LIMIT} bytes.`);
    for (const { name, value, size } of sized) {
      this.values.set(name, value);
      this.sizes.set(name, size);
    }
    const stored = this.root().stored();
    if (stored > EXECUTION_VARIABLES_LIMIT) throw assignError(`The execution's variables are ${stored} bytes together, over the limit of ${EXECUTION_VARIABLES_LIMIT} bytes.`);
  }

  private root(): Scope {
    return this.parent ? this.parent.root() : this;
  }

  private stored(): number {
    let n = 0;
    for (const size of this.sizes.values()) n += size;
    return n;
  }
}

const assignError = (cause: string) => new StatesError('States.Runtime', cause);
