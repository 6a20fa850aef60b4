// Raw resources from `resources:` are reachable: outputs take CloudFormation intrinsics, and
// ${resources.Id} / ${resources.Id.Attr} work wherever expressions do.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { compile } from '../../src/pipeline/index.js';
import { serializeTemplate } from '../../src/synth/index.js';
import { cfnLint } from '../support/cfn.js';
import { tempDir } from '../support/cli.js';

const bucket = { Type: 'AWS::S3::Bucket', DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain', Properties: { BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] } } };
const app = {
  name: 'refs',
  functions: { report: { environment: { BUCKET: '${resources.ReportsBucket}', BUCKET_URL: 'https://${resources.ReportsBucket.RegionalDomainName}/' } } },
  workflows: {
    archive: {
      definition: { StartAt: 'Put', States: { Put: { Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:s3:putObject', Parameters: { Bucket: '${resources.ReportsBucket}', Key: 'x', Body: 'y' }, End: true } } },
    },
  },
  resources: { ReportsBucket: bucket },
  outputs: {
    Bucket: { Ref: 'ReportsBucket' },
    BucketArn: { value: { 'Fn::GetAtt': ['ReportsBucket', 'Arn'] }, description: 'reports', export: true },
    BucketSite: { 'Fn::Sub': 'https://${ReportsBucket.RegionalDomainName}/${AWS::Region}' },
    BucketName: '${resources.ReportsBucket}',
    BucketDomain: '${resources.ReportsBucket.DomainName}',
  },
};

describe('references to raw resources', async () => {
  const { template } = await compile({ cwd: '/nonexistent', text: stringify(app) });
  const r = template.Resources as Record<string, any>;

  it('outputs pass CloudFormation intrinsics through', () => {
    expect(template.Outputs).toMatchObject({
      Bucket: { Value: { Ref: 'ReportsBucket' } },
      BucketArn: { Value: { 'Fn::GetAtt': ['ReportsBucket', 'Arn'] }, Description: 'reports', Export: { Name: { 'Fn::Sub': '${AWS::StackName}-BucketArn' } } },
      BucketSite: { Value: { 'Fn::Sub': 'https://${ReportsBucket.RegionalDomainName}/${AWS::Region}' } },
    });
  });

  it('${resources.Id} is its Ref and ${resources.Id.Attr} its GetAtt', () => {
    expect(template.Outputs).toMatchObject({ BucketName: { Value: { Ref: 'ReportsBucket' } }, BucketDomain: { Value: { 'Fn::GetAtt': ['ReportsBucket', 'DomainName'] } } });
    expect(r.ReportFunction.Properties.Environment.Variables).toMatchObject({
      BUCKET: { Ref: 'ReportsBucket' },
      BUCKET_URL: { 'Fn::Sub': 'https://${ReportsBucket.RegionalDomainName}/' },
    });
    const sm = r.ArchiveStateMachine.Properties;
    expect(sm.Definition.States.Put.Parameters.Bucket).toBe('${ResourcesReportsBucket}');
    expect(sm.DefinitionSubstitutions).toEqual({ ResourcesReportsBucket: { Ref: 'ReportsBucket' } });
  });

  it('give a template cfn-lint accepts', async () => {
    const file = path.join(tempDir('eda-refs-'), 'template.yaml');
    writeFileSync(file, serializeTemplate(template));
    expect((await cfnLint([file])).output).toBe('');
  }, 120_000);
});
