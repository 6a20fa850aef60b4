// A workflow's Task states as sub-nodes of its group, each with an edge to what it calls: the
// function it invokes (with its retries) or the service integration's resource.
import { isFunctionResource } from '../manifest/asl.js';
import { parseExpressions } from '../manifest/expressions.js';
import { taskCall } from '../manifest/task-calls.js';
import type { WorkflowModel } from '../model/types.js';
import type { GraphEdge, GraphNode } from './types.js';

type State = Record<string, unknown>;

/** Every Task state, in the order written (Parallel branches and Map processors included), with its path. */
function taskStates(machine: unknown, path: (string | number)[], out: { name: string; state: State; path: (string | number)[] }[] = []) {
  const states = (machine as { States?: Record<string, State> })?.States ?? {};
  for (const [name, state] of Object.entries(states)) {
    if (!state || typeof state !== 'object') continue;
    const here = [...path, 'States', name];
    if (state.Type === 'Task') out.push({ name, state, path: here });
    if (Array.isArray(state.Branches)) state.Branches.forEach((b, i) => taskStates(b, [...here, 'Branches', i], out));
    if (state.ItemProcessor) taskStates(state.ItemProcessor, [...here, 'ItemProcessor'], out);
    if (state.Iterator) taskStates(state.Iterator, [...here, 'Iterator'], out);
  }
  return out;
}

/** The most attempts a state's Retry allows, if it retries. */
function retries(state: State): number | undefined {
  if (!Array.isArray(state.Retry) || !state.Retry.length) return undefined;
  return Math.max(...state.Retry.map((r: { MaxAttempts?: number }) => r?.MaxAttempts ?? 3));
}

/** What a Task calls: node ids and the edge label for each. */
function calls(state: State): { to: string; label: string }[] {
  const resource = state.Resource;
  if (typeof resource !== 'string') return [];
  if (isFunctionResource(resource)) return [{ to: `function:${resource}`, label: 'invoke' }];
  const out: { to: string; label: string }[] = [];
  for (const p of parseExpressions(resource)) if (p.type === 'ref' && p.kind === 'function') out.push({ to: `function:${p.name}`, label: 'invoke' });
  const call = taskCall(state);
  for (const name of call?.kind ? call.names : []) {
    const to = `${call!.kind}:${name}`;
    out.push({ to, label: call!.kind === 'function' ? 'invoke' : call!.actions.join(', ') });
  }
  return out;
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
