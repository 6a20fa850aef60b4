// A workflow's Task states as sub-nodes of its group, each with an edge to what it calls: the
// function it invokes (with its retries) or the service integration's resource.
import { taskStates } from '../manifest/asl.js';
import { stateCalls } from '../model/integrations.js';
import type { WorkflowModel } from '../model/types.js';
import type { GraphEdge, GraphNode } from './types.js';

type State = Record<string, unknown>;

/** The most attempts a state's Retry allows, if it retries. */
function retries(state: State): number | undefined {
  if (!Array.isArray(state.Retry) || !state.Retry.length) return undefined;
  return Math.max(...state.Retry.map((r: { MaxAttempts?: number }) => r?.MaxAttempts ?? 3));
}

/** What a Task calls: node ids and the edge label for each (the calls the workflow's role is granted). */
function calls(state: State): { to: string; label: string }[] {
  const { invokes, integrations } = stateCalls(state);
  return [
    ...invokes.map((fn) => ({ to: `function:${fn}`, label: 'invoke' })),
    ...integrations.map((i) => ({ to: `${i.target.kind}:${i.target.name}`, label: i.actions.join(', ') })),
  ];
}

export function workflowTasks(w: WorkflowModel, group: string): { nodes: GraphNode[]; edges: GraphEdge[] } {
  // Expressions become the text as written, as the checks and analyseDefinition read them.
  const definition = JSON.parse(JSON.stringify(w.definition)) as State;
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  // Within a definition read from a file, positions resolve to the `definition:` line.
  const base = [...w.path, 'definition'];
  for (const { name, state, path } of taskStates(definition, [])) {
    let id = `task:${w.name}:${name}`;
    while (nodes.some((n) => n.id === id)) id += "'";
    const tries = retries(state);
    nodes.push({ id, kind: 'task', name, label: name, group, source: [...base, ...path], settings: { workflow: w.name, ...state } });
    for (const c of calls(state)) edges.push({ from: id, to: c.to, kind: 'task', label: [c.label, tries !== undefined ? `retries ${tries}` : ''].filter(Boolean).join(', ') });
  }
  return { nodes, edges };
}
