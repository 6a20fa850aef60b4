// Input and output processing around a state: InputPath, Parameters/ItemSelector (payload
// templates with paths, context paths and intrinsics), ResultSelector, ResultPath and
// OutputPath.
import { runtimeError } from './errors.js';
import { evaluateIntrinsic, isIntrinsic } from './intrinsics.js';
import { normalizedPath, query, setPath } from './jsonpath.js';
import type { Json, Outcome } from './types.js';

/** A path's value, or AWS's "Invalid path" run-time error. */
export function mustQuery(path: string, data: unknown, context: unknown): unknown {
  const r = query(path, data, context);
  if (!r.found) throw runtimeError(`Invalid path '${path}' : No results for path: ${normalizedPath(path)}`);
  return r.value;
}

/** InputPath: `$$` paths read the context object, `$name` paths a variable. */
export function applyInputPath(raw: unknown, path: unknown, context: unknown): unknown {
  if (path === null) return {};
  if (path === undefined || path === '$') return raw;
  return mustQuery(String(path), raw, context);
}

/** The state's input after InputPath, then Parameters when it has them. */
export function effectiveInput(state: Json, raw: unknown, context: unknown): unknown {
  const input = applyInputPath(raw, state.InputPath, context);
  return state.Parameters === undefined ? input : payloadTemplate(state.Parameters, input, context);
}

export function applyOutputPath(output: unknown, path: unknown, context: unknown): unknown {
  if (path === null) return {};
  if (path !== undefined && path !== '$') return mustQuery(String(path), output, context);
  return output;
}

/** Evaluates a payload template: "key.$" values are paths, context paths or intrinsics. */
export function payloadTemplate(template: unknown, input: unknown, context: unknown): unknown {
  if (Array.isArray(template)) return template.map((t) => payloadTemplate(t, input, context));
  if (!template || typeof template !== 'object') return template;
  const out: Json = {};
  for (const [key, value] of Object.entries(template)) {
    if (key.endsWith('.$')) {
      const field = key.slice(0, -2);
      if (typeof value !== 'string') throw runtimeError(`The value of '${key}' must be a path or an intrinsic function`);
      if (isIntrinsic(value)) out[field] = evaluateIntrinsic(value, input, context);
      else {
        const r = query(value, input, context);
        if (!r.found) throw runtimeError(`The JSONPath '${value}' specified for the field '${key}' could not be found in the input '${JSON.stringify(input)}'`);
        out[field] = r.value;
      }
    } else out[key] = payloadTemplate(value, input, context);
  }
  return out;
}

export function selectResult(state: Json, result: unknown, context: unknown): unknown {
  return state.ResultSelector === undefined ? result : payloadTemplate(state.ResultSelector, result, context);
}

/** Places a task's result in its raw input (ResultPath), then filters it (OutputPath). */
export function finish(raw: unknown, result: unknown, state: Json, context: unknown): Outcome {
  let output: unknown;
  if (state.ResultPath === null) output = raw;
  else {
    try {
      output = setPath(raw, (state.ResultPath as string | undefined) ?? '$', result);
    } catch (error) {
      throw runtimeError(`Unable to apply ResultPath '${state.ResultPath}': ${(error as Error).message}`);
    }
  }
  return { output: applyOutputPath(output, state.OutputPath, context), next: state.Next as string | undefined, end: state.End === true };
}
