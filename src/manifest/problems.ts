import type { Path } from './source.js';

/** A problem found in the manifest, before it gets a line and column. */
export interface Problem {
  path: Path;
  /** Point at the key rather than the value (unknown keys, names). */
  at?: 'key' | 'value';
  message: string;
  hint?: string;
  code: string;
  /** Characters into the string value at path (for expressions inside strings). */
  offset?: number;
  /** Another file than app.yaml (a workflow definition file), relative to the project. */
  file?: string;
  severity?: 'error' | 'warning' | 'hint';
}

export function label(path: Path): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${p}`)).join('');
}
