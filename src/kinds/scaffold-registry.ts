// The scaffolding side of every kind eda can add and remove: each kind's `scaffold` facet
// (src/kinds/<kind>/scaffold.ts, registered with the kind in registry.ts), in the order `eda add`
// lists them (and references are reported, and a function's invoker is looked for, in).
import { kindOf } from './registry.js';
import type { TriggerModel } from '../model/types.js';
import type { AddKind, ScaffoldFacet, StubTrigger } from './scaffold-types.js';
import type { KindName } from './types.js';

const ADD_ORDER: KindName[] = ['function', 'api', 'route', 'table', 'queue', 'topic', 'subscription', 'bus', 'rule', 'scheduler', 'workflow', 'pipe', 'connection', 'bucket', 'event'];

export const scaffoldFacets: readonly ScaffoldFacet[] = ADD_ORDER.map((name) => {
  const facet = kindOf(name).scaffold;
  if (!facet) throw new Error(`kind ${name} has no scaffold facet`);
  return facet;
});

export const addKinds: readonly AddKind[] = scaffoldFacets.map((f) => f.kind);

/** The facet of a kind the user named; undefined when eda has no such kind. */
export function scaffoldFacet(kind: string): ScaffoldFacet | undefined {
  return scaffoldFacets.find((f) => f.kind === kind);
}

/** The handler-stub side of a trigger type. */
export function stubTrigger(type: TriggerModel['type']): StubTrigger {
  const found = scaffoldFacets.find((f) => f.stub?.trigger === type)?.stub;
  if (!found) throw new Error(`no kind stubs ${type} triggers`);
  return found;
}
