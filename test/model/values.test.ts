// Expressions are parsed once, when the model is built: text, references, pseudo parameters
// and raw resources, written back as they were when serialized.
import { describe, expect, it } from 'vitest';
import { Expr, parseDeep, parseValue } from '../../src/model/values.js';

describe('parseValue', () => {
  it('leaves strings without ${ and other scalars as they are', () => {
    expect(parseValue('plain')).toBe('plain');
    expect(parseValue(5)).toBe(5);
    expect(parseValue(true)).toBe(true);
  });

  it('splits a string into text, references, pseudo parameters and resources', () => {
    const v = parseValue('arn ${tables.orders.arn}/${AWS::Region} ${resources.Bucket.Arn}') as Expr;
    expect(v.parts).toEqual([
      { text: 'arn ' },
      { ref: 'tables.orders', kind: 'table', name: 'orders', attr: 'arn' },
      { text: '/' },
      { pseudo: 'AWS::Region' },
      { text: ' ' },
      { resource: 'Bucket', attr: 'Arn' },
    ]);
  });

  it('keeps what is no expression as text, and serializes back to the source', () => {
    const v = parseValue('cost: ${x} and ${tables.t.name') as Expr;
    expect(v.parts).toEqual([{ text: 'cost: ${x} and ${tables.t.name' }]);
    expect(JSON.stringify(parseDeep({ a: ['${AWS::AccountId}', 1] }))).toBe('{"a":["${AWS::AccountId}",1]}');
  });
});
