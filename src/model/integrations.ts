// What a workflow definition touches: the functions its Task states invoke and the service
// integrations (optimized and aws-sdk) it calls, each on the resource its parameters name.
// Synth turns these into the state machine role's least-privilege statements.
import { isFunctionResource } from '../manifest/asl.js';
import { parseExpressions } from '../manifest/expressions.js';
import { taskCall } from '../manifest/task-calls.js';
import type { ServiceIntegration } from './types.js';

/** Which functions a definition invokes and which service integrations it uses on which resources. */
export function analyseDefinition(definition: Record<string, unknown> | undefined): { invokes: string[]; integrations: ServiceIntegration[] } {
  const invokes = new Set<string>();
  const integrations: ServiceIntegration[] = [];
  const visit = (machine: unknown) => {
    const states = (machine as { States?: Record<string, Record<string, unknown>> })?.States ?? {};
    for (const state of Object.values(states)) {
      if (!state || typeof state !== 'object') continue;
      if (state.Type === 'Task' && typeof state.Resource === 'string') {
        if (isFunctionResource(state.Resource)) invokes.add(state.Resource);
        else {
          for (const p of parseExpressions(state.Resource)) if (p.type === 'ref' && p.kind === 'function') invokes.add(p.name);
          const call = taskCall(state);
          const kind = call?.kind;
          if (call && kind) {
            for (const name of call.names) {
              if (kind === 'function') invokes.add(name);
              else integrations.push({ service: call.actions[0]!.split(':')[0] as ServiceIntegration['service'], actions: call.actions, target: { kind, name }, sync: call.sync || undefined });
            }
          }
        }
      }
      if (Array.isArray(state.Branches)) state.Branches.forEach(visit);
      if (state.ItemProcessor) visit(state.ItemProcessor);
      if (state.Iterator) visit(state.Iterator);
    }
  };
  visit(definition);
  return { invokes: [...invokes], integrations };
}
