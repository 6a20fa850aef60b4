// The logical IDs a template value refers to: Ref, Fn::GetAtt (list or "Id.Attr" form) and the
// variables of Fn::Sub that its own variable map does not define. Outputs check them; the cycle
// finder follows them.
import type { SourcePath } from '../model/types.js';

export function eachReference(value: unknown, path: SourcePath, visit: (id: string, at: SourcePath) => void): void {
  if (Array.isArray(value)) return value.forEach((x, i) => eachReference(x, [...path, i], visit));
  if (!value || typeof value !== 'object') return;
  for (const [key, x] of Object.entries(value)) {
    if (key === 'Ref' && typeof x === 'string') visit(x, [...path, key]);
    else if (key === 'Fn::GetAtt') {
      const id = Array.isArray(x) ? x[0] : typeof x === 'string' ? x.split('.')[0] : undefined;
      if (typeof id === 'string') visit(id, Array.isArray(x) ? [...path, key, 0] : [...path, key]);
      else eachReference(x, [...path, key], visit);
    } else if (key === 'Fn::Sub') {
      const [text, vars] = Array.isArray(x) ? x : [x, {}];
      if (typeof text === 'string') {
        for (const m of text.matchAll(/\$\{([^!}][^}]*)\}/g)) {
          const id = m[1]!.split('.')[0]!;
          if (!(vars && typeof vars === 'object' && id in vars)) visit(m[1]!.includes('::') ? m[1]! : id, [...path, key]);
        }
      }
      if (vars) eachReference(vars, [...path, key, 1], visit);
    } else eachReference(x, [...path, key], visit);
  }
}
