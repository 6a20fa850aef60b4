import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { applyEdit, applyEdits, lineChanges } from '../../src/manifest/edit.js';

/** Asserts that `after` is `before` with exactly `added` inserted as whole lines at one place. */
function expectOnlyAdded(before: string, after: string, added: string[]): void {
  const change = lineChanges(before, after);
  expect(change.removed).toEqual([]);
  // A blank line added next to an existing blank line may show up on either side.
  expect(change.added.filter((l) => l !== '')).toEqual(added.filter((l) => l !== ''));
  expect(change.added.length).toBe(added.length);
}

const commented = `# yaml-language-server: $schema=./node_modules/eda/schema/app.schema.json
# The shop, as it runs today.
name: shop   # stack: shop-<stage>
description: 'Order processing'

functions:
  # Takes orders from the web shop.
  createOrder:
    handler: src/handlers/createOrder.ts
    triggers:
      - http: POST /orders     # public
    uses: [{ table: orders }, { bus: orders }]

  getOrder: { triggers: [{ http: "GET /orders/{id}" }] }

tables:
  orders: {partitionKey: id}   # flow, no padding

# Queues live here.
queues:
  payments:
    dlq: { maxReceives: 3 }
    # visibilityTimeout: 60

# the end
`;

describe('insert into a section', () => {
  it('adds an entry after the last one, keeping every other byte', () => {
    const out = applyEdit(commented, { op: 'insert', path: ['queues'], key: 'refunds', value: { fifo: true, dlq: { maxReceives: 5 } } });
    expectOnlyAdded(commented, out, ['  refunds:', '    fifo: true', '    dlq: { maxReceives: 5 }']);
    // After the deeper comment that belongs to `payments`, before the top-level comment.
    expect(out).toContain('    # visibilityTimeout: 60\n  refunds:\n');
    expect(out.endsWith('\n# the end\n')).toBe(true);
    expect(parse(out).queues.refunds).toEqual({ fifo: true, dlq: { maxReceives: 5 } });
  });

  it('separates entries with a blank line when the section does', () => {
    const out = applyEdit(commented, { op: 'insert', path: ['functions'], key: 'refund', value: { triggers: [{ queue: 'refunds' }] } });
    expectOnlyAdded(commented, out, ['', '  refund:', '    triggers:', '      - queue: refunds']);
    expect(out).toContain('  getOrder: { triggers: [{ http: "GET /orders/{id}" }] }\n\n  refund:\n');
  });

  it('writes into a flow mapping in flow style', () => {
    const out = applyEdit(commented, { op: 'insert', path: ['tables'], key: 'customers', value: { partitionKey: 'id' } });
    expectOnlyAdded(commented, out, ['  customers:', '    partitionKey: id']);
    const text = 'name: a\nqueues: { a: {}, b: { fifo: true } }\n';
    const out2 = applyEdit(text, { op: 'insert', path: ['queues'], key: 'c', value: { delay: 5 } });
    expect(out2).toBe('name: a\nqueues: { a: {}, b: { fifo: true }, c: { delay: 5 } }\n');
  });

  it('adds a missing section in the contract order', () => {
    const out = applyEdit(commented, { op: 'insert', path: ['topics'], key: 'order-events', value: {} });
    expectOnlyAdded(commented, out, ['', 'topics:', '  order-events: {}']);
    expect(out.indexOf('topics:')).toBeGreaterThan(out.indexOf('# visibilityTimeout'));
    expect(out.indexOf('topics:')).toBeLessThan(out.indexOf('# the end'));
    const out2 = applyEdit(commented, { op: 'insert', path: ['apis'], key: 'public', value: { cors: true } });
    expect(out2.indexOf('apis:')).toBeGreaterThan(out2.indexOf('getOrder'));
    expect(out2.indexOf('apis:')).toBeLessThan(out2.indexOf('tables:'));
    expectOnlyAdded(commented, out2, ['', 'apis:', '  public:', '    cors: true']);
  });

  it('turns an empty `{}` section into a block', () => {
    const text = 'name: a\nfunctions: {}   # none yet\nqueues: {}\n';
    const out = applyEdit(text, { op: 'insert', path: ['functions'], key: 'hello', value: { timeout: 3 } });
    expect(out).toBe('name: a\nfunctions:   # none yet\n  hello:\n    timeout: 3\nqueues: {}\n');
  });

  it('fills a section with no value or ~', () => {
    expect(applyEdit('name: a\nqueues:\ntopics: {}\n', { op: 'insert', path: ['queues'], key: 'q', value: {} })).toBe(
      'name: a\nqueues:\n  q: {}\ntopics: {}\n',
    );
    expect(applyEdit('name: a\nqueues: ~\n', { op: 'insert', path: ['queues'], key: 'q', value: {} })).toBe('name: a\nqueues:\n  q: {}\n');
  });

  it('handles a file without a trailing newline', () => {
    const text = 'name: a\nqueues:\n  a: {}';
    const out = applyEdit(text, { op: 'insert', path: ['queues'], key: 'b', value: { fifo: true } });
    expect(out).toBe('name: a\nqueues:\n  a: {}\n  b:\n    fifo: true');
    const out2 = applyEdit('name: a', { op: 'insert', path: ['queues'], key: 'b', value: {} });
    expect(out2).toBe('name: a\nqueues:\n  b: {}');
  });

  it('keeps the file’s indentation, sequence style and line endings', () => {
    const text = 'name: a\r\nfunctions:\r\n    f:\r\n        timeout: 3\r\n';
    const out = applyEdit(text, { op: 'insert', path: ['functions'], key: 'g', value: { timeout: 4 } });
    expect(out).toBe(text + '    g:\r\n        timeout: 4\r\n');
    const flat = 'name: a\nfunctions:\n  f:\n    triggers:\n    - queue: q\n';
    const out2 = applyEdit(flat, { op: 'insert', path: ['functions'], key: 'g', value: { triggers: [{ queue: 'r' }] } });
    expect(out2).toBe(flat + '  g:\n    triggers:\n    - queue: r\n');
  });

  it('writes flow collections and quotes the way the file does', () => {
    const tight = "name: a\nq: {a: {x: 'y z'}, b: [1, 2]}\n";
    expect(applyEdit(tight, { op: 'insert', path: ['q'], key: 'c', value: { r: 'GET /x/{id}', s: [3] } })).toBe(
      "name: a\nq: {a: {x: 'y z'}, b: [1, 2], c: {r: 'GET /x/{id}', s: [3]}}\n",
    );
    const padded = 'name: a\nq: { a: { x: 1 } }\n';
    expect(applyEdit(padded, { op: 'insert', path: ['q'], key: 'c', value: { s: [3] } })).toBe('name: a\nq: { a: { x: 1 }, c: { s: [ 3 ] } }\n');
  });

  it('quotes what YAML needs quoted', () => {
    const out = applyEdit('name: a\nrules:\n  r: { schedule: rate(1 day), targets: [{ function: f }] }\n', {
      op: 'insert',
      path: ['rules'],
      key: 'nightly',
      value: { schedule: 'cron(0 2 * * ? *)', targets: [{ function: 'cleanup', input: { mode: 'full: yes' } }] },
    });
    expect(parse(out).rules.nightly).toEqual({ schedule: 'cron(0 2 * * ? *)', targets: [{ function: 'cleanup', input: { mode: 'full: yes' } }] });
  });

  it('refuses a key that exists', () => {
    expect(() => applyEdit(commented, { op: 'insert', path: ['queues'], key: 'payments', value: {} })).toThrow(/already exists/);
  });
});

describe('append to a list', () => {
  it('appends to a block list', () => {
    const out = applyEdit(commented, { op: 'append', path: ['functions', 'createOrder', 'triggers'], item: { http: 'GET /orders' } });
    expectOnlyAdded(commented, out, ['      - http: GET /orders']);
    expect(out).toContain('      - http: POST /orders     # public\n      - http: GET /orders\n');
  });

  it('appends to a flow list', () => {
    const out = applyEdit(commented, { op: 'append', path: ['functions', 'getOrder', 'triggers'], item: { http: 'DELETE /orders/{id}' } });
    expect(out).toContain('  getOrder: { triggers: [{ http: "GET /orders/{id}" }, { http: "DELETE /orders/{id}" }] }\n');
  });

  it('creates a missing list, and its parent key', () => {
    const text = 'name: a\nfunctions:\n  f:\n    timeout: 3\n  g: {}\n';
    const out = applyEdit(text, { op: 'append', path: ['functions', 'f', 'triggers'], item: { queue: 'q' } });
    expect(out).toBe('name: a\nfunctions:\n  f:\n    timeout: 3\n    triggers:\n      - queue: q\n  g: {}\n');
    const out2 = applyEdit(text, { op: 'append', path: ['functions', 'g', 'triggers'], item: { queue: 'q' } });
    expect(out2).toBe('name: a\nfunctions:\n  f:\n    timeout: 3\n  g:\n    triggers:\n      - queue: q\n');
  });
});

describe('empty values', () => {
  it('turns `[]` into a block list, and fills empty values inside flow maps in flow style', () => {
    expect(applyEdit('f:\n  triggers: []  # none\n', { op: 'append', path: ['f', 'triggers'], item: { queue: 'q' } })).toBe('f:\n  triggers:  # none\n    - queue: q\n');
    expect(applyEdit('f: { triggers: ~ }\n', { op: 'append', path: ['f', 'triggers'], item: { queue: 'q' } })).toBe('f: { triggers: [ { queue: q } ] }\n');
    expect(applyEdit('f: { a: {} }\n', { op: 'insert', path: ['f', 'a'], key: 'b', value: 1 })).toBe('f: { a: { b: 1 } }\n');
  });

  it('adds to an empty document', () => {
    expect(applyEdit('', { op: 'insert', path: ['queues'], key: 'q', value: {} })).toBe('queues:\n  q: {}\n');
    expect(applyEdit('# just a comment\n', { op: 'insert', path: ['queues'], key: 'q', value: {} })).toBe('# just a comment\nqueues:\n  q: {}\n');
  });

  it('refuses what it cannot edit safely', () => {
    expect(() => applyEdit('a: &x { b: 1 }\nc: *x\n', { op: 'insert', path: ['c'], key: 'd', value: 1 })).toThrow(/alias/);
    expect(() => applyEdit('a: [1, 2\n', { op: 'insert', path: [], key: 'd', value: 1 })).toThrow(/not valid YAML/);
    expect(() => applyEdit('a: 1\n', { op: 'insert', path: ['a'], key: 'd', value: 1 })).toThrow(/not a mapping/);
  });
});

describe('delete', () => {
  it('removes an entry with its own comments, and nothing else', () => {
    const out = applyEdit(commented, { op: 'delete', path: ['functions', 'createOrder'] });
    const change = lineChanges(commented, out);
    expect(change.added).toEqual([]);
    expect(change.removed).toEqual([
      '  # Takes orders from the web shop.',
      '  createOrder:',
      '    handler: src/handlers/createOrder.ts',
      '    triggers:',
      '      - http: POST /orders     # public',
      '    uses: [{ table: orders }, { bus: orders }]',
      '',
    ]);
  });

  it('round-trips: add then remove gives back the original bytes', () => {
    for (const [path, key, value] of [
      [['queues'], 'refunds', { fifo: true }],
      [['functions'], 'worker', { triggers: [{ queue: 'payments' }] }],
      [['topics'], 'events', {}],
      [['tables'], 'customers', { partitionKey: 'id' }],
    ] as const) {
      const added = applyEdit(commented, { op: 'insert', path: [...path], key, value });
      let removed = applyEdit(added, { op: 'delete', path: [...path, key] });
      if (path[0] === 'topics') removed = applyEdit(removed, { op: 'delete', path: ['topics'] });
      expect(removed).toBe(commented);
    }
  });

  it('empties a section to `{}` when its last entry goes', () => {
    const out = applyEdit('name: a\nqueues: # all of them\n  only:\n    fifo: true\ntopics: {}\n', { op: 'delete', path: ['queues', 'only'] });
    expect(out).toBe('name: a\nqueues: {} # all of them\ntopics: {}\n');
  });

  it('removes from flow mappings and lists', () => {
    expect(applyEdit('q: { a: 1, b: 2, c: 3 }\n', { op: 'delete', path: ['q', 'b'] })).toBe('q: { a: 1, c: 3 }\n');
    expect(applyEdit('q: { a: 1, b: 2 }\n', { op: 'delete', path: ['q', 'a'] })).toBe('q: { b: 2 }\n');
    expect(applyEdit('q: { a: 1 }\n', { op: 'delete', path: ['q', 'a'] })).toBe('q: {}\n');
    expect(applyEdit('q: [x, y]\n', { op: 'delete', path: ['q', 1] })).toBe('q: [x]\n');
  });

  it('removes a list item', () => {
    const text = 'f:\n  triggers:\n    - http: GET /a\n    - queue: q\n      batchSize: 5\n    - topic: t\n';
    expect(applyEdit(text, { op: 'delete', path: ['f', 'triggers', 1] })).toBe('f:\n  triggers:\n    - http: GET /a\n    - topic: t\n');
    expect(applyEdit('f:\n  triggers:\n    - http: GET /a\n', { op: 'delete', path: ['f', 'triggers', 0] })).toBe('f:\n  triggers: []\n');
  });

  it('handles the last entry of a file without a trailing newline', () => {
    expect(applyEdit('name: a\nqueues:\n  a: {}\n  b: {}', { op: 'delete', path: ['queues', 'b'] })).toBe('name: a\nqueues:\n  a: {}');
  });
});

describe('applyEdits', () => {
  it('applies in order', () => {
    const out = applyEdits('name: a\n', [
      { op: 'insert', path: ['queues'], key: 'q', value: {} },
      { op: 'insert', path: ['queues'], key: 'r', value: {} },
    ]);
    expect(out).toBe('name: a\nqueues:\n  q: {}\n  r: {}\n');
  });
});
