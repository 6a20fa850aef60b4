// The eda-bootstrap stack, once per account and region: the artifacts bucket (content-addressed
// code assets and templates too large to pass inline) and API Gateway's account-level
// CloudWatch role, which REST API access logs need (AWS allows one per account and region).
import { EdaError } from '../core/errors.js';
import type { AwsApi, Stack } from './api.js';
import { deleteAndWait, deploy, type DeployDeps, type DeployOutcome, type DeployReporter } from './engine.js';
import { dispositionFor } from './status.js';
import { denyInsecureTransport } from '../kinds/iam.js';
import type { Template } from '../core/template.js';

export const BOOTSTRAP_STACK = 'eda-bootstrap';
export const BOOTSTRAP_VERSION = '2';
/** The first bootstrap version that sets API Gateway's CloudWatch role. */
export const API_LOGS_ROLE_VERSION = 2;

export function bootstrapTemplate(): Template {
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: "eda: artifacts bucket for deployments (code assets and large templates) and API Gateway's CloudWatch role",
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
            Statement: [denyInsecureTransport('s3:*', [{ 'Fn::GetAtt': ['ArtifactsBucket', 'Arn'] }, { 'Fn::Sub': '${ArtifactsBucket.Arn}/*' }])],
          },
        },
      },
      ...apiGatewayLogsRole(),
    },
    Outputs: {
      BucketName: { Description: 'Artifacts bucket', Value: { Ref: 'ArtifactsBucket' } },
      ApiGatewayLogsRoleArn: { Description: 'The role API Gateway writes REST API logs with', Value: { 'Fn::GetAtt': ['ApiGatewayCloudWatchRole', 'Arn'] } },
      Version: { Description: 'Bootstrap template version', Value: BOOTSTRAP_VERSION },
    },
  };
}

/**
 * REST API stages refuse access logs until the account names a role API Gateway may write logs
 * with (an account-level setting, AWS::ApiGateway::Account). The role is retained when this
 * stack is deleted, so the setting never points at a role that no longer exists.
 */
function apiGatewayLogsRole(): Template['Resources'] {
  return {
    ApiGatewayCloudWatchRole: {
      Type: 'AWS::IAM::Role',
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: {
        Description: 'API Gateway writes REST API access and execution logs to CloudWatch Logs with this role',
        AssumeRolePolicyDocument: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Service: 'apigateway.amazonaws.com' }, Action: 'sts:AssumeRole' }],
        },
        ManagedPolicyArns: [{ 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs' }],
      },
    },
    ApiGatewayAccount: {
      Type: 'AWS::ApiGateway::Account',
      Properties: { CloudWatchRoleArn: { 'Fn::GetAtt': ['ApiGatewayCloudWatchRole', 'Arn'] } },
    },
  };
}

/** Whether a template has a REST API or a WebSocket API stage with access logs (which need API Gateway's CloudWatch role). */
export function needsApiGatewayLogsRole(template: { Resources?: Record<string, { Type?: string; Properties?: Record<string, unknown> }> }): boolean {
  return Object.values(template.Resources ?? {}).some(
    (r) => (r.Type === 'AWS::Serverless::Api' && r.Properties?.AccessLogSetting !== undefined) || (r.Type === 'AWS::ApiGatewayV2::Stage' && r.Properties?.AccessLogSettings !== undefined),
  );
}

function bootstrapVersion(stack: Stack | undefined): number {
  return Number(stack?.Outputs?.find((o) => o.OutputKey === 'Version')?.OutputValue ?? 0) || 0;
}

export function bucketFromStack(stack: Stack | undefined): string | undefined {
  return stack?.Outputs?.find((o) => o.OutputKey === 'BucketName')?.OutputValue;
}

/** Creates or updates the bootstrap stack (no confirmation: it is eda's own). */
async function runBootstrap(deps: Omit<DeployDeps, 'reporter'> & { reporter: DeployReporter }): Promise<DeployOutcome> {
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

/** The bootstrap stack's health: its status, its BucketName output, and its bucket (HeadBucket). */
export async function checkBootstrap(aws: AwsApi, known?: Stack): Promise<BootstrapHealth> {
  const stack = known ?? (await aws.cfn.describeStack(BOOTSTRAP_STACK));
  const status = stack?.StackStatus;
  // The app stack's dispositions, read for a stack that only holds a retained bucket: anything
  // an app stack could not be updated from is simply created again.
  const disposition = dispositionFor(BOOTSTRAP_STACK, status);
  if (!stack || disposition.kind === 'create') return { kind: 'missing' };
  if (disposition.kind === 'busy') throw new EdaError(disposition.message, 'Wait for it to finish, then run the command again.');
  if (disposition.kind !== 'update') return { kind: 'broken', stack, problem: `it was in ${status}`, fix: 'recreate' };
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
 * The artifacts bucket for a deploy. A bootstrap stack that looks usable and is at least
 * `minVersion` (a REST API's access logs need version 2) is trusted as it is (no extra calls: a
 * deploy with nothing to change stays at three reads); otherwise, when allowed, the stack is
 * created, updated or repaired.
 */
export async function ensureBucket(
  aws: AwsApi,
  deps: Omit<DeployDeps, 'aws'>,
  options: { create: boolean; known?: Stack | null; minVersion?: number },
): Promise<string | undefined> {
  const stack = options.known === undefined ? await aws.cfn.describeStack(BOOTSTRAP_STACK) : (options.known ?? undefined);
  const bucket = bucketFromStack(stack);
  const usable = bucket && dispositionFor(BOOTSTRAP_STACK, stack?.StackStatus).kind === 'update' ? bucket : undefined;
  if (usable && bootstrapVersion(stack) >= (options.minVersion ?? 0)) return usable;
  if (!options.create) return usable;
  if (!stack || stack.StackStatus === 'DELETE_COMPLETE') {
    deps.reporter.info(`Setting up the artifacts bucket (stack ${BOOTSTRAP_STACK} in ${aws.region}), once per account and region…`);
  } else if (usable) {
    deps.reporter.info(
      `Updating stack ${BOOTSTRAP_STACK} in ${aws.region} to version ${BOOTSTRAP_VERSION}: REST API access logs need API Gateway's CloudWatch role, set once per account and region…`,
    );
  }
  const result = await repairBootstrap({ ...deps, aws, reporter: { ...deps.reporter, changeSet: () => {}, confirm: async () => true } }, stack);
  if (result.status === 'detached') throw new EdaError(`Stopped waiting for stack ${BOOTSTRAP_STACK}.`, 'Run `eda bootstrap` to finish setting it up.');
  return result.bucket;
}
