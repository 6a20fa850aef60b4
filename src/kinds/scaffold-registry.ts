// The scaffolding side of every kind eda can add and remove, in the order `eda add --help` lists
// them (and references are reported in). Adding a kind: its src/kinds/<kind>/scaffold.ts and one
// line here.
import { apiScaffold } from './api/scaffold.js';
import { busScaffold } from './bus/scaffold.js';
import { functionScaffold } from './function/scaffold.js';
import { queueScaffold } from './queue/scaffold.js';
import { routeScaffold } from './route/scaffold.js';
import { ruleScaffold } from './rule/scaffold.js';
import { scheduleScaffold } from './schedule/scaffold.js';
import { subscriptionScaffold } from './subscription/scaffold.js';
import { tableScaffold } from './table/scaffold.js';
import { topicScaffold } from './topic/scaffold.js';
import { workflowScaffold } from './workflow/scaffold.js';
import type { TriggerModel } from '../model/types.js';
import type { AddKind, ScaffoldFacet, StubTrigger } from './scaffold-types.js';

export const scaffoldFacets: readonly ScaffoldFacet[] = [
  functionScaffold,
  apiScaffold,
  routeScaffold,
  tableScaffold,
  queueScaffold,
  topicScaffold,
  subscriptionScaffold,
  busScaffold,
  ruleScaffold,
  scheduleScaffold,
  workflowScaffold,
];

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
