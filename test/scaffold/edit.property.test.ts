// Property: on hand-written files of many shapes, adding an entry changes only the added
// lines, and removing it again gives back the very same bytes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { applyEdit, lineChanges } from '../../src/manifest/edit.js';

interface Section {
  name: string;
  flow: boolean;
  entries: { name: string; value: string; comment: boolean }[];
  blank: boolean;
  comment: boolean;
}

const entryName = fc.stringMatching(/^[a-z][a-z0-9]{0,6}$/);
const value = fc.constantFrom('{}', '{ fifo: true }', '{fifo: true}', 'nested');

const sectionArb = fc.record({
  name: fc.constantFrom('queues', 'topics', 'tables', 'buses'),
  flow: fc.boolean(),
  entries: fc.uniqueArray(fc.record({ name: entryName, value, comment: fc.boolean() }), { minLength: 1, maxLength: 4, selector: (e) => e.name }),
  blank: fc.boolean(),
  comment: fc.boolean(),
});

const fileArb = fc.record({
  sections: fc.uniqueArray(sectionArb, { minLength: 1, maxLength: 4, selector: (s) => s.name }),
  indent: fc.constantFrom(2, 4),
  trailingNewline: fc.boolean(),
  crlf: fc.boolean(),
  headerComment: fc.boolean(),
});

interface File {
  sections: Section[];
  indent: number;
  trailingNewline: boolean;
  crlf: boolean;
  headerComment: boolean;
}

function render(file: File): string {
  const pad = ' '.repeat(file.indent);
  const lines: string[] = [];
  if (file.headerComment) lines.push('# a hand-written app', '');
  lines.push('name:   shop   # the app');
  for (const s of file.sections) {
    lines.push('');
    if (s.comment) lines.push(`# the ${s.name}`);
    if (s.flow) {
      lines.push(`${s.name}: {${s.entries.map((e) => `${e.name}: ${e.value === 'nested' ? '{dlq: {maxReceives: 3}}' : e.value}`).join(', ')}}`);
      continue;
    }
    lines.push(`${s.name}:`);
    s.entries.forEach((e, i) => {
      if (i > 0 && s.blank) lines.push('');
      if (e.comment) lines.push(`${pad}# about ${e.name}`);
      if (e.value === 'nested') lines.push(`${pad}${e.name}:`, `${pad}${pad}dlq:`, `${pad}${pad}${pad}maxReceives: 3   # odd`, `${pad}${pad}# deeper comment`);
      else lines.push(`${pad}${e.name}: ${e.value}`);
    });
  }
  const nl = file.crlf ? '\r\n' : '\n';
  return lines.join(nl) + (file.trailingNewline ? nl : '');
}

describe('edits on generated hand-written files', () => {
  it('add then remove is the identity, and add only adds lines', () => {
    fc.assert(
      fc.property(fileArb, fc.nat(), fc.constantFrom({}, { fifo: true }, { dlq: { maxReceives: 5 }, retention: '4d' }), (file, pick, entry) => {
        const text = render(file);
        const section = file.sections[pick % file.sections.length]!;
        const key = 'zzadded';
        const added = applyEdit(text, { op: 'insert', path: [section.name], key, value: entry });
        expect(parse(added)[section.name][key]).toEqual(entry);
        if (!section.flow) {
          const change = lineChanges(text, added);
          expect(change.removed).toEqual([]);
        }
        expect(applyEdit(added, { op: 'delete', path: [section.name, key] })).toBe(text);
      }),
      { numRuns: 300, seed: Number(process.env.FC_SEED ?? 1127) },
    );
  });

  it('removing an entry removes only its own lines', () => {
    fc.assert(
      fc.property(fileArb, fc.nat(), fc.nat(), (file, pickSection, pickEntry) => {
        const text = render(file);
        const section = file.sections[pickSection % file.sections.length]!;
        const victim = section.entries[pickEntry % section.entries.length]!;
        const out = applyEdit(text, { op: 'delete', path: [section.name, victim.name] });
        const expected = parse(text);
        delete expected[section.name][victim.name];
        expect(parse(out)).toEqual(expected);
        if (!section.flow && section.entries.length > 1) expect(lineChanges(text, out).added).toEqual([]);
      }),
      { numRuns: 300, seed: Number(process.env.FC_SEED ?? 1127) },
    );
  });
});
