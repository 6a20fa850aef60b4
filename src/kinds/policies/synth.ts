// `policies:` as IAM statements for the role of the function or workflow that declares them.
import type { App, PolicyStatementModel } from '../../model/types.js';
import type { Statement } from '../template.js';
import { resolveDeep, resolveValue } from '../values.js';

export function policyStatements(app: App, list: PolicyStatementModel[] | undefined): Statement[] {
  return (list ?? []).map((st) => {
    const resources = st.resources.map((r) => resolveValue(app, r));
    return {
      Effect: st.effect,
      Action: st.actions.length === 1 ? st.actions[0]! : [...st.actions],
      Resource: resources.length === 1 ? resources[0] : resources,
      Condition: st.conditions === undefined ? undefined : resolveDeep(app, st.conditions),
    };
  });
}
