// Round-trip edits of app.yaml for `eda add` / `eda remove`.
//
// The yaml Document API re-stringifies a whole document when it writes, which would
// reflow the user's comments, quoting and flow/block choices. So an edit here never
// re-stringifies the file: it finds the spot through the node ranges of `parseDocument`,
// stringifies only the new entry (with `yaml`, never by pasting text), splices those lines
// into the original text at the right indentation, then parses the result again and checks
// that it means exactly what was intended. Everything outside the edited lines is kept
// byte for byte.
import {
  Document,
  isAlias,
  isCollection,
  isMap,
  isPair,
  isScalar,
  isSeq,
  parseDocument,
  visit,
  type Node,
  type Pair,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import { EdaError } from '../core/errors.js';

export type Path = (string | number)[];

export type EditOp =
  /** Add `key: value` to the mapping at `path` (created, with its parents, when missing). */
  | { op: 'insert'; path: Path; key: string; value: unknown; order?: readonly string[] }
  /** Append `item` to the sequence at `path` (created when missing). */
  | { op: 'append'; path: Path; item: unknown }
  /** Remove the pair (last segment a key) or the item (last segment an index) at `path`. */
  | { op: 'delete'; path: Path };

/** The order of top-level sections in the contract; new sections go in this order. */
export const sectionOrder = [
  '$schema',
  'name',
  'description',
  'runtime',
  'region',
  'defaults',
  'monitoring',
  'stages',
  'functions',
  'apis',
  'tables',
  'queues',
  'topics',
  'buses',
  'rules',
  'workflows',
  'buckets',
  'schedules',
  'resources',
  'overrides',
  'outputs',
] as const;

export class ManifestEditError extends EdaError {
  constructor(message: string, hint?: string) {
    super(message, hint ?? 'make this change by hand in app.yaml, then run `eda validate`');
    this.name = 'ManifestEditError';
  }
}

/** Applies the edits in order and returns the new text. Throws when app.yaml can't be edited safely. */
export function applyEdits(text: string, ops: EditOp[]): string {
  let out = text;
  for (const op of ops) out = applyEdit(out, op);
  return out;
}

export function applyEdit(text: string, op: EditOp): string {
  const before = parse(text);
  const expected = expectedAfter(before.toJS(), op);
  const editor = new Editor(text, before);
  const out = op.op === 'insert' ? editor.insert(op.path, op.key, op.value, op.order) : op.op === 'append' ? editor.append(op.path, op.item) : editor.delete(op.path);
  const after = parseDocument(out, { uniqueKeys: true });
  if (after.errors.length > 0 || !deepEqual(after.toJS(), expected)) {
    throw new ManifestEditError(`could not edit app.yaml without disturbing its formatting (${describe(op)})`);
  }
  return out;
}

/** The lines an edit added and removed, for dry runs: one hunk, with 1-based line numbers. */
export function lineChanges(before: string, after: string): { line: number; removed: string[]; added: string[] } {
  const a = before.split(/\r?\n/);
  const b = after.split(/\r?\n/);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  return { line: start + 1, removed: a.slice(start, endA), added: b.slice(start, endB) };
}

function describe(op: EditOp): string {
  const at = op.path.join('.');
  if (op.op === 'insert') return `adding ${[...op.path, op.key].join('.')}`;
  if (op.op === 'append') return `appending to ${at}`;
  return `removing ${at}`;
}

function parse(text: string): Document.Parsed {
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    throw new EdaError(`app.yaml is not valid YAML: ${e.message.split('\n')[0]}`, 'fix it first (`eda validate` shows where)');
  }
  return doc;
}

// ---------------------------------------------------------------------------------------
// What the document should mean after the edit (checked against a re-parse).

function expectedAfter(js: unknown, op: EditOp): unknown {
  const root = structuredClone(js ?? {}) as Record<string, unknown>;
  if (op.op === 'delete') {
    const parent = getAt(root, op.path.slice(0, -1));
    const last = op.path.at(-1)!;
    if (Array.isArray(parent) && typeof last === 'number') parent.splice(last, 1);
    else if (parent && typeof parent === 'object') delete (parent as Record<string, unknown>)[String(last)];
    return root;
  }
  let node: Record<string, unknown> = root;
  const path = op.op === 'append' ? op.path.slice(0, -1) : op.path;
  for (const seg of path) {
    const next = (node as Record<string | number, unknown>)[seg];
    if (next === null || next === undefined) (node as Record<string | number, unknown>)[seg] = {};
    node = (node as Record<string | number, unknown>)[seg] as Record<string, unknown>;
    if (typeof node !== 'object') throw new ManifestEditError(`${path.join('.')} is not a mapping`);
  }
  if (op.op === 'insert') {
    node[op.key] = structuredClone(op.value);
  } else {
    const key = op.path.at(-1)!;
    const list = node[key];
    node[key] = Array.isArray(list) ? [...list, structuredClone(op.item)] : [structuredClone(op.item)];
  }
  return root;
}

function getAt(root: unknown, path: Path): unknown {
  let node = root;
  for (const seg of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[seg];
  }
  return node;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') {
    return (a === null || a === undefined) && (b === null || b === undefined) ? a === b : false;
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.hasOwn(b as object, k) && deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

// ---------------------------------------------------------------------------------------
// The text editor.

interface Located {
  node: unknown;
  /** The pair whose value is `node` (absent at the root and for sequence items). */
  pair?: Pair;
  /** Whether `node` sits inside a flow collection (where block lines can't go). */
  inFlow: boolean;
}

class Editor {
  private readonly nl: string;
  private readonly unit: number;
  private readonly indentSeq: boolean;
  private blockDepth = 1;
  private readonly format: FlowFormat;

  constructor(
    private readonly text: string,
    private readonly doc: Document.Parsed,
  ) {
    this.nl = text.includes('\r\n') ? '\r\n' : '\n';
    const style = detectStyle(doc, text);
    this.unit = style.unit;
    this.indentSeq = style.indentSeq;
    this.format = style.format;
  }

  /** `blockDepth`: how many levels of the new value stay in block style (the entry itself). */
  insert(path: Path, key: string, value: unknown, order?: readonly string[], blockDepth = 1): string {
    this.blockDepth = blockDepth;
    const at = this.locate(path);
    if (at === undefined) {
      // The parent mapping is missing: add it, holding the new pair.
      const parentOrder = path.length === 1 ? sectionOrder : undefined;
      return this.insert(path.slice(0, -1), String(path.at(-1)), { [key]: value }, parentOrder, blockDepth + 1);
    }
    const { node, inFlow } = at;
    if (isMap(node)) {
      if (node.items.some((p) => keyOf(p) === key)) throw new ManifestEditError(`${[...path, key].join('.')} already exists`);
      if (node.flow) {
        if (node.items.length === 0 && !inFlow && at.pair) return this.replaceEmpty(at.pair, node, { [key]: value }, this.parentUnit(path, at.pair));
        return this.insertFlowPair(node, key, value);
      }
      if (node.items.length === 0) throw new ManifestEditError(`cannot add to the empty mapping at ${path.join('.')}`);
      return this.insertBlockPair(node, key, value, order ?? (path.length === 0 ? sectionOrder : undefined));
    }
    if (isEmptyValue(node)) {
      if (path.length === 0) return this.appendToEmptyDocument({ [key]: value });
      if (!at.pair) throw new ManifestEditError(`cannot add to ${path.join('.')}`);
      if (inFlow) return this.replaceFlowValue(node as Node | null, at.pair, { [key]: value });
      return this.replaceEmpty(at.pair, node as Node | null, { [key]: value }, this.parentUnit(path, at.pair));
    }
    throw new ManifestEditError(`${path.join('.') || 'the document'} is not a mapping`);
  }

  append(path: Path, item: unknown): string {
    const at = this.locate(path);
    if (at === undefined) return this.insert(path.slice(0, -1), String(path.at(-1)), [item], undefined, 2);
    const { node, inFlow } = at;
    if (isSeq(node)) {
      if (node.flow) {
        if (node.items.length === 0 && !inFlow && at.pair) return this.replaceEmpty(at.pair, node, [item]);
        return this.appendFlowItem(node, item);
      }
      if (node.items.length === 0) throw new ManifestEditError(`cannot add to the empty list at ${path.join('.')}`);
      return this.appendBlockItem(node, item);
    }
    if (isEmptyValue(node) && at.pair) {
      if (inFlow) return this.replaceFlowValue(node as Node | null, at.pair, [item]);
      return this.replaceEmpty(at.pair, node as Node | null, [item]);
    }
    throw new ManifestEditError(`${path.join('.')} is not a list`);
  }

  delete(path: Path): string {
    if (path.length === 0) throw new ManifestEditError('cannot delete the document');
    const parentAt = this.locate(path.slice(0, -1));
    const last = path.at(-1)!;
    const parent = parentAt?.node;
    if (isMap(parent)) {
      const index = parent.items.findIndex((p) => keyOf(p) === String(last));
      if (index < 0) throw new ManifestEditError(`${path.join('.')} does not exist`);
      return parent.flow ? this.deleteFlowItem(parent, index) : this.deleteBlockEntry(parent, index, parentAt!.pair);
    }
    if (isSeq(parent) && typeof last === 'number') {
      if (!parent.items[last]) throw new ManifestEditError(`${path.join('.')} does not exist`);
      return parent.flow ? this.deleteFlowItem(parent, last) : this.deleteBlockEntry(parent, last, parentAt!.pair);
    }
    throw new ManifestEditError(`${path.join('.')} does not exist`);
  }

  // --- finding things ---------------------------------------------------------------

  private locate(path: Path): Located | undefined {
    let node: unknown = this.doc.contents;
    let pair: Pair | undefined;
    let inFlow = false;
    for (const seg of path) {
      if (isCollection(node) && node.flow) inFlow = true;
      if (isMap(node)) {
        const found = node.items.find((p) => keyOf(p) === String(seg));
        if (!found) return undefined;
        pair = found;
        node = found.value;
      } else if (isSeq(node) && typeof seg === 'number') {
        if (seg >= node.items.length) return undefined;
        pair = undefined;
        node = node.items[seg];
      } else return undefined;
      if (isAlias(node)) throw new ManifestEditError(`${path.join('.')} is a YAML alias; edit it by hand`);
    }
    return { node, pair, inFlow };
  }

  // --- block insertion --------------------------------------------------------------

  private insertBlockPair(map: YAMLMap, key: string, value: unknown, order?: readonly string[]): string {
    const items = map.items;
    let after = items.length - 1;
    if (order && order.includes(key)) {
      const rank = (k: string | undefined) => (k !== undefined && order.includes(k) ? order.indexOf(k) : -1);
      const mine = order.indexOf(key);
      const before = items.map((p, i) => ({ i, r: rank(keyOf(p)) })).filter((x) => x.r >= 0 && x.r < mine);
      if (before.length > 0) after = before.at(-1)!.i;
    }
    const first = items[0]!;
    const col = this.column(startOf(first.key as Node));
    let at = this.entryEnd(items[after]!, col);
    const blank = this.usesBlankLines(map, col);
    const lines = this.blockLines({ [key]: value }, col, this.siblingUnit(items, col));
    let insert = (blank ? this.nl : '') + lines;
    if (at === this.text.length && !this.text.endsWith('\n')) {
      insert = this.nl + insert.slice(0, -this.nl.length);
    }
    // When inserting before later entries, keep their separation and comments after the new lines.
    at = Math.min(at, this.text.length);
    return this.text.slice(0, at) + insert + this.text.slice(at);
  }

  private appendBlockItem(seq: YAMLSeq, item: unknown): string {
    const items = seq.items as Node[];
    const dash = this.dashOffset(items[0]!);
    const col = this.column(dash);
    const at = this.itemEnd(items.at(-1)!, col);
    const lines = this.blockLines([item], col);
    let insert = lines;
    if (at === this.text.length && !this.text.endsWith('\n')) insert = this.nl + insert.slice(0, -this.nl.length);
    return this.text.slice(0, at) + insert + this.text.slice(at);
  }

  /** The indentation step used by the entries next to the pair at `path` (undefined: the document's). */
  private parentUnit(path: Path, pair: Pair): number | undefined {
    const parent = this.locate(path.slice(0, -1))?.node;
    if (!isMap(parent) || parent.flow) return undefined;
    return this.siblingUnit(parent.items, this.column(startOf(pair.key as Node)));
  }

  /** `key:` / `key: ~` / `key: {}` / `key: []` in block context becomes `key:` + block lines. */
  private replaceEmpty(pair: Pair, node: Node | null, value: unknown, unit = this.unit): string {
    const keyNode = pair.key as Node;
    const keyCol = this.column(startOf(keyNode));
    const isSeqValue = Array.isArray(value);
    const childCol = isSeqValue ? keyCol + (this.indentSeq ? unit : 0) : keyCol + unit;
    let text = this.text;
    let lineFrom = endOf(keyNode);
    if (node && node.range && node.range[1] > node.range[0]) {
      // Remove the `{}` / `[]` / `~` and the spaces before it, keep any comment after it.
      let from = node.range[0];
      while (from > 0 && (text[from - 1] === ' ' || text[from - 1] === '\t')) from--;
      text = text.slice(0, from) + text.slice(node.range[1]);
      lineFrom = from;
    }
    const lines = this.blockLines(value, childCol, unit);
    let at = lineEndAt(text, lineFrom);
    let insert = lines;
    if (at === text.length && !text.endsWith('\n')) insert = this.nl + insert.slice(0, -this.nl.length);
    return text.slice(0, at) + insert + text.slice(at);
  }

  private appendToEmptyDocument(value: Record<string, unknown>): string {
    const lines = this.blockLines(value, 0);
    if (this.text.length === 0) return lines;
    return this.text.endsWith('\n') ? this.text + lines : this.text + this.nl + lines;
  }

  // --- flow insertion ---------------------------------------------------------------

  private insertFlowPair(map: YAMLMap, key: string, value: unknown): string {
    const pairText = flowPair(key, value, this.format);
    return this.insertIntoFlow(map, pairText);
  }

  private appendFlowItem(seq: YAMLSeq, item: unknown): string {
    return this.insertIntoFlow(seq, flowValue(item, this.format));
  }

  private insertIntoFlow(node: YAMLMap | YAMLSeq, itemText: string): string {
    const [, end] = node.range!;
    const close = end - 1;
    if (this.text[close] !== '}' && this.text[close] !== ']') throw new ManifestEditError('unexpected flow collection');
    if (node.items.length === 0) {
      const open = node.range![0];
      return this.text.slice(0, open + 1) + ` ${itemText} ` + this.text.slice(close);
    }
    const lastItem = node.items.at(-1)!;
    const at = isPair(lastItem) ? contentEnd(lastItem.value as Node) ?? endOf(lastItem.key as Node) : contentEnd(lastItem as Node)!;
    return this.text.slice(0, at) + `, ${itemText}` + this.text.slice(at);
  }

  /** `key: ~` or an empty value inside a flow collection: replace it with a flow value. */
  private replaceFlowValue(node: Node | null, pair: Pair, value: unknown): string {
    const text = flowValue(value, this.format);
    if (node && node.range && node.range[1] > node.range[0]) return this.text.slice(0, node.range[0]) + text + this.text.slice(node.range[1]);
    const at = endOf(pair.key as Node);
    const colon = this.text.indexOf(':', at);
    return this.text.slice(0, colon + 1) + ' ' + text + this.text.slice(colon + 1);
  }

  // --- deletion ---------------------------------------------------------------------

  private deleteBlockEntry(parent: YAMLMap | YAMLSeq, index: number, parentPair: Pair | undefined): string {
    const isMapParent = isMap(parent);
    const entry = parent.items[index]!;
    const start = isMapParent ? startOf((entry as Pair).key as Node) : this.dashOffset(entry as Node);
    const col = this.column(start);
    const lineStart = lineStartAt(this.text, start);
    if (this.text.slice(lineStart, start).trim() !== '') {
      throw new ManifestEditError('the entry shares its line with another; edit it by hand');
    }
    let from = this.leadingComments(lineStart, col);
    let to = isMapParent ? this.entryEnd(entry as Pair, col) : this.itemEnd(entry as Node, col);
    if (parent.items.length === 1) {
      // The collection becomes empty: write it as `{}` / `[]` after its key.
      if (!parentPair) throw new ManifestEditError('cannot empty the document');
      const keyEnd = endOf(parentPair.key as Node);
      const colon = this.text.indexOf(':', keyEnd);
      const empty = isMapParent ? ' {}' : ' []';
      const head = this.text.slice(0, colon + 1) + empty + this.text.slice(colon + 1, from);
      return head + this.text.slice(to);
    }
    // Don't leave two blank lines where the entry was.
    const prevBlank = from === 0 || isBlankLine(this.text, lineStartAt(this.text, from - 1));
    if ((prevBlank || index === 0) && to < this.text.length && isBlankLine(this.text, to)) to = nextLine(this.text, to);
    else if (to >= this.text.length && from > 0 && prevBlank) from = lineStartAt(this.text, from - 1);
    let out = this.text.slice(0, from) + this.text.slice(to);
    if (to >= this.text.length && !this.text.endsWith('\n') && out.endsWith('\n')) out = out.replace(/\r?\n$/, '');
    return out;
  }

  private deleteFlowItem(parent: YAMLMap | YAMLSeq, index: number): string {
    const items = parent.items;
    const startOfItem = (i: number) => (isPair(items[i]) ? startOf((items[i] as Pair).key as Node) : startOf(items[i] as Node));
    const endOfItem = (i: number) => {
      const it = items[i]!;
      return isPair(it) ? (contentEnd(it.value as Node) ?? endOf(it.key as Node)) : contentEnd(it as Node)!;
    };
    if (items.length === 1) {
      const [open, end] = parent.range!;
      return this.text.slice(0, open + 1) + this.text.slice(end - 1);
    }
    if (index > 0) return this.text.slice(0, endOfItem(index - 1)) + this.text.slice(endOfItem(index));
    return this.text.slice(0, startOfItem(0)) + this.text.slice(startOfItem(1));
  }

  // --- geometry ---------------------------------------------------------------------

  private column(offset: number): number {
    return offset - lineStartAt(this.text, offset);
  }

  /** Where the `-` of a block sequence item is. */
  private dashOffset(item: Node): number {
    const start = startOf(item);
    const ls = lineStartAt(this.text, start);
    const dash = this.text.lastIndexOf('-', start);
    if (dash < ls) throw new ManifestEditError('unexpected list layout');
    return dash;
  }

  /** End of a map entry: the end of its last line, plus deeper-indented comment lines after it. */
  private entryEnd(pair: Pair, col: number): number {
    const end = contentEnd(pair.value as Node) ?? endOf(pair.key as Node);
    return this.trailingComments(lineEndAt(this.text, end), col);
  }

  private itemEnd(item: Node, col: number): number {
    return this.trailingComments(lineEndAt(this.text, contentEnd(item) ?? startOf(item)), col);
  }

  private trailingComments(from: number, col: number): number {
    let at = from;
    while (at < this.text.length) {
      const end = nextLine(this.text, at);
      const line = this.text.slice(at, end).replace(/\r?\n$/, '');
      const indent = line.length - line.trimStart().length;
      if (line.trimStart().startsWith('#') && indent > col) at = end;
      else break;
    }
    return at;
  }

  /** Comment lines right above an entry at its own indentation belong to it. */
  private leadingComments(lineStart: number, col: number): number {
    let at = lineStart;
    while (at > 0) {
      const prev = lineStartAt(this.text, at - 1);
      const line = this.text.slice(prev, at).replace(/\r?\n$/, '');
      const indent = line.length - line.trimStart().length;
      if (line.trimStart().startsWith('#') && indent === col) at = prev;
      else break;
    }
    return at;
  }

  /** Whether the entries of this block map are separated by blank lines. */
  private usesBlankLines(map: YAMLMap, col: number): boolean {
    const items = map.items;
    if (items.length < 2) return false;
    let blank = 0;
    for (let i = 1; i < items.length; i++) {
      const end = this.entryEnd(items[i - 1]!, col);
      const next = lineStartAt(this.text, startOf(items[i]!.key as Node));
      if (/\n[ \t]*\r?\n/.test('\n' + this.text.slice(end, next))) blank++;
    }
    return blank * 2 >= items.length - 1;
  }

  /** The indentation step the neighbouring entries use, when they show one. */
  private siblingUnit(items: Pair[], col: number): number | undefined {
    const votes = new Map<number, number>();
    for (const p of items) {
      const v = p.value;
      if (isMap(v) && !v.flow && v.items.length > 0) {
        const delta = this.column(startOf(v.items[0]!.key as Node)) - col;
        if (delta > 0) votes.set(delta, (votes.get(delta) ?? 0) + 1);
      }
    }
    return [...votes.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0];
  }

  /** `value` as block YAML lines at column `col`, each ending with a newline. */
  private blockLines(value: unknown, col: number, unit = this.unit): string {
    const doc = new Document(value);
    flowSmallLeaves(doc, this.blockDepth);
    const text = doc.toString({ ...this.format, indent: unit, indentSeq: this.indentSeq, lineWidth: 0 });
    const pad = ' '.repeat(col);
    return text
      .replace(/\n$/, '')
      .split('\n')
      .map((l) => (l.length > 0 ? pad + l : l) + this.nl)
      .join('');
  }
}

// ---------------------------------------------------------------------------------------

/**
 * Small mappings and lists of scalars deeper than `blockDepth` levels are written in flow
 * style (`dlq: { maxReceives: 5 }`, `detail-type: [OrderPlaced]`), the way people write them.
 */
export function flowSmallLeaves(doc: Document, blockDepth: number, width = 60): void {
  visit(doc, {
    Map(_, node, path) {
      const depth = path.filter((p) => isCollection(p)).length;
      if (isSeq(path.at(-1)) || depth <= blockDepth) return;
      const leaves = node.items.every((p) => isScalar(p.value) || (isSeq(p.value) && p.value.items.every(isScalar)));
      if (node.items.length > 0 && leaves && flowValue(node.toJSON()).length <= width) node.flow = true;
    },
    Seq(_, node) {
      if (node.items.length > 0 && node.items.every(isScalar) && flowValue(node.toJSON()).length <= width) node.flow = true;
    },
  });
}

/** A value as one line of flow YAML. */
export function flowValue(value: unknown, format: FlowFormat = {}): string {
  const doc = new Document(value);
  visit(doc, {
    Map(_, n) {
      n.flow = true;
    },
    Seq(_, n) {
      n.flow = true;
    },
  });
  return doc.toString({ ...format, lineWidth: 0 }).trimEnd();
}

/** How the file writes flow collections and quoted strings, so new text looks like its neighbours. */
export interface FlowFormat {
  flowCollectionPadding?: boolean;
  singleQuote?: boolean;
}

function flowPair(key: string, value: unknown, format: FlowFormat): string {
  const text = flowValue({ [key]: value }, format);
  return text.slice(1, -1).trim();
}

function detectStyle(doc: Document.Parsed, text: string): { unit: number; indentSeq: boolean; format: FlowFormat } {
  let padded = 0;
  let tight = 0;
  let single = 0;
  let double = 0;
  visit(doc, {
    Scalar(_, node) {
      if (node.type === 'QUOTE_SINGLE') single++;
      else if (node.type === 'QUOTE_DOUBLE') double++;
    },
    Collection(_, node) {
      if (!node.flow || node.items.length === 0 || !node.range) return;
      if (/\s/.test(text[node.range[0] + 1] ?? '')) padded++;
      else tight++;
    },
  });
  const format: FlowFormat = { flowCollectionPadding: tight <= padded, singleQuote: single > double };
  const units = new Map<number, number>();
  let indentSeq: boolean | undefined;
  const col = (offset: number) => offset - lineStartAt(text, offset);
  visit(doc, {
    Pair(_, pair) {
      if (!isPair(pair)) return;
      const key = pair.key as Node | null;
      const value = pair.value as Node | null;
      if (!key?.range || !value || !isCollection(value) || value.flow || value.items.length === 0) return;
      if (isMap(value)) {
        const first = value.items[0]!;
        const delta = col(startOf(first.key as Node)) - col(startOf(key));
        if (delta > 0) units.set(delta, (units.get(delta) ?? 0) + 1);
      }
      if (indentSeq === undefined && isSeq(value)) {
        const item = value.items[0] as Node;
        const start = startOf(item);
        const dash = text.lastIndexOf('-', start);
        if (dash >= 0) indentSeq = col(dash) > col(startOf(key));
      }
      return undefined;
    },
  });
  // The step most entries use (a file may mix them).
  const unit = [...units.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0];
  return { unit: unit ?? 2, indentSeq: indentSeq ?? true, format };
}

function keyOf(pair: unknown): string | undefined {
  if (!isPair(pair)) return undefined;
  const key = pair.key;
  if (isScalar(key)) return String(key.value);
  return typeof key === 'string' ? key : undefined;
}

function isEmptyValue(node: unknown): boolean {
  return node === null || node === undefined || (isScalar(node) && (node.value === null || node.value === undefined));
}

function startOf(node: Node): number {
  if (!node?.range) throw new ManifestEditError('unexpected YAML structure');
  return node.range[0];
}

function endOf(node: Node): number {
  if (!node?.range) throw new ManifestEditError('unexpected YAML structure');
  return node.range[1];
}

/** Just after the last character of real content in a node (not its trailing comments). */
function contentEnd(node: Node | null | undefined): number | undefined {
  if (!node || !node.range) return undefined;
  if (isScalar(node) || isAlias(node)) return node.range[1] > node.range[0] ? node.range[1] : undefined;
  if (isCollection(node)) {
    if (node.flow || node.items.length === 0) return node.range[1];
    const last = node.items.at(-1)!;
    if (isPair(last)) return contentEnd(last.value as Node) ?? endOf(last.key as Node);
    return contentEnd(last as Node);
  }
  return (node as { range: [number, number, number] }).range[1];
}

function lineStartAt(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The start of the next line after `offset` (or the end of the text). At a line start, stays. */
function lineEndAt(text: string, offset: number): number {
  if (offset > 0 && text[offset - 1] === '\n') return offset;
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl + 1;
}

/** The start of the line after the one that starts at `lineStart`. */
function nextLine(text: string, lineStart: number): number {
  const nl = text.indexOf('\n', lineStart);
  return nl < 0 ? text.length : nl + 1;
}

function isBlankLine(text: string, lineStart: number): boolean {
  const end = nextLine(text, lineStart);
  return end > lineStart && text.slice(lineStart, end).trim() === '';
}
