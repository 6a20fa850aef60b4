// `policies:` in the model: statements with their resources' and conditions' expressions parsed.
import type { PolicyStatementSpec } from '../../manifest/app.types.js';
import type { Deep, PolicyStatementModel, SourcePath } from '../../model/types.js';
import { parseDeep, parseValue } from '../../model/values.js';
import { asList } from './checks.js';

export function policyModels(list: PolicyStatementSpec[] | undefined, base: SourcePath): PolicyStatementModel[] | undefined {
  if (!list?.length) return undefined;
  return list.map((st, i) => ({
    effect: st.effect ?? 'Allow',
    actions: asList(st.actions),
    resources: asList(st.resources).map((r) => parseValue(r)),
    conditions: st.conditions === undefined ? undefined : (parseDeep(st.conditions) as Record<string, Deep>),
    path: [...base, i],
  }));
}
