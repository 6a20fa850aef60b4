// eda dev's S3: the handlers' own SDK (no configuration) reaches the local buckets, and a
// PutObject from a handler triggers the bucket's consumer with S3's EventBridge event.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/kinds/build.js';
import type { AppManifest } from '../../src/manifest/app.types.js';
import { startLocal, type LocalRuntime } from '../../src/local/runtime.js';

let dir: string;
let rt: LocalRuntime;
const s3 = () => new S3Client({ endpoint: rt.endpoints.services, region: 'eu-west-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });

const manifest = {
  name: 'files',
  region: 'eu-west-1',
  buckets: { uploads: {}, quiet: { eventBridge: false } },
  functions: {
    writer: { uses: [{ bucket: 'uploads', access: 'write' }, { bucket: 'quiet' }] },
    onUpload: { uses: [{ bucket: 'uploads', access: 'read' }], triggers: [{ bucket: 'uploads', events: ['created', 'removed'], prefix: 'in/', suffix: '.txt' }] },
  },
} as unknown as AppManifest;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'eda-s3-'));
  mkdirSync(join(dir, 'src/handlers'), { recursive: true });
  symlinkSync(resolve(import.meta.dirname, '../../node_modules'), join(dir, 'node_modules'), 'dir');
  writeFileSync(
    join(dir, 'src/handlers/writer.ts'),
    [
      "import { DeleteObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';",
      'const s3 = new S3Client({});',
      'export const handler = async (e: { bucket?: string; key: string; body?: string; remove?: boolean }) => {',
      '  const Bucket = e.bucket ?? process.env.UPLOADS_BUCKET_NAME;',
      '  if (e.remove) await s3.send(new DeleteObjectCommand({ Bucket, Key: e.key }));',
      "  else await s3.send(new PutObjectCommand({ Bucket, Key: e.key, Body: e.body ?? 'hello', ContentType: 'text/plain' }));",
      '  return { ok: true };',
      '};',
    ].join('\n'),
  );
  writeFileSync(
    join(dir, 'src/handlers/onUpload.ts'),
    [
      "import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';",
      'const s3 = new S3Client({});',
      'export const handler = async (event: any) => {',
      '  const { bucket, object } = event.detail;',
      "  const text = event['detail-type'] === 'Object Created' ? await (await s3.send(new GetObjectCommand({ Bucket: bucket.name, Key: object.key }))).Body?.transformToString() : undefined;",
      "  console.log('GOT ' + JSON.stringify({ type: event['detail-type'], source: event.source, bucket: bucket.name, key: object.key, size: object.size, reason: event.detail.reason, text, resources: event.resources }));",
      '};',
    ].join('\n'),
  );
  rt = await startLocal({ app: buildApp(manifest, 'dev'), cwd: dir, port: 0, watch: false });
  expect(rt.build.error).toBeUndefined();
}, 60_000);

afterAll(async () => {
  await rt?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const got = async (key: string, type = 'Object Created') => {
  const line = await rt.trace.waitFor((e) => e.kind === 'log' && e.function === 'onUpload' && e.text.includes(`"key":"${key}"`) && e.text.includes(type), 20_000);
  return JSON.parse((line as { text: string }).text.slice(line.kind === 'log' ? (line as { text: string }).text.indexOf('{') : 0));
};

describe('eda dev S3', () => {
  it('a PutObject from a handler triggers the bucket consumer with the object key', async () => {
    const r = await rt.invoke('writer', { key: 'in/report.txt', body: 'twelve bytes' });
    expect(r.ok, JSON.stringify(r)).toBe(true);
    const event = await got('in/report.txt');
    expect(event).toEqual({
      type: 'Object Created',
      source: 'aws.s3',
      bucket: 'files-dev-uploads',
      key: 'in/report.txt',
      size: 12,
      reason: 'PutObject',
      text: 'twelve bytes',
      resources: ['arn:aws:s3:::files-dev-uploads'],
    });
  }, 30_000);

  it('filters by prefix and suffix, and delivers Object Deleted for removals', async () => {
    await rt.invoke('writer', { key: 'out/skip.txt' });
    await rt.invoke('writer', { key: 'in/skip.csv' });
    await rt.invoke('writer', { key: 'in/gone.txt' });
    await got('in/gone.txt');
    await rt.invoke('writer', { key: 'in/gone.txt', remove: true });
    expect(await got('in/gone.txt', 'Object Deleted')).toMatchObject({ type: 'Object Deleted', reason: 'DeleteObject', key: 'in/gone.txt' });
    const delivered = rt.trace.recent.filter((e) => e.kind === 'log' && e.function === 'onUpload').map((e) => (e as { text: string }).text);
    expect(delivered.some((t) => t.includes('skip'))).toBe(false);
  }, 30_000);

  it('a bucket with eventBridge: false sends no events', async () => {
    const before = rt.trace.recent.filter((e) => e.kind === 'bus').length;
    await rt.invoke('writer', { bucket: 'files-dev-quiet', key: 'in/q.txt' });
    expect(rt.trace.recent.filter((e) => e.kind === 'bus').length).toBe(before);
  }, 30_000);

  it('answers GetObject, HeadObject, ListObjectsV2 and DeleteObject as S3 does', async () => {
    const client = s3();
    const Bucket = 'files-dev-uploads';
    await client.send(new PutObjectCommand({ Bucket, Key: 'list/a/1.txt', Body: 'one', Metadata: { owner: 'me' } }));
    await client.send(new PutObjectCommand({ Bucket, Key: 'list/a/2.txt', Body: 'two' }));
    await client.send(new PutObjectCommand({ Bucket, Key: 'list/b.txt', Body: 'three' }));
    const head = await client.send(new HeadObjectCommand({ Bucket, Key: 'list/a/1.txt' }));
    expect(head.ContentLength).toBe(3);
    expect(head.Metadata).toEqual({ owner: 'me' });
    const listed = await client.send(new ListObjectsV2Command({ Bucket, Prefix: 'list/', Delimiter: '/' }));
    expect(listed.Contents?.map((c) => c.Key)).toEqual(['list/b.txt']);
    expect(listed.CommonPrefixes?.map((c) => c.Prefix)).toEqual(['list/a/']);
    const page1 = await client.send(new ListObjectsV2Command({ Bucket, Prefix: 'list/', MaxKeys: 2 }));
    expect(page1.IsTruncated).toBe(true);
    const page2 = await client.send(new ListObjectsV2Command({ Bucket, Prefix: 'list/', MaxKeys: 2, ContinuationToken: page1.NextContinuationToken }));
    expect([...page1.Contents!, ...page2.Contents!].map((c) => c.Key)).toEqual(['list/a/1.txt', 'list/a/2.txt', 'list/b.txt']);
    await client.send(new DeleteObjectCommand({ Bucket, Key: 'list/b.txt' }));
    await expect(client.send(new GetObjectCommand({ Bucket, Key: 'list/b.txt' }))).rejects.toMatchObject({ name: 'NoSuchKey' });
    await expect(client.send(new HeadObjectCommand({ Bucket, Key: 'list/b.txt' }))).rejects.toMatchObject({ name: 'NotFound' });
    await expect(client.send(new GetObjectCommand({ Bucket: 'nope', Key: 'x' }))).rejects.toMatchObject({ name: 'NoSuchBucket' });
  }, 30_000);
});

describe('eda invoke samples for a bucket trigger', () => {
  it('is an S3 Object Created event of that bucket, matching the trigger', async () => {
    const { sampleEvent, sampleKinds } = await import('../../src/local/samples.js');
    const { Addresses } = await import('../../src/local/addresses.js');
    const app = buildApp(manifest, 'dev');
    const fn = app.functions.find((f) => f.name === 'onUpload')!;
    expect(sampleKinds(app, fn)).toEqual(['event']);
    const event = sampleEvent(app, fn, 'event', new Addresses(app, { services: 'http://127.0.0.1:1', apis: {} })) as { source: string; 'detail-type': string; detail: { bucket: { name: string }; object: { key: string } } };
    expect(event.source).toBe('aws.s3');
    expect(['Object Created', 'Object Deleted']).toContain(event['detail-type']);
    expect(event.detail.bucket.name).toBe('files-dev-uploads');
  });
});
