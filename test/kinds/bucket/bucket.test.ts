// Buckets: the template a user deploys (encryption, public access blocked, TLS only, lifecycle,
// CORS, retention, EventBridge notifications), exact grants, bucket triggers as rules, the
// generated resources module, and positioned errors.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cfnLint, samTranslate } from '../../support/cfn.js';
import { compile } from '../../../src/pipeline/index.js';
import { validateText } from '../../../src/pipeline/validate.js';

const app = `name: media
stages:
  test: { retainData: false }
buckets:
  uploads:
    versioning: true
    encryption: kms
    lifecycle:
      - { prefix: tmp/, expireAfterDays: 1 }
      - { noncurrentExpireAfterDays: 30 }
    cors: { origins: ['https://example.com'], methods: [GET, PUT], maxAge: 600 }
  plain: {}
functions:
  reader:
    uses: [{ bucket: uploads, access: read }]
  writer:
    uses: [{ bucket: plain, access: write }]
  both:
    uses: [{ bucket: plain }]
  onUpload:
    triggers:
      - bucket: uploads
        events: [created, removed]
        prefix: in/
        suffix: .jpg
rules:
  audit:
    pattern:
      source: [aws.s3]
      detail: { bucket: { name: ['\${buckets.plain.name}'] } }
    targets: [{ function: writer }]
`;

async function synth(text: string, stage = 'dev') {
  return compile({ cwd: '/nonexistent', text, stage });
}

const policyOf = (template: { Resources: Record<string, any> }, fn: string) => template.Resources[`${fn}FunctionRole`].Properties.Policies[0].PolicyDocument.Statement.filter((s: { Action: unknown }) => JSON.stringify(s.Action).includes('s3:'));

describe('buckets in the template', () => {
  it('is encrypted, private, TLS-only, notifies EventBridge, and is retained per stage', async () => {
    const { template } = await synth(app);
    const b = template.Resources.UploadsBucket as any;
    expect(b.Type).toBe('AWS::S3::Bucket');
    expect(b.DeletionPolicy).toBe('Retain');
    expect(b.Properties.BucketEncryption).toEqual({ ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' }, BucketKeyEnabled: true }] });
    expect((template.Resources.PlainBucket as any).Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault).toEqual({ SSEAlgorithm: 'AES256' });
    expect(b.Properties.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    expect(b.Properties.NotificationConfiguration).toEqual({ EventBridgeConfiguration: { EventBridgeEnabled: true } });
    expect(b.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(b.Properties.LifecycleConfiguration.Rules).toEqual([
      { Id: 'rule-1', Status: 'Enabled', Prefix: 'tmp/', ExpirationInDays: 1 },
      { Id: 'rule-2', Status: 'Enabled', NoncurrentVersionExpiration: { NoncurrentDays: 30 } },
      { Id: 'abort-incomplete-uploads', Status: 'Enabled', AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 } },
    ]);
    expect(b.Properties.CorsConfiguration).toEqual({ CorsRules: [{ AllowedOrigins: ['https://example.com'], AllowedMethods: ['GET', 'PUT'], MaxAge: 600 }] });
    expect((template.Resources.UploadsBucketPolicy as any).Properties.PolicyDocument.Statement).toEqual([
      {
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: [{ 'Fn::GetAtt': ['UploadsBucket', 'Arn'] }, { 'Fn::Sub': '${UploadsBucket.Arn}/*' }],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ]);
    const test = await synth(app, 'test');
    expect((test.template.Resources.UploadsBucket as any).DeletionPolicy).toBe('Delete');
  });

  it('grants exactly the object actions of the access, on that bucket only', async () => {
    const { template } = await synth(app);
    expect(policyOf(template, 'Reader')).toEqual([
      { Effect: 'Allow', Action: ['s3:GetObject'], Resource: { 'Fn::Sub': '${UploadsBucket.Arn}/*' } },
      { Effect: 'Allow', Action: 's3:ListBucket', Resource: { 'Fn::GetAtt': ['UploadsBucket', 'Arn'] } },
    ]);
    expect(policyOf(template, 'Writer')).toEqual([{ Effect: 'Allow', Action: ['s3:DeleteObject', 's3:PutObject'], Resource: { 'Fn::Sub': '${PlainBucket.Arn}/*' } }]);
    expect(policyOf(template, 'Both')).toEqual([
      { Effect: 'Allow', Action: ['s3:DeleteObject', 's3:GetObject', 's3:PutObject'], Resource: { 'Fn::Sub': '${PlainBucket.Arn}/*' } },
      { Effect: 'Allow', Action: 's3:ListBucket', Resource: { 'Fn::GetAtt': ['PlainBucket', 'Arn'] } },
    ]);
    expect((template.Resources.ReaderFunction as any).Properties.Environment.Variables).toEqual({ UPLOADS_BUCKET_NAME: { Ref: 'UploadsBucket' } });
  });

  it('turns a bucket trigger into a rule on the default bus matching that bucket, key prefix and suffix', async () => {
    const { template } = await synth(app);
    const rule = template.Resources.OnUploadBucket1Rule as any;
    expect(rule.Properties.EventBusName).toBeUndefined();
    expect(rule.Properties.EventPattern).toEqual({
      source: ['aws.s3'],
      'detail-type': ['Object Created', 'Object Deleted'],
      detail: { bucket: { name: [{ Ref: 'UploadsBucket' }] }, object: { key: [{ wildcard: 'in/*.jpg' }] } },
    });
    expect(rule.Properties.Targets[0].Arn).toEqual({ 'Fn::GetAtt': ['OnUploadFunction', 'Arn'] });
    expect((template.Resources.AuditRule as any).Properties.EventPattern.detail).toEqual({ bucket: { name: [{ Ref: 'PlainBucket' }] } });
  });

  it('writes a typed getter per used bucket into the resources module', async () => {
    const { files } = await synth(app);
    const resources = files.find((f) => f.path === 'src/generated/resources.ts')!.content;
    expect(resources).toContain('buckets: {');
    expect(resources).toContain('return read("UPLOADS_BUCKET_NAME"');
  });
});

describe('the buckets template', () => {
  it("is clean under cfn-lint and accepted by AWS's SAM translator", async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'eda-buckets-')), 'template.yaml');
    writeFileSync(file, (await compile({ cwd: '/nonexistent', text: app })).templateText);
    const lint = await cfnLint([file]);
    expect(lint.output).toBe('');
    const [translated] = await samTranslate([file]);
    expect(translated!.errors ?? []).toEqual([]);
  }, 120_000);
});

describe('bucket errors', () => {
  const errors = (yaml: string) => validateText(yaml, { cwd: '/nonexistent' }).diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.line}:${d.col} ${d.message}${d.hint ? ` (${d.hint})` : ''}`);

  it('points at an unknown bucket with did you mean', () => {
    expect(errors('name: m\nbuckets:\n  uploads: {}\nfunctions:\n  f:\n    triggers:\n      - bucket: uplods\n')).toEqual(["7:17 bucket 'uplods' is not declared under buckets (did you mean 'uploads'?)"]);
    expect(errors('name: m\nbuckets:\n  uploads: {}\nfunctions:\n  f:\n    uses: [{ bucket: upload }]\n')[0]).toMatch(/^6:22 bucket 'upload' is not declared under buckets \(did you mean 'uploads'\?\)/);
  });

  it('refuses a trigger on a bucket that sends no events, and lifecycle rules that cannot work', () => {
    expect(errors('name: m\nbuckets:\n  quiet: { eventBridge: false }\nfunctions:\n  f:\n    triggers: [{ bucket: quiet }]\n')).toEqual([
      "6:26 bucket 'quiet' does not send its object events to EventBridge (remove eventBridge: false from buckets.quiet)",
    ]);
    expect(errors('name: m\nbuckets:\n  b:\n    lifecycle:\n      - { prefix: x/ }\n      - { noncurrentExpireAfterDays: 3 }\n')).toEqual([
      '5:9 this lifecycle rule expires nothing (add expireAfterDays: 30 (current objects) or noncurrentExpireAfterDays: 30 (replaced versions))',
      "6:11 bucket 'b' keeps no noncurrent versions: versioning is off (add versioning: true to buckets.b, or remove noncurrentExpireAfterDays)",
    ]);
  });

  it('refuses options of other triggers, and unknown event kinds', () => {
    expect(errors('name: m\nbuckets:\n  b: {}\nfunctions:\n  f:\n    triggers: [{ bucket: b, batchSize: 5 }]\n')[0]).toContain("'batchSize' does not apply to a bucket trigger");
    expect(errors('name: m\nbuckets:\n  b: {}\nfunctions:\n  f:\n    triggers: [{ bucket: b, events: [written] }]\n')[0]).toMatch(/^6:\d+ .*created, removed/);
  });
});
