// Diagnostics rendered for a terminal (with colour when given chalk). The Diagnostic value, its
// order and "did you mean" live in core/.
import type { ChalkInstance } from 'chalk';
import type { Diagnostic } from '../../core/diagnostics.js';


export function formatDiagnostic(d: Diagnostic, c?: ChalkInstance): string {
  const paint = c ?? identity;
  const head = `${paint.bold?.(`${d.file}:${d.line}:${d.col}`) ?? `${d.file}:${d.line}:${d.col}`}: ${
    d.severity === 'error' ? (c ? c.red('error') : 'error') : d.severity === 'hint' ? (c ? c.cyan('hint') : 'hint') : c ? c.yellow('warning') : 'warning'
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

const identity = Object.assign((s: string) => s, { bold: (s: string) => s }) as unknown as ChalkInstance;
