// A parsed YAML file that can answer "where is this path?" for diagnostics.
// The yaml package (positions, comments) is loaded only when a file is read this way: the happy
// path of synth parses app.yaml with the much faster js-yaml and never needs positions.
import { createRequire } from 'node:module';
import type { Document, LineCounter, Node } from 'yaml';
import type { Diagnostic } from './diagnostics.js';

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

export class SourceFile {
  readonly lineCounter: LineCounter;
  readonly doc: Document.Parsed;
  private readonly lines: string[];

  constructor(
    readonly file: string,
    readonly text: string,
  ) {
    const { LineCounter, parseDocument } = yaml();
    this.lineCounter = new LineCounter();
    this.doc = parseDocument(text, { lineCounter: this.lineCounter, prettyErrors: false, uniqueKeys: true, keepSourceTokens: false });
    this.lines = text.split(/\r?\n/);
  }

  /** YAML syntax errors (and duplicate keys), positioned. */
  syntaxDiagnostics(): Diagnostic[] {
    return [...this.doc.errors, ...this.doc.warnings].map((e) => {
      const at = this.positionOf(e.pos[0]);
      const message = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
      return this.diagnostic(at, message, {
        code: `yaml-${e.code}`.toLowerCase(),
        hint: yamlHint(e.code),
        severity: e.name === 'YAMLWarning' ? 'warning' : 'error',
      });
    });
  }

  positionOf(offset: number): Located {
    const { line, col } = this.lineCounter.linePos(Math.min(offset, this.text.length));
    return { line, col };
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

  sourceLine(line: number): string | undefined {
    return this.lines[line - 1];
  }

  diagnostic(
    at: Located,
    message: string,
    extra: { hint?: string; code: string; severity?: 'error' | 'warning'; path?: Path },
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

function keyValue(key: unknown): string | undefined {
  if (yaml().isScalar(key)) return String((key as { value: unknown }).value);
  return typeof key === 'string' ? key : undefined;
}

function yamlHint(code: string): string | undefined {
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'each key may appear once in a mapping; merge the two entries or rename one';
    case 'BAD_INDENT':
    case 'MISSING_CHAR':
      return 'check the indentation: nested keys need more spaces than their parent, and tabs are not allowed';
    case 'TAB_AS_INDENT':
      return 'YAML does not allow tabs for indentation; use spaces';
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      return 'a key must fit on one line; is a colon or quote missing on the line before?';
    case 'UNEXPECTED_TOKEN':
      return 'quote values that contain YAML punctuation such as ": ", "#", "{" or "["';
    default:
      return undefined;
  }
}
