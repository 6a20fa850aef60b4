// What a workflow definition touches: the functions its Task states invoke and the service
// integrations (optimized and aws-sdk) it calls, each on the resource its parameters name.
// Synth turns these into the state machine role's least-privilege statements.
import { isFunctionResource, taskStates } from '../manifest/asl.js';
import { parseExpressions } from '../manifest/expressions.js';
import { taskCall } from '../manifest/task-calls.js';
import type { ServiceIntegration } from './types.js';

/** What one Task state calls: the functions it invokes and the service integrations it uses. */
export function stateCalls(state: Record<string, unknown>): { invokes: string[]; integrations: ServiceIntegration[] } {
  const invokes: string[] = [];
  const integrations: ServiceIntegration[] = [];
  if (typeof state.Resource !== 'string') return { invokes, integrations };
  if (isFunctionResource(state.Resource)) return { invokes: [state.Resource], integrations };
  for (const p of parseExpressions(state.Resource)) if (p.type === 'ref' && p.kind === 'function') invokes.push(p.name);
  const call = taskCall(state);
  const kind = call?.kind;
  if (call && kind) {
    for (const name of call.names) {
      if (kind === 'function') invokes.push(name);
      else integrations.push({ service: call.actions[0]!.split(':')[0] as ServiceIntegration['service'], actions: call.actions, target: { kind, name }, sync: call.sync || undefined });
    }
  }
  return { invokes, integrations };
}

/** A distributed Map's ItemReader and ResultWriter, at any depth: they call S3 as a Task would. */
function mapIo(value: unknown, out: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(value)) value.forEach((v) => mapIo(v, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if ((k === 'ItemReader' || k === 'ResultWriter') && v && typeof v === 'object') out.push(v as Record<string, unknown>);
      else mapIo(v, out);
    }
  }
  return out;
}

/** Which functions a definition invokes and which service integrations it uses on which resources. */
export function analyseDefinition(definition: Record<string, unknown> | undefined): { invokes: string[]; integrations: ServiceIntegration[] } {
  const invokes = new Set<string>();
  const integrations: ServiceIntegration[] = [];
  for (const state of [...taskStates(definition).map((t) => t.state), ...mapIo(definition)]) {
    const calls = stateCalls(state);
    for (const fn of calls.invokes) invokes.add(fn);
    integrations.push(...calls.integrations);
  }
  return { invokes: [...invokes], integrations };
}
