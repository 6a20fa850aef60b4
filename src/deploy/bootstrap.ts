// The eda-bootstrap stack, once per account and region: the artifacts bucket (content-addressed
// code assets and templates too large to pass inline) and API Gateway's account-level
// CloudWatch role, which REST API access logs need (AWS allows one per account and region).
import { EdaError } from '../cli/errors.js';
import type { AwsApi, Stack } from './api.js';
import { deploy, type DeployDeps, type DeployOutcome, type DeployReporter } from './engine.js';
import type { Template } from './template.js';

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

/** Whether a template has a REST API with access logs (which needs API Gateway's CloudWatch role). */
export function needsApiGatewayLogsRole(template: { Resources?: Record<string, { Type?: string; Properties?: Record<string, unknown> }> }): boolean {
  return Object.values(template.Resources ?? {}).some((r) => r.Type === 'AWS::Serverless::Api' && r.Properties?.AccessLogSetting !== undefined);
}

export function bootstrapVersion(stack: Stack | undefined): number {
  return Number(stack?.Outputs?.find((o) => o.OutputKey === 'Version')?.OutputValue ?? 0) || 0;
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

/**
 * The artifacts bucket; creates the bootstrap stack on first use when allowed, and updates it
 * when it is older than `minVersion` (a REST API's access logs need version 2).
 */
export async function ensureBucket(
  aws: AwsApi,
  deps: Omit<DeployDeps, 'aws'>,
  options: { create: boolean; known?: Stack | null; minVersion?: number },
): Promise<string | undefined> {
  const stack = options.known === undefined ? await aws.cfn.describeStack(BOOTSTRAP_STACK) : (options.known ?? undefined);
  const bucket = bucketFromStack(stack);
  // The bucket outlives failed updates of this stack (and is retained on deletion).
  const usable = bucket && !/^DELETE_/.test(stack?.StackStatus ?? '') ? bucket : undefined;
  if (usable && bootstrapVersion(stack) >= (options.minVersion ?? 0)) return usable;
  if (!options.create) return usable;
  deps.reporter.info(
    usable
      ? `Updating stack ${BOOTSTRAP_STACK} in ${aws.region} to version ${BOOTSTRAP_VERSION}: REST API access logs need API Gateway's CloudWatch role, set once per account and region…`
      : `Setting up the artifacts bucket (stack ${BOOTSTRAP_STACK} in ${aws.region}), once per account and region…`,
  );
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
