// The IAM policies Lambda authorizers return, evaluated as API Gateway evaluates them.
import { describe, expect, it } from 'vitest';
import { allows } from '../../src/local/policy.js';

const arn = 'arn:aws:execute-api:eu-west-1:000000000000:abc123/dev/GET/orders/42';
const doc = (...Statement: object[]) => ({ Version: '2012-10-17', Statement });

describe('authorizer policies', () => {
  it('allows a matching Allow, with * and ? wildcards in resources and actions', () => {
    expect(allows(doc({ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: arn }), 'execute-api:Invoke', arn)).toBe('allow');
    expect(allows(doc({ Effect: 'Allow', Action: 'execute-api:*', Resource: 'arn:aws:execute-api:eu-west-1:000000000000:abc123/*/GET/orders/*' }), 'execute-api:Invoke', arn)).toBe('allow');
    expect(allows(doc({ Effect: 'Allow', Action: ['s3:GetObject', 'Execute-API:invoke'], Resource: ['x', 'arn:aws:execute-api:eu-west-1:000000000000:abc123/de?/*'] }), 'execute-api:Invoke', arn)).toBe('allow');
  });

  it('lets an explicit Deny win over an Allow, and treats no match as an implicit deny', () => {
    expect(allows(doc({ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Deny', Action: 'execute-api:Invoke', Resource: arn }), 'execute-api:Invoke', arn)).toBe('deny');
    expect(allows(doc({ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: arn.replace('GET', 'POST') }), 'execute-api:Invoke', arn)).toBe('none');
    expect(allows(undefined, 'execute-api:Invoke', arn)).toBe('none');
    expect(allows({ Statement: { Effect: 'Allow', Action: 'execute-api:Invoke', Resource: arn } }, 'execute-api:Invoke', arn)).toBe('allow');
  });

  it('matches resources case-sensitively (a path is not a case-insensitive name)', () => {
    expect(allows(doc({ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: arn.toUpperCase() }), 'execute-api:Invoke', arn)).toBe('none');
  });
});
