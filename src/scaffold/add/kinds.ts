// `eda add <kind>`: from flags (and answers, in a terminal) to the app.yaml edit that adds it.
// Each kind plans its own entry (src/kinds/<kind>/scaffold.ts); this looks the kind up, and
// says which flags it takes and which a script must pass. Every reference is checked against
// what app.yaml declares before anything is edited.
import { UsageError } from '../../core/errors.js';
import { addKinds, scaffoldFacet, scaffoldFacets } from '../../kinds/scaffold-registry.js';
import { addContext } from '../../kinds/scaffold-kit.js';
import type { Manifest } from '../../kinds/scaffold-inventory.js';
import type { AddKind, AddOptions, AddPlan, ScaffoldFacet } from '../../kinds/scaffold-types.js';
import type { Prompter } from '../../core/prompts.js';

export { addKinds };
export { tasksDefinition } from '../../kinds/workflow/scaffold.js';
export type { AddKind, AddOptions, AddPlan };

/** The flags each kind takes (besides --yes, --dry-run and --cwd). */
export const kindFlags = Object.fromEntries(scaffoldFacets.map((f) => [f.kind, f.flags])) as Record<AddKind, (keyof AddOptions)[]>;

function facetOf(kind: AddKind): ScaffoldFacet {
  return scaffoldFacet(kind)!;
}

/** How a user writes an option: partitionKey → --partition-key, dlq (false) → --no-dlq. */
export function flagName(key: keyof AddOptions): string {
  return key === 'dlq' ? '--no-dlq' : `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/** Flags given that mean nothing for this kind (`eda add table t --fifo`): a mistake to point out, not to ignore. */
export function strayFlags(kind: AddKind, opts: AddOptions): string[] {
  const allowed = new Set<keyof AddOptions>(facetOf(kind).flags);
  const all = new Set(scaffoldFacets.flatMap((f) => f.flags));
  return [...all].filter((key) => !allowed.has(key) && (key === 'dlq' ? opts.dlq === false : opts[key] !== undefined)).map(flagName);
}

/** What must be given as flags when there is no terminal to ask in. */
export function missingFlags(kind: AddKind, name: string | undefined, opts: AddOptions): string[] {
  const facet = facetOf(kind);
  const missing: string[] = [];
  if (name === undefined) missing.push(facet.argument ?? `the name: eda add ${kind} <name>`);
  missing.push(...(facet.missingFlags?.(opts) ?? []));
  return missing;
}

export async function planAdd(kind: string, nameArg: string | undefined, opts: AddOptions, manifest: Manifest, prompter: Prompter | undefined): Promise<AddPlan> {
  const facet = scaffoldFacet(kind);
  if (!facet) throw new UsageError(`unknown kind '${kind}'`, `eda add can add: ${addKinds.join(', ')}`);
  return facet.add(addContext(nameArg, opts, manifest, prompter));
}
