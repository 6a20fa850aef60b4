// Reads a pattern or event from JSON or YAML text and maps a path inside the
// value back to a line and column, for positioned error messages.

import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';

export interface Position {
  line: number; // 1-based
  col: number; // 1-based
}

export interface SourceDocument {
  value: unknown;
  /** Where the part at `path` starts (a map key when the path ends in one). */
  locate(path: readonly (string | number)[]): Position;
  /** The text of a 1-based line, for a code frame. */
  line(n: number): string | undefined;
}

/** The text is not JSON or YAML (or is empty); line/col say where it went wrong. */
export class DocumentSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly col: number,
  ) {
    super(message);
    this.name = 'DocumentSyntaxError';
  }
}

export interface ParseOptions {
  /** Accept only JSON (for .json files); otherwise YAML is accepted too. */
  json?: boolean;
}

export function parseSource(text: string, options: ParseOptions = {}): SourceDocument {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') throw new DocumentSyntaxError('it is empty', 1, 1);
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false });
  const lines = text.split(/\r?\n/);

  let value: unknown;
  if (options.json || /^\s*[[{]/.test(text)) {
    // JSON is the common case: let JSON.parse decide, so JSON that YAML reads
    // differently (tabs, odd escapes) is still taken as JSON.
    try {
      value = JSON.parse(text);
    } catch (error) {
      if (options.json || doc.errors.length > 0) throw jsonError(error, text, doc.errors[0]?.linePos?.[0]);
      value = doc.toJS();
    }
  } else {
    const first = doc.errors[0];
    if (first) {
      const pos = first.linePos?.[0] ?? { line: 1, col: 1 };
      throw new DocumentSyntaxError(first.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, ''), pos.line, pos.col);
    }
    value = doc.toJS();
  }

  const position = (offset: number | undefined): Position => {
    if (offset === undefined) return { line: 1, col: 1 };
    const { line, col } = lineCounter.linePos(offset);
    return { line, col };
  };

  return {
    value,
    line: (n) => lines[n - 1],
    locate(path) {
      let node: unknown = doc.contents;
      let at = position((doc.contents as YamlNode | null)?.range?.[0]);
      for (let i = 0; i < path.length; i++) {
        const seg = path[i]!;
        if (isMap(node)) {
          const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
          if (!pair) return at;
          const keyNode = pair.key as YamlNode;
          if (i === path.length - 1) return position(keyNode.range?.[0]);
          node = pair.value;
          at = position((pair.value as YamlNode | null)?.range?.[0] ?? keyNode.range?.[0]);
        } else if (isSeq(node) && typeof seg === 'number') {
          const item = node.items[seg] as YamlNode | undefined;
          if (!item) return at;
          node = item;
          at = position(item.range?.[0]);
        } else {
          return at;
        }
      }
      return at;
    },
  };
}

function jsonError(error: unknown, text: string, yamlPos: Position | undefined): DocumentSyntaxError {
  const message = error instanceof Error ? error.message : String(error);
  const match = /at position (\d+)/.exec(message);
  let pos: Position = yamlPos ?? { line: 1, col: 1 };
  if (match) {
    const before = text.slice(0, Number(match[1])).split(/\r?\n/);
    pos = { line: before.length, col: before[before.length - 1]!.length + 1 };
  } else if (/end of JSON input/i.test(message)) {
    const all = text.replace(/\s+$/, '').split(/\r?\n/);
    pos = { line: all.length, col: all[all.length - 1]!.length + 1 };
  }
  const clean = message
    .replace(/ in JSON at position \d+.*$/s, '')
    .replace(/, ".*" is not valid JSON$/s, '')
    .replace(/^JSON\.parse: /, '');
  return new DocumentSyntaxError(clean.charAt(0).toLowerCase() + clean.slice(1), pos.line, pos.col);
}
