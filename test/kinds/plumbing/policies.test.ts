// policies: on functions and workflows — positioned errors for wildcard and malformed actions,
// a warning for Resource "*", and the exact statements on the role.
import { describe, expect, it } from 'vitest';
import { diagnostics, hints, statements, template } from './helpers.js';

describe('policies: validation', () => {
  const yaml = [
    'name: shop',
    'functions:',
    '  a:',
    '    policies:',
    '      - actions: [s3:*, "*", GetObject, s3:GetObject]',
    '        resources: arn:aws:s3:::reports/*',
    '      - actions: [s3:GetObject, cloudwatch:PutMetricData]',
    '        resources: ["*"]',
    '      - actions: [cloudwatch:PutMetricData, xray:PutTraceSegments]',
    '        resources: "*"',
    '      - effect: Deny',
    '        actions: s3:*',
    '        resources: "*"',
    'workflows:',
    '  w:',
    '    definition: { StartAt: P, States: { P: { Type: Pass, End: true } } }',
    '    policies:',
    '      - actions: ssm:*',
    '        resources: ${nothing.here}',
    '',
  ].join('\n');

  it('rejects every-action wildcards and non-actions, warns on "*" unless AWS allows only "*"', () => {
    expect(diagnostics(yaml)).toEqual([
      "5:19 error 's3:*' allows every action of s3",
      "5:25 error '*' allows every action of every service",
      "5:30 error 'GetObject' is not an IAM action",
      "8:21 warning s3:GetObject allowed on every resource ('*')",
      "18:18 error 'ssm:*' allows every action of ssm",
      "19:20 error '${nothing.here}' is not an expression eda knows",
    ]);
    expect(hints(yaml)[2]).toBe('write service:Action, e.g. s3:GetObject or ssm:GetParameter');
    expect(hints(yaml)[3]).toMatch(/^name the ARNs instead/);
  });
});

describe('policies: synth', () => {
  it('adds exactly the statements written, expressions resolved, to the role of the function and the workflow', async () => {
    const t = await template(
      [
        'name: shop',
        'parameters: { Bucket: { default: reports } }',
        'functions:',
        '  a:',
        '    policies:',
        '      - actions: [s3:GetObject, s3:ListBucket]',
        '        resources: ["arn:${AWS::Partition}:s3:::${parameters.Bucket}", "arn:${AWS::Partition}:s3:::${parameters.Bucket}/*"]',
        '      - effect: Deny',
        '        actions: s3:DeleteObject',
        '        resources: "arn:${AWS::Partition}:s3:::${parameters.Bucket}/*"',
        '        conditions: { StringNotEquals: { "aws:PrincipalTag/team": shop } }',
        'workflows:',
        '  w:',
        '    definition: { StartAt: P, States: { P: { Type: Pass, End: true } } }',
        '    policies:',
        '      - actions: cloudwatch:PutMetricData',
        '        resources: "*"',
        '',
      ].join('\n'),
    );
    const fn = statements(t, 'AFunctionRole');
    expect(fn.slice(-2)).toEqual([
      {
        Effect: 'Allow',
        Action: ['s3:GetObject', 's3:ListBucket'],
        Resource: [{ 'Fn::Sub': 'arn:${AWS::Partition}:s3:::${Bucket}' }, { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::${Bucket}/*' }],
      },
      { Effect: 'Deny', Action: 's3:DeleteObject', Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::${Bucket}/*' }, Condition: { StringNotEquals: { 'aws:PrincipalTag/team': 'shop' } } },
    ]);
    const star = statements(t, 'WStateMachineRole').filter((s) => s.Resource === '*');
    expect(star.flatMap((s) => [s.Action].flat())).toContain('cloudwatch:PutMetricData');
  });
});

describe('policies: references to raw resources', () => {
  const yaml = (ref: string) =>
    ['name: shop', 'resources:', '  ReportsBucket: { Type: AWS::S3::Bucket }', 'functions:', '  a:', '    policies:', '      - actions: s3:GetObject', `        resources: "${ref}/*"`, ''].join('\n');

  it('resolves ${resources.Id.Attr} in a policy resource to its Fn::GetAtt', async () => {
    const t = await template(yaml('${resources.ReportsBucket.Arn}'));
    expect(statements(t, 'AFunctionRole')).toContainEqual({ Effect: 'Allow', Action: 's3:GetObject', Resource: { 'Fn::Sub': '${ReportsBucket.Arn}/*' } });
  });

  it('names an unknown logical ID, with did you mean', () => {
    expect(diagnostics(yaml('${resources.ReportBucket.Arn}'))).toEqual(["8:33 error ${resources.ReportBucket.Arn} refers to resource 'ReportBucket', which is not declared under resources"]);
    expect(hints(yaml('${resources.ReportBucket.Arn}'))).toEqual(["did you mean 'ReportsBucket'?"]);
  });
});
