// The eda-bootstrap stack: one artifacts bucket per account and region, holding
// content-addressed code assets and templates too large to pass inline.
import { EdaError } from '../cli/errors.js';
import type { AwsApi, Stack } from './api.js';
import { deleteAndWait, deploy, type DeployDeps, type DeployOutcome, type DeployReporter } from './engine.js';
import { dispositionFor, isInProgress } from './status.js';
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

export type BootstrapHealth =
  | { kind: 'missing' }
  | { kind: 'healthy'; stack: Stack; bucket: string }
  /** What is wrong, and whether updating the stack can fix it or it must be created again. */
  | { kind: 'broken'; stack: Stack; problem: string; fix: 'update' | 'recreate' };

/** Statuses a bootstrap stack is deleted and created again from (it only holds a retained bucket). */
const RECREATE = new Set(['ROLLBACK_COMPLETE', 'REVIEW_IN_PROGRESS', 'ROLLBACK_FAILED', 'CREATE_FAILED', 'DELETE_FAILED', 'UPDATE_ROLLBACK_FAILED', 'IMPORT_ROLLBACK_FAILED']);

/** The bootstrap stack's health: its status, its BucketName output, and its bucket (HeadBucket). */
export async function checkBootstrap(aws: AwsApi, known?: Stack): Promise<BootstrapHealth> {
  const stack = known ?? (await aws.cfn.describeStack(BOOTSTRAP_STACK));
  const status = stack?.StackStatus;
  if (!stack || !status || status === 'DELETE_COMPLETE') return { kind: 'missing' };
  if (isInProgress(status) && status !== 'REVIEW_IN_PROGRESS') {
    throw new EdaError(`Stack ${BOOTSTRAP_STACK} is locked by another operation (${status}).`, 'Wait for it to finish, then run the command again.');
  }
  if (RECREATE.has(status)) return { kind: 'broken', stack, problem: `it was in ${status}`, fix: 'recreate' };
  const bucket = bucketFromStack(stack);
  if (!bucket) return { kind: 'broken', stack, problem: 'it had no BucketName output', fix: 'update' };
  if (!(await aws.s3.headBucket(bucket))) return { kind: 'broken', stack, problem: `its bucket ${bucket} did not exist`, fix: 'recreate' };
  return { kind: 'healthy', stack, bucket };
}

export interface BootstrapResult {
  status: 'created' | 'up-to-date' | 'updated' | 'repaired' | 'change-set' | 'detached';
  bucket?: string;
  /** What was wrong, when it was repaired. */
  repaired?: string;
  outcome: DeployOutcome;
}

type BootstrapDeps = Omit<DeployDeps, 'reporter'> & { reporter: DeployReporter };

/**
 * Brings the bootstrap stack to health: creates it, updates it, or (when updating cannot
 * help: a failed stack, a deleted bucket) deletes it and creates it again, saying why.
 */
export async function repairBootstrap(deps: BootstrapDeps, known?: Stack): Promise<BootstrapResult> {
  const health = await checkBootstrap(deps.aws, known);
  const problem = health.kind === 'broken' ? health.problem : undefined;
  if (health.kind === 'broken' && health.fix === 'recreate') await recreate(deps, health.stack, health.problem);
  else if (problem) deps.reporter.info(`Repairing stack ${BOOTSTRAP_STACK}: ${problem}. Updating it.`);
  let outcome = await runBootstrap(deps);
  if (outcome.kind === 'failed') throw bootstrapFailed(outcome);
  if (outcome.kind === 'detached' || outcome.kind === 'change-set') return { status: outcome.kind === 'detached' ? 'detached' : 'change-set', outcome };
  let after = await checkBootstrap(deps.aws);
  if (after.kind === 'broken' && after.fix === 'update' && outcome.kind === 'no-changes') {
    // The template is as it should be, yet the stack is not: only a new stack fixes that.
    await recreate(deps, after.stack, after.problem);
    outcome = await runBootstrap(deps);
    if (outcome.kind === 'failed') throw bootstrapFailed(outcome);
    after = await checkBootstrap(deps.aws);
  }
  if (after.kind !== 'healthy') {
    throw new EdaError(
      `Stack ${BOOTSTRAP_STACK} is still unusable after ${problem ? 'repairing' : 'deploying'} it: ${after.kind === 'broken' ? after.problem.replace(/^it /, 'it still ').replace(/ did not /, ' does not ') : 'it does not exist'}.`,
      'Check the stack in the CloudFormation console.',
    );
  }
  const status = problem ? 'repaired' : health.kind === 'missing' ? 'created' : outcome.kind === 'no-changes' ? 'up-to-date' : 'updated';
  return { status, bucket: after.bucket, repaired: problem, outcome };
}

async function recreate(deps: BootstrapDeps, stack: Stack, problem: string): Promise<void> {
  deps.reporter.info(`Repairing stack ${BOOTSTRAP_STACK}: ${problem}. Deleting it and creating it again, with a new bucket.`);
  await deleteAndWait(deps, stack);
}

function bootstrapFailed(outcome: Extract<DeployOutcome, { kind: 'failed' }>): EdaError {
  const reason = outcome.causes[0]?.ResourceStatusReason;
  return new EdaError(`Could not set up the artifacts bucket: stack ${BOOTSTRAP_STACK} ended in ${outcome.status}${reason ? ` (${reason})` : ''}.`, 'Run `eda bootstrap` to see what failed.');
}

/**
 * The artifacts bucket for a deploy. A bootstrap stack that looks usable is trusted as it is
 * (no extra calls: a deploy with nothing to change stays at three reads); otherwise, when
 * allowed, the stack is created or repaired.
 */
export async function ensureBucket(
  aws: AwsApi,
  deps: Omit<DeployDeps, 'aws'>,
  options: { create: boolean; known?: Stack | null },
): Promise<string | undefined> {
  const stack = options.known === undefined ? await aws.cfn.describeStack(BOOTSTRAP_STACK) : (options.known ?? undefined);
  const bucket = bucketFromStack(stack);
  if (bucket && dispositionFor(BOOTSTRAP_STACK, stack?.StackStatus).kind === 'update') return bucket;
  if (!options.create) return undefined;
  if (!stack || stack.StackStatus === 'DELETE_COMPLETE') {
    deps.reporter.info(`Setting up the artifacts bucket (stack ${BOOTSTRAP_STACK} in ${aws.region}), once per account and region…`);
  }
  const result = await repairBootstrap({ ...deps, aws, reporter: { ...deps.reporter, changeSet: () => {}, confirm: async () => true } }, stack);
  if (result.status === 'detached') throw new EdaError(`Stopped waiting for stack ${BOOTSTRAP_STACK}.`, 'Run `eda bootstrap` to finish setting it up.');
  return result.bucket;
}
