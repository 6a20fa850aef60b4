// The eda-bootstrap stack: one artifacts bucket per account and region, holding
// content-addressed code assets and templates too large to pass inline.
import { EdaError } from '../cli/errors.js';
import type { AwsApi, Stack } from './api.js';
import { deploy, type DeployDeps, type DeployOutcome, type DeployReporter } from './engine.js';
import type { Template } from './template.js';

export const BOOTSTRAP_STACK = 'eda-bootstrap';
export const BOOTSTRAP_VERSION = '1';

export function bootstrapTemplate(): Template {
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: 'eda: artifacts bucket for deployments (code assets and large templates)',
    Resources: {
      ArtifactsBucket: {
        Type: 'AWS::S3::Bucket',
        // Deleting this stack must not delete the code that deployed stacks were built from.
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
        Properties: {
          BucketEncryption: {
            ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
          },
          PublicAccessBlockConfiguration: {
            BlockPublicAcls: true,
            BlockPublicPolicy: true,
            IgnorePublicAcls: true,
            RestrictPublicBuckets: true,
          },
          OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
          LifecycleConfiguration: {
            Rules: [
              // Templates are read only while a change set is created.
              { Id: 'expire-templates', Status: 'Enabled', Prefix: 'templates/', ExpirationInDays: 30 },
              // eda refreshes the assets a deploy still uses, so only abandoned ones age out.
              { Id: 'expire-old-assets', Status: 'Enabled', Prefix: 'assets/', ExpirationInDays: 365 },
              { Id: 'abort-incomplete-uploads', Status: 'Enabled', AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } },
            ],
          },
          Tags: [{ Key: 'eda:bootstrap', Value: BOOTSTRAP_VERSION }],
        },
      },
      ArtifactsBucketPolicy: {
        Type: 'AWS::S3::BucketPolicy',
        Properties: {
          Bucket: { Ref: 'ArtifactsBucket' },
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              {
                Sid: 'DenyInsecureTransport',
                Effect: 'Deny',
                Principal: '*',
                Action: 's3:*',
                Resource: [{ 'Fn::GetAtt': ['ArtifactsBucket', 'Arn'] }, { 'Fn::Sub': '${ArtifactsBucket.Arn}/*' }],
                Condition: { Bool: { 'aws:SecureTransport': 'false' } },
              },
            ],
          },
        },
      },
    },
    Outputs: {
      BucketName: { Description: 'Artifacts bucket', Value: { Ref: 'ArtifactsBucket' } },
      Version: { Description: 'Bootstrap template version', Value: BOOTSTRAP_VERSION },
    },
  };
}

export function bucketFromStack(stack: Stack | undefined): string | undefined {
  return stack?.Outputs?.find((o) => o.OutputKey === 'BucketName')?.OutputValue;
}

/** Creates or updates the bootstrap stack (no confirmation: it is eda's own). */
export async function runBootstrap(deps: Omit<DeployDeps, 'reporter'> & { reporter: DeployReporter }): Promise<DeployOutcome> {
  return deploy(
    {
      stackName: BOOTSTRAP_STACK,
      template: bootstrapTemplate(),
      assets: [],
      parameters: [],
      tags: [{ Key: 'eda:bootstrap', Value: BOOTSTRAP_VERSION }],
      execute: true,
      description: 'eda bootstrap',
    },
    deps,
  );
}

/** The artifacts bucket; creates the bootstrap stack on first use when allowed. */
export async function ensureBucket(
  aws: AwsApi,
  deps: Omit<DeployDeps, 'aws'>,
  options: { create: boolean; known?: Stack | null },
): Promise<string | undefined> {
  const stack = options.known === undefined ? await aws.cfn.describeStack(BOOTSTRAP_STACK) : (options.known ?? undefined);
  const bucket = bucketFromStack(stack);
  // The bucket outlives failed updates of this stack (and is retained on deletion).
  if (bucket && !/^DELETE_/.test(stack?.StackStatus ?? '')) return bucket;
  if (!options.create) return undefined;
  deps.reporter.info(`Setting up the artifacts bucket (stack ${BOOTSTRAP_STACK} in ${aws.region}), once per account and region…`);
  const outcome = await runBootstrap({ ...deps, aws, reporter: { ...deps.reporter, changeSet: () => {}, confirm: async () => true } });
  if (outcome.kind === 'failed') {
    throw new EdaError(`Could not create the artifacts bucket: stack ${BOOTSTRAP_STACK} ended in ${outcome.status}${outcome.causes[0]?.ResourceStatusReason ? ` (${outcome.causes[0].ResourceStatusReason})` : ''}.`);
  }
  if (outcome.kind === 'detached') throw new EdaError(`Stopped waiting for stack ${BOOTSTRAP_STACK}.`);
  const after = await aws.cfn.describeStack(BOOTSTRAP_STACK);
  const name = bucketFromStack(after);
  if (!name) throw new EdaError(`Stack ${BOOTSTRAP_STACK} has no BucketName output.`, 'Run `eda bootstrap` to repair it.');
  return name;
}
