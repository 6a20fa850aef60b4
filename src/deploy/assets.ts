// Uploads content-addressed assets to the artifacts bucket: only what is missing.
import type { Clock, S3Api } from './api.js';
import type { Asset } from './build.js';
import { sha256 } from './zip.js';

export interface UploadSummary {
  uploaded: number;
  uploadedBytes: number;
  unchanged: number;
  refreshed: number;
}

/** Objects older than this are copied onto themselves so the bucket's expiry rule spares them. */
export const REFRESH_AFTER_MS = 30 * 24 * 3600 * 1000;

async function pool<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await fn(items[next++]!);
  });
  await Promise.all(workers);
}

export async function uploadAssets(s3: S3Api, bucket: string, assets: Asset[], clock: Clock): Promise<UploadSummary> {
  const summary: UploadSummary = { uploaded: 0, uploadedBytes: 0, unchanged: 0, refreshed: 0 };
  await pool(assets, 8, async (asset) => {
    const head = await s3.headObject(bucket, asset.key);
    if (!head) {
      await s3.putObject(bucket, asset.key, asset.body, asset.contentType);
      summary.uploaded++;
      summary.uploadedBytes += asset.body.byteLength;
      return;
    }
    summary.unchanged++;
    if (head.lastModified && clock.now() - head.lastModified.valueOf() > REFRESH_AFTER_MS) {
      await s3.touchObject(bucket, asset.key);
      summary.refreshed++;
    }
  });
  return summary;
}

export function s3Url(bucket: string, key: string, region: string): string {
  const suffix = region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
  return `https://${bucket}.s3.${region}.${suffix}/${key}`;
}

/** Puts a template too large for TemplateBody into the bucket and returns its URL. */
export async function uploadTemplate(s3: S3Api, bucket: string, stackName: string, body: string, region: string): Promise<string> {
  const key = `templates/${stackName}-${sha256(body).slice(0, 16)}.json`;
  if (!(await s3.headObject(bucket, key))) await s3.putObject(bucket, key, Buffer.from(body), 'application/json');
  return s3Url(bucket, key, region);
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
