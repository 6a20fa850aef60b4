import type { ChalkInstance } from 'chalk';

/** One problem in app.yaml (or a file it names), with where it is and how to fix it. */
export interface Diagnostic {
  file: string;
  line: number; // 1-based
  col: number; // 1-based
  message: string;
  hint?: string;
  severity: 'error' | 'warning';
  /** The line of source the position points into, for a code frame. */
  source?: string;
  /** Path of keys from the document root (when known). */
  path?: (string | number)[];
  code: string;
}

export function formatDiagnostic(d: Diagnostic, c?: ChalkInstance): string {
  const paint = c ?? identity;
  const head = `${paint.bold?.(`${d.file}:${d.line}:${d.col}`) ?? `${d.file}:${d.line}:${d.col}`}: ${
    d.severity === 'error' ? (c ? c.red('error') : 'error') : c ? c.yellow('warning') : 'warning'
  } ${d.message}`;
  const lines = [head];
  if (d.source !== undefined) {
    const gutter = String(d.line).padStart(4);
    lines.push(`${c ? c.dim(`${gutter} | `) : `${gutter} | `}${d.source}`);
    lines.push(`${' '.repeat(4)}${c ? c.dim(' | ') : ' | '}${' '.repeat(Math.max(0, d.col - 1))}${c ? c.red('^') : '^'}`);
  }
  if (d.hint) lines.push(`${c ? c.cyan('  hint: ') : '  hint: '}${d.hint}`);
  return lines.join('\n');
}

export function formatDiagnostics(ds: Diagnostic[], c?: ChalkInstance): string {
  return ds.map((d) => formatDiagnostic(d, c)).join('\n\n') + '\n';
}

export function sortDiagnostics(ds: Diagnostic[]): Diagnostic[] {
  return [...ds].sort((a, b) => (a.file === b.file ? a.line - b.line || a.col - b.col : a.file < b.file ? -1 : 1));
}

const identity = Object.assign((s: string) => s, { bold: (s: string) => s }) as unknown as ChalkInstance;

/** Edit distance counting a swap of neighbours as one edit (jbos → jobs), for "did you mean". */
export function distance(a: string, b: string): number {
  if (a === b) return 0;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/** The closest candidate, if close enough to be a likely typo. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestScore = Infinity;
  const lower = word.toLowerCase();
  for (const c of candidates) {
    const score = c.toLowerCase() === lower ? 0 : distance(lower, c.toLowerCase());
    if (score < bestScore) {
      best = c;
      bestScore = score;
    }
  }
  if (best === undefined) return undefined;
  const limit = Math.max(1, Math.floor(Math.max(word.length, best.length) / 3));
  return bestScore <= limit && bestScore < word.length ? best : undefined;
}

/** "did you mean X?" or "known: a, b, c" — a hint for an unknown name. */
export function suggest(word: string, candidates: string[], what: string): string {
  const near = closest(word, candidates);
  if (near) return `did you mean '${near}'?`;
  if (candidates.length === 0) return `nothing is declared under ${what} yet`;
  const shown = candidates.slice(0, 8).join(', ');
  return `declared ${what}: ${shown}${candidates.length > 8 ? ', …' : ''}`;
}
