// A new app.yaml, built as data and serialized with `yaml`: the object, plus comments that
// explain it to the person who will grow it.
import { Document, isCollection, isMap, isPair, isScalar, type Node } from 'yaml';
import { flowSmallLeaves } from '../manifest/edit.js';

export const MODELINE = 'yaml-language-server: $schema=./node_modules/eda/schema/app.schema.json';

export interface ManifestNotes {
  /** Comment lines above a key, by dotted path ("functions.createOrder"). */
  above?: Record<string, string>;
  /** A comment after a scalar value on its line, by dotted path ("runtime"). */
  inline?: Record<string, string>;
}

/** Serializes a manifest: the schema modeline first, a blank line between top-level sections. */
export function manifestText(manifest: Record<string, unknown>, notes: ManifestNotes = {}): string {
  const doc = new Document(manifest, { aliasDuplicateObjects: false });
  doc.commentBefore = ` ${MODELINE}`;
  flowSmallLeaves(doc, 2, 80);
  const root = doc.contents;
  if (isMap(root)) {
    root.items.forEach((pair, i) => {
      const key = pair.key as Node;
      if (i > 0 && isCollection(pair.value)) key.spaceBefore = true;
      else if (i > 0 && isCollection(root.items[i - 1]!.value)) key.spaceBefore = true;
      // Sections of bigger entries read better with a blank line between entries.
      const section = pair.value;
      if (isMap(section) && section.items.some((e) => isMap(e.value) && e.value.items.length >= 2)) {
        section.items.forEach((entry, j) => {
          if (j > 0) (entry.key as Node).spaceBefore = true;
        });
      }
    });
  }
  for (const [dotted, text] of Object.entries(notes.above ?? {})) {
    const key = keyNode(doc, dotted.split('.'));
    if (key) key.commentBefore = text.split('\n').map((l) => ` ${l}`).join('\n');
  }
  for (const [dotted, text] of Object.entries(notes.inline ?? {})) {
    const value = doc.getIn(dotted.split('.'), true);
    if (isScalar(value)) value.comment = ` ${text}`;
  }
  return doc.toString({ lineWidth: 0 });
}

function keyNode(doc: Document, path: string[]): Node | undefined {
  let node: unknown = doc.contents;
  let key: Node | undefined;
  for (const seg of path) {
    if (!isMap(node)) return undefined;
    const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === seg);
    if (!pair) return undefined;
    key = pair.key as Node;
    node = pair.value;
  }
  return key;
}
