// The one way eda writes to the terminal. Commands never touch process.stdout directly, so
// tests can pass their own streams, colour follows NO_COLOR / FORCE_COLOR / TTY, and --json
// keeps stdout for data while the human messages go to stderr.
import chalk, { Chalk, type ChalkInstance } from 'chalk';

/** Colours for text that is laid out for a terminal (plain functions, so sections can take them). */
export interface Painter {
  green(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
  /**
   * The width of the stream painted for, when known: a section that can lay itself out
   * more narrowly (the IAM changes) fits it.
   */
  columns?: number;
}

export const plainPainter: Painter = {
  green: (s) => s,
  red: (s) => s,
  yellow: (s) => s,
  cyan: (s) => s,
  dim: (s) => s,
  bold: (s) => s,
};

type Stream = NodeJS.WritableStream & { isTTY?: boolean; columns?: number };

export interface Ui {
  /** A line on stdout: the command's result (its JSON with --json). */
  out(text: string): void;
  /** A line on stderr: warnings and errors. */
  err(text: string): void;
  /** A line for the person reading: stdout, or stderr when stdout carries JSON. */
  say(text: string): void;
  /** Raw text (no newline added) on the human stream: the progress status line. */
  write(text: string): void;
  readonly color: ChalkInstance;
  /** The colours of `color`, with the human stream's width. */
  readonly paint: Painter;
  /** stdout is a terminal. */
  readonly isTTY: boolean;
  /** The human stream is a terminal that can redraw a line (not TERM=dumb). */
  readonly tty: boolean;
  /** The human stream's width; 100 when it is not a terminal (a pipe, a file, CI logs). */
  readonly columns: number;
  readonly json: boolean;
  /** Where the person reads: stdout, or stderr with --json. Questions are drawn there. */
  readonly human: Stream;
}

export interface UiOptions {
  stdout?: Stream;
  stderr?: Stream;
  json?: boolean;
  env?: NodeJS.ProcessEnv;
}

export function colorLevel(isTTY: boolean, env: NodeJS.ProcessEnv): 0 | 1 | 2 | 3 {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 0;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR === '0' || env.FORCE_COLOR === 'false' ? 0 : 1;
  if (!isTTY || env.TERM === 'dumb') return 0;
  return chalk.level || 1;
}

const line = (stream: Stream) => (text: string) => void stream.write(text.endsWith('\n') ? text : `${text}\n`);

export function createUi(options: UiOptions = {}): Ui {
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  const env = options.env ?? process.env;
  const json = Boolean(options.json);
  const human = json ? stderr : stdout;
  const isTTY = Boolean(stdout.isTTY);
  // Colour follows stdout, also for the human lines that --json sends to stderr.
  const color = new Chalk({ level: colorLevel(isTTY, env) });
  const columns = human.columns ?? 100;
  const c = color;
  return {
    out: line(stdout),
    err: line(stderr),
    say: line(human),
    write: (text) => void human.write(text),
    color,
    paint: { green: c.green, red: c.red, yellow: c.yellow, cyan: c.cyan, dim: c.dim, bold: c.bold, columns },
    isTTY,
    tty: Boolean(human.isTTY) && env.TERM !== 'dumb',
    columns,
    json,
    human,
  };
}
