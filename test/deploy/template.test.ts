import { describe, expect, it } from 'vitest';
import { canonicalJson, differingPaths, parseTemplateBody, templatesEqual } from '../../src/deploy/template.js';

describe('parseTemplateBody', () => {
  it('reads JSON bodies', () => {
    expect(parseTemplateBody('{"Resources":{"Q":{"Type":"AWS::SQS::Queue"}}}')).toEqual({ Resources: { Q: { Type: 'AWS::SQS::Queue' } } });
  });

  it('reads YAML bodies with short-form intrinsics, as CloudFormation stores templates submitted as YAML', () => {
    const body = [
      "AWSTemplateFormatVersion: '2010-09-09'",
      'Transform: AWS::Serverless-2016-10-31',
      'Resources:',
      '  Fn:',
      '    Type: AWS::Serverless::Function',
      '    Properties:',
      '      Role: !GetAtt FnRole.Arn',
      '      Environment:',
      '        Variables:',
      '          TABLE: !Ref Orders',
      '          URL: !Sub "https://${Api}.execute-api.${AWS::Region}.amazonaws.com"',
      '          JOINED: !Join [",", [a, !Ref B]]',
      '          PICK: !Select [0, !GetAZs ""]',
      '          IF: !If [IsProd, 1, 2]',
      '      Policies:',
      '        - DynamoDBCrudPolicy: { TableName: !Ref Orders }',
      '    Condition: !Not [!Equals [!Ref Stage, dev]]',
    ].join('\n');
    const t = parseTemplateBody(body);
    expect(t.AWSTemplateFormatVersion).toBe('2010-09-09');
    const fn = t.Resources.Fn;
    expect(fn.Properties.Role).toEqual({ 'Fn::GetAtt': ['FnRole', 'Arn'] });
    expect(fn.Properties.Environment.Variables).toEqual({
      TABLE: { Ref: 'Orders' },
      URL: { 'Fn::Sub': 'https://${Api}.execute-api.${AWS::Region}.amazonaws.com' },
      JOINED: { 'Fn::Join': [',', ['a', { Ref: 'B' }]] },
      PICK: { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] },
      IF: { 'Fn::If': ['IsProd', 1, 2] },
    });
    expect(fn.Properties.Policies).toEqual([{ DynamoDBCrudPolicy: { TableName: { Ref: 'Orders' } } }]);
    expect(fn.Condition).toEqual({ 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'Stage' }, 'dev'] }] });
  });

  it('equates a YAML body with the same template as JSON', () => {
    const yaml = "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      RedrivePolicy:\n        deadLetterTargetArn: !GetAtt D.Arn\n        maxReceiveCount: 3\n";
    const json = { Resources: { Q: { Type: 'AWS::SQS::Queue', Properties: { RedrivePolicy: { maxReceiveCount: 3, deadLetterTargetArn: { 'Fn::GetAtt': ['D', 'Arn'] } } } } } };
    expect(templatesEqual(parseTemplateBody(yaml), json)).toBe(true);
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every level and drops undefined values, keeping array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[3,{"y":2,"z":1}]},"b":1}');
    expect(templatesEqual({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
  });
});

describe('differingPaths', () => {
  it('names the deepest differing object paths', () => {
    expect(differingPaths({ Properties: { A: 1, B: { C: 2, D: 3 } } }, { Properties: { A: 1, B: { C: 2, D: 4 }, E: 5 } })).toEqual(['Properties.B.D', 'Properties.E']);
    expect(differingPaths({ L: [1, 2] }, { L: [1, 3] })).toEqual(['L']);
  });
});
