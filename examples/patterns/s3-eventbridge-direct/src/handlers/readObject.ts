// Reads each object written to the source bucket, as the pattern's function does.
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { S3ObjectCreatedNotificationEvent } from 'aws-lambda';

const s3 = new S3Client({});

export const handler = async (event: S3ObjectCreatedNotificationEvent): Promise<void> => {
  const { bucket, object } = event.detail;
  const result = await s3.send(new GetObjectCommand({ Bucket: bucket.name, Key: object.key }));
  const body = await result.Body?.transformToString();
  console.log(JSON.stringify({ key: object.key, size: object.size, length: body?.length }));
};
