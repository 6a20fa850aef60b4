// The values `eda deploy` and `eda diff` pass for the template's parameters, and what diff lists.
import { describe, expect, it } from 'vitest';
import { parameterChanges, parseParameterFlags, stackParameters } from '../../src/deploy/parameters.js';
import type { Template } from '../../src/core/template.js';
import { parametersEqual } from '../../src/deploy/engine.js';

const template: Template = {
  Resources: {},
  Parameters: { Env: { Type: 'String', Default: 'test', AllowedValues: ['test', 'prod'] }, Url: { Type: 'String' }, Key: { Type: 'String', NoEcho: true, Default: 'k' } },
};

describe('stack parameters', () => {
  it('takes each flag (a value may hold "="), and the defaults for the rest', () => {
    const given = parseParameterFlags(['Url=https://x.example.com/?a=b'], template);
    expect(stackParameters(template, 's', given)).toEqual([
      { ParameterKey: 'Env', ParameterValue: 'test' },
      { ParameterKey: 'Url', ParameterValue: 'https://x.example.com/?a=b' },
      { ParameterKey: 'Key', ParameterValue: 'k' },
    ]);
  });

  it('refuses an unknown name with did you mean, a disallowed value, and a parameter left without a value', () => {
    expect(() => parseParameterFlags(['Evn=prod'], template)).toThrow('--parameter Evn: app.yaml declares no parameter Evn.');
    expect(() => parseParameterFlags(['Env=qa'], template)).toThrow("--parameter Env: 'qa' is not an allowed value.");
    expect(() => stackParameters(template, 's', new Map())).toThrow("The template's parameter Url has no default and no --parameter Url=… was given, so stack s cannot be deployed.");
  });

  it('lists the values that would change, not a NoEcho one CloudFormation hides', () => {
    const next = stackParameters(template, 's', parseParameterFlags(['Env=prod', 'Url=u', 'Key=other'], template));
    expect(parameterChanges(template, [{ ParameterKey: 'Env', ParameterValue: 'test' }, { ParameterKey: 'Url', ParameterValue: 'u' }, { ParameterKey: 'Key', ParameterValue: '****' }], next)).toEqual([{ name: 'Env', deployed: 'test', next: 'prod' }]);
  });
});

describe('a parameter with no flag and no default', () => {
  it("keeps the deployed stack's value (UsePreviousValue), which counts as no change", () => {
    const next = stackParameters(template, 's', new Map(), new Set(['Url']));
    expect(next[1]).toEqual({ ParameterKey: 'Url', UsePreviousValue: true });
    const deployed = [{ ParameterKey: 'Env', ParameterValue: 'test' }, { ParameterKey: 'Url', ParameterValue: 'u' }, { ParameterKey: 'Key', ParameterValue: 'k' }];
    expect(parametersEqual(deployed, next)).toBe(true);
    expect(parameterChanges(template, deployed, next)).toEqual([]);
  });
});
