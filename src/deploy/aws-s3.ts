// The S3 half of the AWS seam (S3Api in api.ts). The S3 SDK loads only when first used:
// a no-op deploy never touches it.
import type { S3Client, S3ClientConfig } from '@aws-sdk/client-s3';
import { EdaError } from '../core/errors.js';
import type { S3Api } from './api.js';
import { isNotFound, type AwsCall } from './aws-errors.js';
import { guardResponses, uploadTimeout, type Timeouts } from './aws-transport.js';

/** The artifacts bucket named in the bootstrap stack is gone. */
function missingBucket(bucket: string): EdaError {
  return new EdaError(`The artifacts bucket ${bucket} does not exist (it was deleted outside eda).`, 'Run `eda bootstrap` to repair it, then deploy again.');
}

type S3Module = typeof import('@aws-sdk/client-s3');
/** The S3 module and one client, created on first use. */
export type LazyS3 = () => Promise<{ mod: S3Module; client: S3Client }>;

export function lazyS3(config: S3ClientConfig): LazyS3 {
  let s3Module: Promise<S3Module> | undefined;
  let s3Client: S3Client | undefined;
  return async () => {
    const mod = await (s3Module ??= import('@aws-sdk/client-s3'));
    if (!s3Client) {
      s3Client = new mod.S3Client(config);
      guardResponses(s3Client, 'rest-xml');
    }
    return { mod, client: s3Client };
  };
}

export function s3Api(s3: LazyS3, call: AwsCall, timeouts: Timeouts): S3Api {
  return {
    headBucket: (bucket) =>
      call(
        `check the bucket ${bucket}`,
        async () => {
          const { mod, client } = await s3();
          await client.send(new mod.HeadBucketCommand({ Bucket: bucket }));
          return true;
        },
        (error) => (isNotFound(error) ? { value: false } : undefined),
      ),
    headObject: (bucket, key) =>
      call(
        `check s3://${bucket}/${key}`,
        async () => {
          const { mod, client } = await s3();
          const out = await client.send(new mod.HeadObjectCommand({ Bucket: bucket, Key: key }));
          return { lastModified: out.LastModified } as { lastModified?: Date } | undefined;
        },
        (error) => (isNotFound(error) ? { value: undefined } : undefined),
      ),
    putObject: (bucket, key, body, contentType) =>
      call(
        `upload s3://${bucket}/${key}`,
        async () => {
          const { mod, client } = await s3();
          await client.send(new mod.PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType }), {
            requestTimeout: uploadTimeout(timeouts, body.byteLength),
          });
        },
        (error) => {
          if ((error as { name?: string })?.name === 'NoSuchBucket') throw missingBucket(bucket);
          return undefined;
        },
      ),
    touchObject: (bucket, key) =>
      call(`refresh s3://${bucket}/${key}`, async () => {
        const { mod, client } = await s3();
        await client.send(
          new mod.CopyObjectCommand({
            Bucket: bucket,
            Key: key,
            CopySource: `${bucket}/${encodeURIComponent(key).replace(/%2F/g, '/')}`,
            MetadataDirective: 'REPLACE',
          }),
        );
      }),
  };
}
