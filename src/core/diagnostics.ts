// A problem in app.yaml (or a file it names) as a value: where it is, what is wrong, how to fix
// it. Rendering for a terminal lives with the callers that print (manifest/diagnostics.ts).

/** A 1-based line and column. */
export interface Position {
  line: number;
  col: number;
}

/** One problem in app.yaml (or a file it names), with where it is and how to fix it. */
export interface Diagnostic extends Position {
  file: string;
  message: string;
  hint?: string;
  /** 'hint': worth a look, never a failure (a pattern that matches more events than it seems to). */
  severity: 'error' | 'warning' | 'hint';
  /** The line of source the position points into, for a code frame. */
  source?: string;
  /** Path of keys from the document root (when known). */
  path?: (string | number)[];
  code: string;
}

/** Diagnostics in reading order: by file, then line, then column. */
export function sortDiagnostics(ds: Diagnostic[]): Diagnostic[] {
  return [...ds].sort((a, b) => (a.file === b.file ? a.line - b.line || a.col - b.col : a.file < b.file ? -1 : 1));
}
