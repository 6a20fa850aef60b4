// `eda remove <kind> <name>` planned: the kind finds what to delete (src/kinds/<kind>/scaffold.ts),
// this refuses while anything still refers to it and applies the deletion to app.yaml's text
// (everything else kept byte for byte). Handler files are never deleted.
import { EdaError } from '../core/errors.js';
import { applyEdit } from '../manifest/edit.js';
import { Inventory, type Manifest } from '../kinds/scaffold-inventory.js';
import { addKinds, scaffoldFacet, scaffoldFacets } from '../kinds/scaffold-registry.js';
import type { RemoveFlags } from '../kinds/scaffold-types.js';
import { findReferrers } from './inventory.js';

export type { RemoveFlags };

/** Every kind eda can add, it can remove. */
export const removeKinds = addKinds;

export interface PlannedRemoval {
  before: string;
  after: string;
  what: string;
  /** Handler and definition files that stay. */
  kept: string[];
}

/** Flags given that do not say which `kind` is meant (`eda remove queue q --api x`). */
export function strayRemoveFlags(kind: string, opts: RemoveFlags): (keyof RemoveFlags)[] {
  const allowed = new Set(scaffoldFacet(kind)?.removeFlags ?? []);
  const all = [...new Set(scaffoldFacets.flatMap((f) => f.removeFlags ?? []))];
  return all.filter((flag) => opts[flag] !== undefined && !allowed.has(flag));
}

/** The removal of `kind` `name` from app.yaml's text `before` (parsed: `manifest`). */
export function planRemove(kind: string, name: string, opts: RemoveFlags, cwd: string, before: string, manifest: Manifest): PlannedRemoval {
  const facet = scaffoldFacet(kind);
  if (!facet) throw new EdaError(`unknown kind '${kind}'`);
  const removal = facet.remove({ name, opts, manifest, inv: new Inventory(manifest), cwd });
  const guarded = removal.refuseWhileReferenced;
  if (guarded) {
    const users = findReferrers(manifest, guarded.kind, guarded.name);
    if (users.length) {
      throw new EdaError(
        `${kind} ${name} is still used by:\n${users.map((u) => `  - ${u.label}`).join('\n')}`,
        `remove or change ${users.length === 1 ? 'that reference' : 'those references'} first (eda remove refuses to leave app.yaml broken)`,
      );
    }
  }
  return { before, after: applyEdit(before, { op: 'delete', path: removal.target }), what: removal.what, kept: removal.kept };
}
