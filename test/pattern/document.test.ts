import { describe, expect, it } from 'vitest';
import { DocumentSyntaxError, parseSource } from '../../src/pattern/document.js';

describe('parseSource', () => {
  it('reads JSON and locates keys and list items', () => {
    const doc = parseSource('{\n  "detail": {\n    "amount": [1, {"numeric": [">", "x"]}]\n  }\n}\n');
    expect(doc.value).toEqual({ detail: { amount: [1, { numeric: ['>', 'x'] }] } });
    expect(doc.locate(['detail'])).toEqual({ line: 2, col: 3 });
    expect(doc.locate(['detail', 'amount'])).toEqual({ line: 3, col: 5 });
    expect(doc.locate(['detail', 'amount', 1, 'numeric'])).toEqual({ line: 3, col: 20 });
    expect(doc.locate(['detail', 'amount', 1, 'numeric', 1])).toEqual({ line: 3, col: 37 });
    expect(doc.line(3)).toBe('    "amount": [1, {"numeric": [">", "x"]}]');
  });

  it('reads YAML and locates keys', () => {
    const doc = parseSource('source: [a]\ndetail:\n  tier:\n    - prefx: gold\n');
    expect(doc.value).toEqual({ source: ['a'], detail: { tier: [{ prefx: 'gold' }] } });
    expect(doc.locate(['detail', 'tier', 0, 'prefx'])).toEqual({ line: 4, col: 7 });
  });

  it('falls back to the nearest known position for a path it cannot follow', () => {
    const doc = parseSource('{"a": {"b": [1]}}');
    expect(doc.locate(['a', 'zzz'])).toEqual({ line: 1, col: 7 });
    expect(doc.locate([])).toEqual({ line: 1, col: 1 });
  });

  it('takes JSON as JSON even where YAML would object (tabs, duplicate keys)', () => {
    expect(parseSource('{\n\t"a": [1],\n\t"a": [2]\n}').value).toEqual({ a: [2] });
  });

  it('insists on JSON when asked to', () => {
    expect(parseSource('{"a": [1],}').value).toEqual({ a: [1] });
    expect(() => parseSource('{"a": [1],}', { json: true })).toThrow(DocumentSyntaxError);
    expect(() => parseSource('a: [1]', { json: true })).toThrow(DocumentSyntaxError);
  });

  it('accepts a byte-order mark', () => {
    expect(parseSource('\ufeff{"a": [1]}').value).toEqual({ a: [1] });
  });

  it.each([
    ['{"a": [1,}', 1, /unexpected token/i],
    ['{\n  "a": 1\n', 3, /expected|end of json/i],
    ['{"a" 1}', 1, /expected ':'/i],
    ['a: [1\nb: 2', 2, /.+/],
    ['   \n', 1, /empty/],
  ])('reports a syntax error in %j with its line', (text, line, message) => {
    try {
      parseSource(text);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DocumentSyntaxError);
      expect((error as DocumentSyntaxError).line).toBe(line);
      expect((error as DocumentSyntaxError).message).toMatch(message);
    }
  });
});
