// eda test-pattern: does this event match this EventBridge event pattern?
// Offline, with AWS's semantics; an invalid pattern is reported with positions.

import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { formatPatternPath, matchesPattern, validatePattern, type PatternProblem } from '../../pattern/index.js';
import { DocumentSyntaxError, parseSource, type SourceDocument } from '../../pattern/document.js';
import { EdaError, UsageError } from '../../core/errors.js';
import { createUi, type Ui } from '../kit/output.js';

export interface TestPatternOptions {
  pattern?: string;
  event?: string;
  json?: boolean;
}

export interface TestPatternIo {
  ui?: Ui;
  stdin?: NodeJS.ReadableStream;
  cwd?: string;
}

const USAGE = 'usage: eda test-pattern --pattern <file> --event <file>  (JSON or YAML; "-" reads one of them from stdin)';

interface Loaded {
  label: string;
  doc: SourceDocument;
}

export async function testPatternCommand(opts: TestPatternOptions, io: TestPatternIo = {}): Promise<number> {
  const ui = io.ui ?? createUi({ json: opts.json });
  const missing = [!opts.pattern && '--pattern <file>', !opts.event && '--event <file>'].filter(Boolean);
  if (missing.length > 0) throw new UsageError(`Missing ${missing.join(' and ')}.`, USAGE);
  if (opts.pattern === '-' && opts.event === '-') {
    throw new UsageError('Only one of --pattern and --event can read from stdin ("-").', USAGE);
  }

  const pattern = await load(opts.pattern!, 'pattern', io);
  const problems = validatePattern(pattern.doc.value);
  if (problems.length > 0) {
    report(ui, pattern, problems);
    return 1;
  }

  const event = await load(opts.event!, 'event', io);
  const value = event.doc.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new EdaError(
      `The event in ${event.label} must be a JSON object, not ${Array.isArray(value) ? 'a list' : value === null ? 'null' : `a ${typeof value}`}.`,
      'an EventBridge event looks like {"source": "my.app", "detail-type": "OrderPlaced", "detail": {...}}',
    );
  }

  const matches = matchesPattern(pattern.doc.value, value);
  ui.out(ui.json ? JSON.stringify({ matches }) : String(matches));
  return 0;
}

async function load(spec: string, what: 'pattern' | 'event', io: TestPatternIo): Promise<Loaded> {
  const label = spec === '-' ? '<stdin>' : spec;
  let text: string;
  if (spec === '-') {
    text = await readAll(io.stdin ?? process.stdin);
  } else {
    try {
      text = await readFile(resolve(io.cwd ?? process.cwd(), spec), 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') throw new EdaError(`The ${what} file ${spec} does not exist.`);
      if (code === 'EISDIR') throw new EdaError(`${spec} is a directory, not a ${what} file.`);
      if (code === 'EACCES' || code === 'EPERM') throw new EdaError(`Cannot read the ${what} file ${spec}: permission denied.`);
      throw new EdaError(`Cannot read the ${what} file ${spec}: ${(error as Error).message}.`);
    }
  }
  const json = /\.json$/i.test(spec);
  try {
    return { label, doc: parseSource(text, { json }) };
  } catch (error) {
    if (error instanceof DocumentSyntaxError) {
      throw new EdaError(`${label}:${error.line}:${error.col}: the ${what} is not valid ${json ? 'JSON' : 'JSON or YAML'}: ${error.message}.`);
    }
    throw error;
  }
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

function report(ui: Ui, pattern: Loaded, problems: PatternProblem[]): void {
  const located = problems
    .map((p) => ({ ...p, ...pattern.doc.locate(p.path) }))
    .sort((a, b) => a.line - b.line || a.col - b.col);
  if (ui.json) {
    ui.out(
      JSON.stringify({
        matches: null,
        problems: located.map((p) => ({
          file: pattern.label,
          line: p.line,
          column: p.col,
          path: p.path,
          message: p.message,
          ...(p.hint ? { hint: p.hint } : {}),
        })),
      }),
    );
    return;
  }
  const c = ui.color;
  const blocks = located.map((p) => {
    const where = p.path.length > 0 ? ` (at ${formatPatternPath(p.path)})` : '';
    const lines = [`${c.bold(`${pattern.label}:${p.line}:${p.col}`)}: ${p.message}${c.dim(where)}`];
    const source = pattern.doc.line(p.line);
    if (source !== undefined && source.trim() !== '') {
      const gutter = String(p.line).padStart(4);
      lines.push(`${c.dim(`${gutter} | `)}${source}`);
      lines.push(`${c.dim(`${' '.repeat(4)} | `)}${' '.repeat(Math.max(0, p.col - 1))}${c.red('^')}`);
    }
    if (p.hint) lines.push(`${c.cyan('  hint: ')}${p.hint}`);
    return lines.join('\n');
  });
  ui.err(blocks.join('\n\n'));
  ui.err(c.red(`✖ invalid event pattern: ${problems.length} problem${problems.length === 1 ? '' : 's'}`));
}
