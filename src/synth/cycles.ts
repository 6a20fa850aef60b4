// Circular dependencies between resources, found before CloudFormation does. The graph is the
// one after the SAM transform: an API depends on the functions its routes invoke, while event
// sources (queues, topics, streams) are joined by resources SAM generates, not by the function.
import type { Template } from '../core/template.js';
import { referencedIds as references } from './references.js';

export function dependencyGraph(template: Template): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  const ids = new Set(Object.keys(template.Resources));
  for (const [id, resource] of Object.entries(template.Resources)) {
    const deps = new Set<string>();
    // Every reference but those of the function's Events (SAM joins event sources itself).
    const { Properties, DependsOn } = resource as { Properties?: Record<string, unknown>; DependsOn?: unknown };
    for (const key of Object.keys(resource)) if (key !== 'Properties' && key !== 'DependsOn') references((resource as Record<string, unknown>)[key], deps);
    for (const key of Object.keys(Properties ?? {})) if (key !== 'Events') references(Properties![key], deps);
    const Events = Properties?.Events;
    for (const d of [DependsOn ?? []].flat()) deps.add(String(d));
    const own = graph.get(id) ?? new Set<string>();
    for (const d of deps) if (ids.has(d) && d !== id) own.add(d);
    graph.set(id, own);
    for (const event of Object.values((Events as Record<string, { Type: string; Properties: Record<string, unknown> }>) ?? {})) {
      const api = (event.Properties?.ApiId ?? event.Properties?.RestApiId) as { Ref?: string } | undefined;
      if ((event.Type === 'HttpApi' || event.Type === 'Api') && api?.Ref) {
        const set = graph.get(api.Ref) ?? new Set<string>();
        set.add(id);
        graph.set(api.Ref, set);
      }
    }
  }
  // Globals apply to every function.
  const globals = new Set<string>();
  references((template.Globals as Record<string, unknown> | undefined)?.Function, globals);
  for (const [id, resource] of Object.entries(template.Resources)) {
    if (resource.Type === 'AWS::Serverless::Function') for (const g of globals) if (ids.has(g)) graph.get(id)!.add(g);
  }
  return graph;
}

/** The first cycle found, as a list of logical IDs (first repeated at the end), if any. */
export function findCycle(template: Template): string[] | undefined {
  const graph = dependencyGraph(template);
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (id: string): string[] | undefined => {
    state.set(id, 'open');
    stack.push(id);
    for (const next of [...(graph.get(id) ?? [])].sort()) {
      if (state.get(next) === 'open') return [...stack.slice(stack.indexOf(next)), next];
      if (!state.has(next)) {
        const found = visit(next);
        if (found) return found;
      }
    }
    stack.pop();
    state.set(id, 'done');
    return undefined;
  };
  for (const id of [...graph.keys()].sort()) {
    if (!state.has(id)) {
      const found = visit(id);
      if (found) return found;
    }
  }
  return undefined;
}
