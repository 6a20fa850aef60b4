// Workflows in the model: the definition (read from its file when given as a path) with its
// expressions parsed, the functions its Task states invoke and the services they call.
import { analyseDefinition } from '../../model/integrations.js';
import { logicalId } from '../../core/names.js';
import type { Deep } from '../../model/types.js';
import { parseDeep } from '../../model/values.js';
import { policyModels } from '../policies/index.js';
import type { ModelContext } from '../types.js';

export function modelWorkflows(c: ModelContext): void {
  for (const [name, spec] of Object.entries(c.m.workflows ?? {})) {
    const definition = (typeof spec.definition === 'string' ? c.definitions?.get(name) : spec.definition) as Record<string, unknown>;
    const { invokes, integrations } = analyseDefinition(definition);
    c.app.workflows.push({
      name,
      logicalId: logicalId('workflow', name),
      type: spec.type ?? 'standard',
      description: spec.description,
      definition: parseDeep(definition) as Record<string, Deep>,
      invokes,
      integrations,
      path: ['workflows', name],
      policies: policyModels(spec.policies, ['workflows', name, 'policies']),
    });
  }
}
