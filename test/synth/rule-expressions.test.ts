// ${...} in event patterns and constant target input become CloudFormation substitutions, so a
// pattern on `account: ["${AWS::AccountId}"]` matches the account it is deployed to.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { compile } from '../../src/pipeline/index.js';
import { serializeTemplate } from '../../src/synth/index.js';
import { cfnLint } from '../support/cfn.js';
import { tempDir } from '../support/cli.js';

const app = {
  name: 'patterns',
  queues: { jobs: {} },
  functions: {
    notify: {
      triggers: [{ event: { pattern: { account: ['${AWS::AccountId}'], source: ['${AWS::StackName}.orders'] } }, input: { region: '${AWS::Region}' } }],
    },
  },
  rules: {
    placed: {
      pattern: { account: ['${AWS::AccountId}'], detail: { queue: ['${queues.jobs.arn}'], kind: ['placed'] } },
      targets: [{ queue: 'jobs', input: { reply: '${queues.jobs.url}', at: 'arn:${AWS::Partition}:sqs', n: 1 } }],
    },
  },
};

describe('expressions in rules', async () => {
  const { template } = await compile({ cwd: '/nonexistent', text: stringify(app) });
  const r = template.Resources as Record<string, any>;

  it('are substituted in event patterns', () => {
    expect(r.PlacedRule.Properties.EventPattern).toEqual({
      account: [{ Ref: 'AWS::AccountId' }],
      detail: { queue: [{ 'Fn::GetAtt': ['JobsQueue', 'Arn'] }], kind: ['placed'] },
    });
    expect(r.NotifyEvent1Rule.Properties.EventPattern).toEqual({ account: [{ Ref: 'AWS::AccountId' }], source: [{ 'Fn::Sub': '${AWS::StackName}.orders' }] });
  });

  it('are substituted in constant input, which stays JSON text', () => {
    expect(r.PlacedRule.Properties.Targets[0].Input).toEqual({
      'Fn::Sub': ['{"reply":"${QueuesJobsUrl}","at":"arn:${AWS::Partition}:sqs","n":1}', { QueuesJobsUrl: { Ref: 'JobsQueue' } }],
    });
    expect(r.NotifyEvent1Rule.Properties.Targets[0].Input).toEqual({ 'Fn::Sub': '{"region":"${AWS::Region}"}' });
  });

  it('give a template cfn-lint accepts', async () => {
    const file = path.join(tempDir('eda-patterns-'), 'template.yaml');
    writeFileSync(file, serializeTemplate(template));
    expect((await cfnLint([file])).output).toBe('');
  }, 120_000);
});
