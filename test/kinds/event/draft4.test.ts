// Draft 2020-12 → draft 4 for the schema registry: each keyword that changed form, and those dropped.
import { describe, expect, it } from 'vitest';
import { toDraft4 } from '../../../src/kinds/event/draft4.js';

describe('toDraft4', () => {
  it('rewrites the keywords draft 4 spells differently', () => {
    expect(
      toDraft4({
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        type: 'object',
        properties: {
          kind: { const: 'order' },
          total: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 100 },
          pair: { type: 'array', prefixItems: [{ type: 'string' }, { type: 'number' }], items: false },
          ref: { $ref: '#/$defs/x' },
          any: true,
          tags: { type: 'array', contains: { const: 'a' }, items: { type: 'string' } },
        },
        dependentRequired: { card: ['cvc'] },
        if: { properties: { kind: { const: 'x' } } },
        then: { required: ['x'] },
        $defs: { x: { type: 'string', examples: ['a'] } },
      }),
    ).toEqual({
      type: 'object',
      properties: {
        kind: { enum: ['order'] },
        total: { type: 'number', minimum: 0, exclusiveMinimum: true, maximum: 100, exclusiveMaximum: true },
        pair: { type: 'array', items: [{ type: 'string' }, { type: 'number' }], additionalItems: { not: {} } },
        ref: { $ref: '#/definitions/x' },
        any: {},
        tags: { type: 'array', items: { type: 'string' } },
      },
      dependencies: { card: ['cvc'] },
      definitions: { x: { type: 'string' } },
    });
  });
});
