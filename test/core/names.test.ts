import { describe, expect, it } from 'vitest';
import { NAME_PATTERN, NAME_PATTERN_SOURCE } from '../../src/core/name-pattern.js';
import { logicalId, pascal, screamingSnake, useEnvVar, useExpression } from '../../src/core/names.js';
import appSchema from '../../schema/app.schema.json' with { type: 'json' };

describe('names', () => {
  it('derives logical IDs and environment variables from user names', () => {
    expect(pascal('order-events')).toBe('OrderEvents');
    expect(screamingSnake('createOrder')).toBe('CREATE_ORDER');
    expect(logicalId('queue', 'payments')).toBe('PaymentsQueue');
    expect(logicalId('api', 'public', 'rest')).toBe('PublicRestApi');
    expect(useEnvVar('table', 'orders')).toBe('ORDERS_TABLE_NAME');
    expect(useExpression('queue', 'jobs')).toBe('${queues.jobs.url}');
  });

  it('takes the name pattern from the schema', () => {
    expect(NAME_PATTERN_SOURCE).toBe(appSchema.definitions.name.pattern);
    expect(NAME_PATTERN.test('order-events')).toBe(true);
    expect(NAME_PATTERN.test('Orders')).toBe(false);
    expect(NAME_PATTERN.test('a'.repeat(49))).toBe(false);
  });
});
