// YAML syntax errors in the user's words, at the token that causes them. The yaml package notices
// an unclosed `[`, `{` or quote only where the file ends or the block resumes, and a mis-indented
// key at the start of its line; these find the opening bracket or quote, and the key, instead.

export interface YamlError {
  code: string;
  message: string;
  pos: [number, number];
  warning?: boolean;
}

export interface Explained {
  offset: number;
  message: string;
  hint?: string;
  code: string;
  warning?: boolean;
}

/** Explains the yaml package's errors for `text` (each once, at its cause). */
export function explainYamlErrors(text: string, errors: YamlError[]): Explained[] {
  const out: Explained[] = [];
  const seen = new Set<string>();
  const open = lazyOpen(text);
  for (const e of errors) {
    const explained = explainOne(text, e, open);
    const key = `${explained.offset}|${explained.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(explained);
  }
  return out;
}

function explainOne(text: string, e: YamlError, open: () => Unclosed | undefined): Explained {
  const code = `yaml-${e.code}`.toLowerCase();
  const plain = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  if (/must be sufficiently indented and end with a [\]}]|Missing closing ["']quote|^Flow (map|sequence) must end with a [\]}]$/.test(plain)) {
    const u = open();
    if (u) return { offset: u.offset, code, ...describeUnclosed(text, u) };
  }
  if (/All mapping items must start at the same column/.test(plain)) {
    const indent = indentation(text, e.pos[0]);
    if (indent) return { offset: indent.offset, code, message: indent.message, hint: indent.hint };
  }
  if (e.code === 'TAB_AS_INDENT') {
    const tab = text.indexOf('\t', lineStart(text, e.pos[0]));
    return { offset: tab >= 0 ? tab : e.pos[0], code, message: 'a tab indents this line; YAML allows only spaces for indentation', hint: 'replace the tab with spaces' };
  }
  return { offset: e.pos[0], code, message: plain, hint: yamlHint(e.code), warning: e.warning };
}

interface Unclosed {
  char: string;
  offset: number;
  /** How many brackets are open at that point (for a flow collection). */
  depth: number;
  /** Offset of the line where the block resumes while the bracket is still open. */
  resumes?: number;
}

function describeUnclosed(text: string, u: Unclosed): { message: string; hint: string } {
  if (u.char === '"' || u.char === "'") {
    return { message: `the string opened with ${u.char} here is never closed`, hint: `end the string with ${u.char} on the same line, or remove the opening ${u.char}` };
  }
  const close = u.char === '[' ? ']' : '}';
  const what = u.char === '[' ? 'list' : 'mapping';
  const where = u.resumes !== undefined ? ` before line ${lineOf(text, u.resumes)}` : ' before the end of the file';
  return {
    message: `the ${what} opened with ${u.char} here is never closed`,
    hint: `add ${u.depth > 1 ? 'the missing closing brackets' : close}${where}${u.depth > 1 ? ` (${u.depth} are open)` : ''}`,
  };
}

function lazyOpen(text: string): () => Unclosed | undefined {
  let done = false;
  let found: Unclosed | undefined;
  return () => {
    if (!done) found = firstUnclosed(text);
    done = true;
    return found;
  };
}

/**
 * The first bracket or quote left open: scans the text as YAML reads flow collections and quoted
 * strings (skipping comments and block scalars), and reports a bracket still open when a line
 * comes back to the indentation of the line that opened it, or a quote open at the end.
 */
export function firstUnclosed(text: string): Unclosed | undefined {
  const stack: { char: string; offset: number; indent: number }[] = [];
  let quote: { char: string; offset: number } | undefined;
  let valueStart = true;
  let lineIndent = 0;
  let blockScalarIndent: number | undefined;
  let i = 0;
  while (i < text.length) {
    // Start of a line.
    let indent = 0;
    while (text[i + indent] === ' ') indent++;
    const lineEnd = nextBreak(text, i);
    const content = text.slice(i + indent, lineEnd);
    const blank = content.trim() === '' || content.startsWith('#');
    if (!quote && blockScalarIndent !== undefined && (blank || indent > blockScalarIndent)) {
      i = skipBreak(text, lineEnd);
      continue;
    }
    blockScalarIndent = undefined;
    if (!quote && !blank) {
      if (stack.length && indent <= stack[0]!.indent) return { char: stack[0]!.char, offset: stack[0]!.offset, depth: stack.length, resumes: i + indent };
      if (!stack.length) lineIndent = indent;
    }
    if (!quote && !stack.length) valueStart = true;
    for (let j = i + indent; j < lineEnd; j++) {
      const ch = text[j]!;
      if (quote) {
        if (quote.char === '"' && ch === '\\') j++;
        else if (ch === quote.char && quote.char === "'" && text[j + 1] === "'") j++;
        else if (ch === quote.char) {
          quote = undefined;
          valueStart = false;
        }
        continue;
      }
      if (ch === '#' && (j === i + indent || text[j - 1] === ' ' || text[j - 1] === '\t')) break;
      if (ch === ' ' || ch === '\t') continue;
      if ((ch === '"' || ch === "'") && valueStart) {
        quote = { char: ch, offset: j };
        continue;
      }
      if ((ch === '[' || ch === '{') && (valueStart || stack.length)) {
        stack.push({ char: ch, offset: j, indent: lineIndent });
        valueStart = true;
        continue;
      }
      if ((ch === ']' || ch === '}') && stack.length) {
        stack.pop();
        valueStart = false;
        continue;
      }
      const next = text[j + 1];
      const spaced = next === undefined || next === ' ' || next === '\t' || next === '\n' || next === '\r';
      if (ch === ',' && stack.length) valueStart = true;
      else if ((ch === ':' || ch === '-' || ch === '?') && spaced) valueStart = true;
      else if ((ch === '|' || ch === '>') && valueStart && !stack.length && /^[|>][-+0-9]*\s*(#.*)?$/.test(text.slice(j, lineEnd))) {
        blockScalarIndent = indent;
        break;
      } else valueStart = false;
    }
    i = skipBreak(text, lineEnd);
  }
  if (quote) return { char: quote.char, offset: quote.offset, depth: 1 };
  if (stack.length) return { char: stack[0]!.char, offset: stack[0]!.offset, depth: stack.length };
  return undefined;
}

/** A key whose indentation matches neither the mapping above it nor that mapping's parent. */
function indentation(text: string, pos: number): { offset: number; message: string; hint: string } | undefined {
  const start = lineStart(text, pos);
  const lines = linesBefore(text, start);
  const line = text.slice(start, nextBreak(text, start));
  const n = line.length - line.trimStart().length;
  const key = keyOf(line);
  if (!key) return undefined;
  let deeper: { key: string; indent: number; line: number } | undefined;
  let parent: { key: string; indent: number; line: number } | undefined;
  for (const l of lines) {
    const k = keyOf(l.text);
    if (!k) continue;
    const indent = l.text.length - l.text.trimStart().length;
    if (indent > n && !deeper) deeper = { key: k, indent, line: l.line };
    if (indent < n) {
      parent = { key: k, indent, line: l.line };
      break;
    }
  }
  const options = [deeper && `${deeper.indent} to put it beside '${deeper.key}' (line ${deeper.line})`, parent && `${parent.indent} to put it beside '${parent.key}' (line ${parent.line})`].filter(Boolean);
  return {
    offset: start + n,
    message: `'${key}' is indented ${n} space${n === 1 ? '' : 's'}, which lines it up with no other key`,
    hint: options.length ? `indent it by ${options.join(', or ')}` : 'line it up with the keys it belongs with',
  };
}

function keyOf(line: string): string | undefined {
  const m = /^\s*(?:-\s+)?(["']?)([^\s:#"'][^:#]*?)\1\s*:(\s|$)/.exec(line);
  return m?.[2];
}

/** Previous lines, nearest first, skipping blank and comment lines. */
function linesBefore(text: string, start: number): { text: string; line: number }[] {
  const before = text.slice(0, start).split(/\r\n|\r|\n/);
  before.pop();
  const out: { text: string; line: number }[] = [];
  for (let k = before.length - 1; k >= 0; k--) {
    const t = before[k]!;
    if (t.trim() === '' || t.trimStart().startsWith('#')) continue;
    out.push({ text: t, line: k + 1 });
  }
  return out;
}

function nextBreak(text: string, from: number): number {
  for (let j = from; j < text.length; j++) if (text[j] === '\n' || text[j] === '\r') return j;
  return text.length;
}

function skipBreak(text: string, at: number): number {
  if (text[at] === '\r' && text[at + 1] === '\n') return at + 2;
  return at + 1;
}

function lineStart(text: string, pos: number): number {
  let j = Math.min(pos, text.length);
  while (j > 0 && text[j - 1] !== '\n' && text[j - 1] !== '\r') j--;
  return j;
}

function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split(/\r\n|\r|\n/).length;
}

/**
 * `timeout:3` where a mapping belongs: YAML reads it as one string, because a key's colon needs
 * a space after it. Returns the colon's index in the string, or undefined.
 */
export function colonWithoutSpace(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^[^\s:#'"[\]{},]+:(?=[^\s/])/.exec(value);
  return m ? m[0].length - 1 : undefined;
}

export function yamlHint(code: string): string | undefined {
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
