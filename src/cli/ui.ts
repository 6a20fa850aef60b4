import chalk, { Chalk, type ChalkInstance } from 'chalk';

/**
 * Where a command writes. Commands never touch process.stdout directly, so tests
 * can pass their own streams and colour follows NO_COLOR / FORCE_COLOR / TTY.
 */
export interface Ui {
  out(text: string): void;
  err(text: string): void;
  readonly color: ChalkInstance;
  readonly isTTY: boolean;
  readonly json: boolean;
}

export interface UiOptions {
  stdout?: NodeJS.WritableStream & { isTTY?: boolean };
  stderr?: NodeJS.WritableStream & { isTTY?: boolean };
  json?: boolean;
  env?: NodeJS.ProcessEnv;
}

export function colorLevel(isTTY: boolean, env: NodeJS.ProcessEnv): 0 | 1 | 2 | 3 {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 0;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR === '0' || env.FORCE_COLOR === 'false' ? 0 : 1;
  if (!isTTY || env.TERM === 'dumb') return 0;
  return chalk.level || 1;
}

export function createUi(options: UiOptions = {}): Ui {
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  const isTTY = Boolean((stdout as { isTTY?: boolean }).isTTY);
  const color = new Chalk({ level: colorLevel(isTTY, options.env ?? process.env) });
  return {
    out: (text) => void stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    err: (text) => void stderr.write(text.endsWith('\n') ? text : `${text}\n`),
    color,
    isTTY,
    json: Boolean(options.json),
  };
}

/** Renders rows as an aligned text table (column widths from the widest cell). */
export function table(headers: string[], rows: string[][], paint: (s: string) => string = (s) => s): string {
  const strip = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');
  const widths = headers.map((h, i) => Math.max(strip(h).length, ...rows.map((r) => strip(r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === cells.length - 1 ? c : c + ' '.repeat(widths[i]! - strip(c).length))).join('  ').trimEnd();
  return [paint(line(headers)), ...rows.map(line)].join('\n');
}
