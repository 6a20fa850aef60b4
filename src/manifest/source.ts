// A parsed YAML file that can answer "where is this path?" for diagnostics.
// The yaml package (positions, comments) is loaded only when a file is read this way: the happy
// path of synth parses app.yaml with the much faster js-yaml and never needs positions.
import { createRequire } from 'node:module';
import type { Document, LineCounter, Node } from 'yaml';
import type { Diagnostic } from '../core/diagnostics.js';
import { explainYamlErrors, type YamlError } from './yaml-errors.js';

type YamlModule = typeof import('yaml');
let yamlModule: YamlModule | undefined;
export function yaml(): YamlModule {
  return (yamlModule ??= createRequire(import.meta.url)('yaml') as YamlModule);
}

export type Path = (string | number)[];

export interface Located {
  line: number;
  col: number;
}

/** Line breaks as YAML counts them: CR LF, LF, or a CR on its own. */
const LINE_BREAK = /\r\n|\r|\n/g;

/** Offsets where each line starts. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (const m of text.matchAll(LINE_BREAK)) starts.push(m.index + m[0].length);
  return starts;
}

/** 1-based line and column of an offset, given lineStarts(text). */
export function positionIn(starts: number[], offset: number): Located {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, col: offset - starts[lo]! + 1 };
}

export class SourceFile {
  readonly lineCounter: LineCounter;
  readonly doc: Document.Parsed;
  private readonly lines: string[];
  private readonly starts: number[];

  constructor(
    readonly file: string,
    readonly text: string,
  ) {
    const { LineCounter, parseDocument } = yaml();
    this.lineCounter = new LineCounter();
    // A CR on its own ends a line in YAML; the yaml package reads only LF and CR LF, so lone CRs
    // become LFs (same length: every offset stays where it was).
    this.doc = parseDocument(text.replace(/\r(?!\n)/g, '\n'), { lineCounter: this.lineCounter, prettyErrors: false, uniqueKeys: false, keepSourceTokens: false });
    this.lines = text.split(LINE_BREAK);
    this.starts = lineStarts(text);
  }

  /** YAML syntax errors (and duplicate keys), positioned at their cause. */
  syntaxDiagnostics(): Diagnostic[] {
    const out: Diagnostic[] = [];
    const errors: YamlError[] = [];
    for (const e of [...this.doc.errors, ...this.doc.warnings]) {
      if (tooDeep(e)) out.push(this.diagnostic(this.positionOf(e.pos[0]), NESTED_TOO_DEEPLY, { code: 'yaml-depth', hint: NESTED_HINT }));
      else errors.push({ code: e.code, message: e.message, pos: e.pos, warning: e.name === 'YAMLWarning' });
    }
    for (const e of explainYamlErrors(this.text, errors)) {
      out.push(this.diagnostic(this.positionOf(e.offset), e.message, { code: e.code, hint: e.hint, severity: e.warning ? 'warning' : 'error' }));
    }
    return [...out, ...this.duplicateKeys()];
  }

  /**
   * Keys written twice in one mapping, found in one pass (the yaml package's own check compares
   * every key with every other: quadratic in the size of a mapping). Walks without recursion.
   */
  private duplicateKeys(): Diagnostic[] {
    const { isMap, isPair, isScalar, isSeq } = yaml();
    const found: Diagnostic[] = [];
    const stack: unknown[] = [this.doc.contents];
    while (stack.length) {
      const node = stack.pop();
      if (isSeq(node)) stack.push(...node.items);
      else if (isMap(node)) {
        const seen = new Map<string, number>();
        for (const pair of node.items) {
          if (!isPair(pair)) continue;
          stack.push(pair.value);
          const key = pair.key as Node | null;
          if (!isScalar(key) || !key.range) continue;
          const name = String(key.value);
          const first = seen.get(name);
          if (first === undefined) seen.set(name, key.range[0]);
          else {
            found.push(
              this.diagnostic(this.positionOf(key.range[0]), `key '${name}' appears twice in this mapping (first on line ${this.positionOf(first).line})`, {
                code: 'yaml-duplicate_key',
                hint: 'each key may appear once in a mapping; merge the two entries or rename one',
              }),
            );
          }
        }
      }
    }
    return found;
  }

  positionOf(offset: number): Located {
    return positionIn(this.starts, Math.max(0, Math.min(offset, this.text.length)));
  }

  /**
   * The position of the value at `path` (or of its key, when `key` is set). Walks up to
   * the nearest existing ancestor when the path does not exist (e.g. a missing key).
   */
  locate(path: Path, at: 'key' | 'value' = 'value'): Located {
    const { isMap, isPair, isSeq } = yaml();
    let node: unknown = this.doc.contents;
    let keyNode: Node | undefined;
    let lastGood: Located = { line: 1, col: 1 };
    let lastKey: Located | undefined;
    for (const segment of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && keyValue(p.key) === String(segment));
        if (!pair) break;
        keyNode = pair.key as Node;
        node = pair.value;
        lastKey = keyNode?.range ? this.positionOf(keyNode.range[0]) : lastKey;
        const valueNode = node as Node | null;
        lastGood = valueNode?.range ? this.positionOf(valueNode.range[0]) : (lastKey ?? lastGood);
      } else if (isSeq(node) && typeof segment === 'number') {
        const item = node.items[segment] as Node | undefined;
        if (!item) break;
        node = item;
        keyNode = undefined;
        lastKey = undefined;
        lastGood = item.range ? this.positionOf(item.range[0]) : lastGood;
      } else break;
    }
    if (at === 'key' && lastKey) return lastKey;
    return lastGood;
  }

  /** Whether the node at path exists. */
  has(path: Path): boolean {
    return this.doc.hasIn(path);
  }

  /** The scalar node at path, for column arithmetic inside strings. */
  scalarAt(path: Path): { offset: number; quoted: boolean; multiline: boolean } | undefined {
    const node = this.doc.getIn(path, true);
    if (!yaml().isScalar(node) || !node.range) return undefined;
    const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
    const raw = this.text.slice(node.range[0], node.range[1]);
    return { offset: node.range[0] + (quoted ? 1 : 0), quoted, multiline: raw.includes('\n') || node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED' };
  }

  /**
   * Where the character `offset` into the value of a literal block scalar (`|`) at path is: its
   * content lines are the value's lines, each indented alike. Undefined for any other node.
   */
  literalPosition(path: Path, offset: number): Located | undefined {
    const node = this.doc.getIn(path, true);
    if (!yaml().isScalar(node) || !node.range || node.type !== 'BLOCK_LITERAL' || typeof node.value !== 'string') return undefined;
    const before = node.value.slice(0, offset);
    const index = before.split('\n').length - 1;
    const header = this.positionOf(node.range[0]).line;
    const contentLines = this.lines.slice(header, header + index + 1);
    const first = this.lines.slice(header).find((l) => l.trim() !== '');
    const indent = first ? first.length - first.trimStart().length : 0;
    if (contentLines.length <= index) return undefined;
    return { line: header + index + 1, col: indent + (offset - (before.lastIndexOf('\n') + 1)) + 1 };
  }

  sourceLine(line: number): string | undefined {
    return this.lines[line - 1];
  }

  diagnostic(
    at: Located,
    message: string,
    extra: { hint?: string; code: string; severity?: 'error' | 'warning' | 'hint'; path?: Path },
  ): Diagnostic {
    return {
      file: this.file,
      line: at.line,
      col: at.col,
      message,
      hint: extra.hint,
      severity: extra.severity ?? 'error',
      source: this.sourceLine(at.line),
      path: extra.path,
      code: extra.code,
    };
  }
}

/** Most levels of nesting eda reads; deeper YAML is refused before anything walks it. */
export const MAX_DEPTH = 100;
export const NESTED_TOO_DEEPLY = `nested too deeply: more than ${MAX_DEPTH} levels of mappings and lists`;
export const NESTED_HINT = 'flatten this part of the file; no app needs this many levels';

/** A parser error that is JavaScript running out of stack on deep nesting. */
export function tooDeep(error: unknown): boolean {
  return error instanceof RangeError || /Maximum call stack size exceeded/.test(String((error as Error)?.message ?? error));
}

/** The path to the first value nested deeper than MAX_DEPTH (walked without recursion), if any. */
export function deepPath(value: unknown): Path | undefined {
  if (!reachesMaxDepth(value)) return undefined;
  const stack: { value: unknown; path: Path }[] = [{ value, path: [] }];
  while (stack.length) {
    const { value: v, path } = stack.pop()!;
    if (!v || typeof v !== 'object') continue;
    if (path.length >= MAX_DEPTH) return path;
    if (Array.isArray(v)) v.forEach((item, i) => stack.push({ value: item, path: [...path, i] }));
    else for (const [k, item] of Object.entries(v)) stack.push({ value: item, path: [...path, k] });
  }
  return undefined;
}

/** Whether any mapping or list lies MAX_DEPTH levels down: a walk that keeps depths, not paths
 * (deepPath then finds the path only for a document that is too deep). */
function reachesMaxDepth(value: unknown): boolean {
  const values: unknown[] = [value];
  const depths: number[] = [0];
  while (values.length) {
    const v = values.pop();
    const depth = depths.pop()!;
    if (!v || typeof v !== 'object') continue;
    if (depth >= MAX_DEPTH) return true;
    for (const item of Array.isArray(v) ? v : Object.values(v)) {
      if (item && typeof item === 'object') {
        values.push(item);
        depths.push(depth + 1);
      }
    }
  }
  return false;
}

function keyValue(key: unknown): string | undefined {
  if (yaml().isScalar(key)) return String((key as { value: unknown }).value);
  return typeof key === 'string' ? key : undefined;
}
