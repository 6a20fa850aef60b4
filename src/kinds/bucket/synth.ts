// Each bucket: an AWS::S3::Bucket — encrypted (SSE-S3, or SSE-KMS with bucket keys), public
// access blocked, ACLs off, object events to EventBridge, retained like tables unless the stage
// says retainData: false — and a bucket policy refusing every request not made over TLS.
import type { App, BucketModel } from '../../model/types.js';
import { denyInsecureTransport } from '../iam.js';
import { getAtt, ref, sub, type TemplateBuilder } from '../template.js';

export function synthBuckets(app: App, t: TemplateBuilder): void {
  const policy = app.retainData ? 'Retain' : 'Delete';
  for (const b of app.buckets) {
    t.add(
      b.logicalId,
      {
        Type: 'AWS::S3::Bucket',
        DeletionPolicy: policy,
        UpdateReplacePolicy: policy,
        Properties: {
          BucketEncryption: {
            ServerSideEncryptionConfiguration: [
              b.encryption === 'kms' ? { ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' }, BucketKeyEnabled: true } : { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
            ],
          },
          PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
          OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
          VersioningConfiguration: b.versioning ? { Status: 'Enabled' } : undefined,
          LifecycleConfiguration: lifecycle(b),
          CorsConfiguration: b.cors
            ? {
                CorsRules: [
                  {
                    AllowedOrigins: b.cors.origins,
                    AllowedMethods: b.cors.methods,
                    AllowedHeaders: b.cors.headers.length ? b.cors.headers : undefined,
                    ExposedHeaders: b.cors.exposeHeaders.length ? b.cors.exposeHeaders : undefined,
                    MaxAge: b.cors.maxAge,
                  },
                ],
              }
            : undefined,
          NotificationConfiguration: b.eventBridge ? { EventBridgeConfiguration: { EventBridgeEnabled: true } } : undefined,
        },
      },
      b.path,
    );
    t.add(
      `${b.logicalId}Policy`,
      {
        Type: 'AWS::S3::BucketPolicy',
        Properties: {
          Bucket: ref(b.logicalId),
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [denyInsecureTransport('s3:*', [getAtt(b.logicalId, 'Arn'), sub(`\${${b.logicalId}.Arn}/*`)])],
          },
        },
      },
      b.path,
    );
  }
}

function lifecycle(b: BucketModel): unknown {
  const rules: Record<string, unknown>[] = b.lifecycle.map((r, i) => ({
    Id: `rule-${i + 1}`,
    Status: 'Enabled',
    Prefix: r.prefix,
    ExpirationInDays: r.expireAfterDays,
    NoncurrentVersionExpiration: r.noncurrentExpireAfterDays !== undefined ? { NoncurrentDays: r.noncurrentExpireAfterDays } : undefined,
  }));
  if (b.abortIncompleteUploadsAfterDays > 0) {
    rules.push({ Id: 'abort-incomplete-uploads', Status: 'Enabled', AbortIncompleteMultipartUpload: { DaysAfterInitiation: b.abortIncompleteUploadsAfterDays } });
  }
  return rules.length ? { Rules: rules } : undefined;
}
