// The logical IDs a template value refers to: Ref, Fn::GetAtt (list or "Id.Attr" form) and the
// variables of Fn::Sub that its own variable map does not define. Outputs check them; the cycle
// finder follows them.
import type { SourcePath } from '../model/types.js';

export function eachReference(value: unknown, path: SourcePath, visit: (id: string, at: SourcePath) => void): void {
  walk(value, [...path], visit);
}

/** Adds the logical IDs `value` refers to to `out` (where they are is not tracked). */
export function referencedIds(value: unknown, out: Set<string>): void {
  walk(value, undefined, (id) => out.add(id));
}

const nowhere: SourcePath = [];

/** `path` is one stack shared by the whole walk (pushed and popped), copied only for a visit: a
 * template has thousands of nodes and few references. Without one, no path is kept. */
function walk(value: unknown, path: (string | number)[] | undefined, visit: (id: string, at: SourcePath) => void): void {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      path?.push(i);
      walk(value[i], path, visit);
      path?.pop();
    }
    return;
  }
  if (!value || typeof value !== 'object') return;
  for (const key of Object.keys(value)) {
    const x = (value as Record<string, unknown>)[key];
    path?.push(key);
    if (key === 'Ref' && typeof x === 'string') visit(x, path ? [...path] : nowhere);
    else if (key === 'Fn::GetAtt') {
      const id = Array.isArray(x) ? x[0] : typeof x === 'string' ? x.split('.')[0] : undefined;
      if (typeof id === 'string') visit(id, !path ? nowhere : Array.isArray(x) ? [...path, 0] : [...path]);
      else walk(x, path, visit);
    } else if (key === 'Fn::Sub') {
      const [text, vars] = Array.isArray(x) ? x : [x, {}];
      if (typeof text === 'string') {
        for (const m of text.matchAll(/\$\{([^!}][^}]*)\}/g)) {
          const id = m[1]!.split('.')[0]!;
          if (!(vars && typeof vars === 'object' && id in vars)) visit(m[1]!.includes('::') ? m[1]! : id, path ? [...path] : nowhere);
        }
      }
      if (vars) {
        path?.push(1);
        walk(vars, path, visit);
        path?.pop();
      }
    } else walk(x, path, visit);
    path?.pop();
  }
}
