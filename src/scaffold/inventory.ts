// Who uses something, before removing it: every place in app.yaml that refers to an entry —
// what each kind's entries refer to (src/kinds/<kind>/scaffold.ts), `${...}` expressions
// anywhere, and overrides by logical ID. The Inventory itself lives in src/kinds/.
import { parseExpressions } from '../manifest/expressions.js';
import type { Path } from '../manifest/edit.js';
import { logicalId, sectionOf } from '../core/names.js';
import type { Kind } from '../model/types.js';
import { Inventory, type Manifest } from '../kinds/scaffold-inventory.js';
import { isObject, walk } from '../kinds/scaffold-kit.js';
import { scaffoldFacet, scaffoldFacets } from '../kinds/scaffold-registry.js';

export { Inventory, NAME_PATTERN, type Manifest } from '../kinds/scaffold-inventory.js';

/** A place in app.yaml that refers to something, for messages: "functions.createOrder.uses[0]". */
export interface Referrer {
  path: Path;
  label: string;
}

function label(path: Path): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/** Everything in the manifest that refers to `kind` `name` (other than its own entry). */
export function findReferrers(manifest: Manifest, kind: Kind, name: string): Referrer[] {
  const found: Path[] = [];
  const inv = new Inventory(manifest);
  const section = sectionOf[kind];
  const isOwn = (path: Path) => path[0] === section && path[1] === name;

  // What each kind's entries refer to: uses, triggers, targets, subscriptions, Task states.
  for (const facet of scaffoldFacets) {
    if (!facet.section || !facet.references) continue;
    for (const [entryName, entry] of Object.entries(inv.section(facet.section))) {
      if (!entry) continue;
      for (const ref of facet.references(entry, [sectionOf[facet.section], entryName])) {
        if (ref.kind === kind && ref.name === name) found.push(ref.path);
      }
    }
  }
  // ${section.name.attr} expressions in any string, anywhere.
  walk(manifest, [], (value, path) => {
    if (typeof value !== 'string' || !value.includes('${') || isOwn(path)) return;
    if (parseExpressions(value).some((p) => p.type === 'ref' && p.section === section && p.name === name)) found.push(path);
  });
  // overrides by the generated logical ID.
  const overrides = manifest.overrides;
  if (isObject(overrides)) {
    const ids = scaffoldFacet(kind)?.overrideIds?.(name) ?? [logicalId(kind, name)];
    for (const id of ids) if (Object.hasOwn(overrides, id)) found.push(['overrides', id]);
  }

  const unique = new Map<string, Referrer>();
  for (const path of found) {
    if (isOwn(path)) continue;
    const l = label(path);
    unique.set(l, { path, label: l });
  }
  return [...unique.values()];
}
