// A state's Assign in either query language: JSONPath assignments are payload templates
// ("name.$": path or intrinsic) over the data the state hands them; JSONata ones are
// templates of {% %} expressions. Values are computed first, then applied together.
import { runtimeError } from './errors.js';
import { payloadTemplate } from './input-output.js';
import { evaluateTemplate, type Bindings } from './jsonata.js';
import { scopeOf, type ContextObject, type Json, type QueryLanguage, type Run } from './types.js';
import { Scope } from './variables.js';

/** The query language a state uses: its own, else its machine's. */
export const languageOf = (state: Json, run: Pick<Run, 'language'>): QueryLanguage => (state.QueryLanguage as QueryLanguage | undefined) ?? run.language;

/** JSONPath Assign: `$` is what the state hands it (its result, its input, or the error output). */
export function assignJsonPath(assign: unknown, data: unknown, ctx: ContextObject): Record<string, unknown> | undefined {
  if (assign === undefined) return undefined;
  return payloadTemplate(assign, data, ctx) as Record<string, unknown>;
}

/** JSONata Assign, evaluated with the state's $states and the variables as they were at state entry. */
export async function evaluateAssign(assign: unknown, b: Bindings): Promise<Record<string, unknown> | undefined> {
  if (assign === undefined) return undefined;
  return (await evaluateTemplate(assign, 'Assign', b)) as Record<string, unknown>;
}

export function applyAssign(values: Record<string, unknown> | undefined, ctx: ContextObject, state: string): void {
  if (!values) return;
  const scope = scopeOf(ctx);
  if (!(scope instanceof Scope)) throw runtimeError(`state '${state}' assigns variables outside an execution`);
  scope.assign(values);
}
