// Rule targets on buses outside the app (another account or region) and bus policies letting
// other accounts or an organization put events: template content, least privilege, cfn-lint
// and the SAM translator.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { serializeTemplate } from '../../../src/synth/index.js';
import { cfnLint, samTranslate } from '../../support/cfn.js';
import { tempDir } from '../../support/cli.js';
import { diagnostics, hints, statements, template } from './helpers.js';

const yaml = [
  'name: shop',
  'parameters: { Central: { default: "arn:aws:events:us-west-2:111122223333:event-bus/central" } }',
  'functions:',
  '  audit: {}',
  'buses:',
  '  orders:',
  '    policy: { allowAccounts: ["111122223333", "444455556666"], allowOrganization: o-abc123def4 }',
  'rules:',
  '  forward:',
  '    bus: orders',
  '    pattern: { source: [shop.orders] }',
  '    targets:',
  '      - bus: { arn: "arn:aws:events:us-west-2:111122223333:event-bus/central" }',
  '      - bus: { arn: "arn:${AWS::Partition}:events:eu-west-1:${AWS::AccountId}:event-bus/backup" }',
  '      - bus: { arn: "${parameters.Central}" }',
  '',
].join('\n');

describe('buses outside the app', () => {
  it('targets the ARN with a role allowed events:PutEvents on exactly those ARNs', async () => {
    const t = await template(yaml);
    const targets = t.Resources.ForwardRule!.Properties.Targets as Record<string, unknown>[];
    expect(targets.map((x) => [x.Id, x.Arn, x.RoleArn])).toEqual([
      ['bus-us-west-2-central', 'arn:aws:events:us-west-2:111122223333:event-bus/central', { 'Fn::GetAtt': ['ForwardRuleRole', 'Arn'] }],
      ['bus-eu-west-1-backup', { 'Fn::Sub': 'arn:${AWS::Partition}:events:eu-west-1:${AWS::AccountId}:event-bus/backup' }, { 'Fn::GetAtt': ['ForwardRuleRole', 'Arn'] }],
      ['bus-Central', { Ref: 'Central' }, { 'Fn::GetAtt': ['ForwardRuleRole', 'Arn'] }],
    ]);
    expect(statements(t, 'ForwardRuleRole')).toEqual([
      { Effect: 'Allow', Action: 'events:PutEvents', Resource: 'arn:aws:events:us-west-2:111122223333:event-bus/central' },
      { Effect: 'Allow', Action: 'events:PutEvents', Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:events:eu-west-1:${AWS::AccountId}:event-bus/backup' } },
      { Effect: 'Allow', Action: 'events:PutEvents', Resource: { Ref: 'Central' } },
    ]);
  });

  it("gives the bus a policy allowing the accounts and the organization to put events on it alone", async () => {
    const t = await template(yaml);
    const bus = t.Resources.OrdersBus!.Properties;
    const self = { 'Fn::Sub': ['arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/${BusName}', { BusName: { 'Fn::Sub': '${AWS::StackName}-orders' } }] };
    expect(bus.Policy).toEqual({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'AllowAccountsToPutEvents', Effect: 'Allow', Principal: { AWS: [{ 'Fn::Sub': 'arn:${AWS::Partition}:iam::111122223333:root' }, { 'Fn::Sub': 'arn:${AWS::Partition}:iam::444455556666:root' }] }, Action: 'events:PutEvents', Resource: self },
        { Sid: 'AllowOrganizationToPutEvents', Effect: 'Allow', Principal: '*', Action: 'events:PutEvents', Resource: self, Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123def4' } } },
      ],
    });
  });

  it('is clean under cfn-lint and accepted by the SAM translator', async () => {
    const dir = tempDir('eda-plumbing-');
    const file = path.join(dir, 'template.yaml');
    writeFileSync(file, serializeTemplate(await template(yaml)));
    const lint = await cfnLint([file]);
    expect(lint.output).toBe('');
    const [translated] = await samTranslate([file]);
    expect(translated!.errors ?? []).toEqual([]);
    expect(translated!.resources!.OrdersBus).toBe('AWS::Events::EventBus');
  }, 120_000);

  it('reports an ARN that is not an event bus, and an account ID or organization of the wrong form', () => {
    const bad = [
      'name: shop',
      'buses:',
      '  b: { policy: { allowAccounts: ["1234"], allowOrganization: org-1 } }',
      'rules:',
      '  r:',
      '    pattern: { source: [x] }',
      '    targets:',
      '      - bus: { arn: "arn:aws:events:us-west-2:1111:event-bus/central" }',
      '      - bus: { arn: "arn:aws:sqs:us-west-2:111122223333:central" }',
      '',
    ].join('\n');
    const errors = diagnostics(bad);
    expect(errors).toEqual([
      '3:34 error buses.b.policy.allowAccounts[0]: the string "1234" is not an AWS account ID',
      '3:62 error buses.b.policy.allowOrganization: the string "org-1" is not an AWS Organizations ID',
      "8:21 error 'arn:aws:events:us-west-2:1111:event-bus/central' is not an event bus ARN",
      "9:21 error 'arn:aws:sqs:us-west-2:111122223333:central' is not an event bus ARN",
    ]);
    expect(hints(bad)[2]).toBe('write arn:aws:events:<region>:<account>:event-bus/<name>, e.g. arn:aws:events:us-west-2:111122223333:event-bus/central');
  });
});
