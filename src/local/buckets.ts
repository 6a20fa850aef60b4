// S3 buckets in memory: objects by key with their ETag, type and metadata, listed in key order;
// each put and delete of a bucket whose EventBridge notifications are on sends S3's own
// "Object Created" / "Object Deleted" event to the default bus.
import type { App } from '../model/types.js';
import type { Addresses } from './addresses.js';
import type { TimerClock as Clock } from './clock.js';
import { md5 } from './ids.js';
import { eventBridgeEvent, type EventBridgeEvent } from './payloads.js';
import type { Trace } from './trace.js';

export interface StoredObject {
  body: Buffer;
  etag: string;
  contentType: string;
  metadata: Record<string, string>;
  lastModified: number;
}

export interface BucketsDeps {
  app: App;
  addresses: Addresses;
  clock: Clock;
  trace: Trace;
  /** Where object events go (the default bus). */
  emit(event: EventBridgeEvent): void;
}

export class LocalBuckets {
  private readonly objects = new Map<string, Map<string, StoredObject>>();
  private sequencer = 0x10000000000000n;

  constructor(private readonly deps: BucketsDeps) {
    for (const b of deps.app.buckets) this.objects.set(b.name, new Map());
  }

  /** The bucket (app name) a physical bucket name denotes. */
  byName(physical: string): string | undefined {
    return this.deps.addresses.bucketByName(physical);
  }

  get(bucket: string, key: string): StoredObject | undefined {
    return this.objects.get(bucket)?.get(key);
  }

  /** Keys in UTF-8 binary order, as S3 lists them. */
  keys(bucket: string): string[] {
    return [...(this.objects.get(bucket)?.keys() ?? [])].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  }

  put(bucket: string, key: string, body: Buffer, contentType = 'binary/octet-stream', metadata: Record<string, string> = {}, requestId = ''): StoredObject {
    const object: StoredObject = { body, etag: md5(body), contentType, metadata, lastModified: this.deps.clock.now() };
    this.objects.get(bucket)!.set(key, object);
    this.deps.trace.emit({ kind: 'bucket', bucket, action: 'put', key, size: body.length });
    this.notify(bucket, 'Object Created', { key, size: body.length, etag: object.etag }, { reason: 'PutObject' }, requestId);
    return object;
  }

  /** S3 answers 204 whether or not the key existed; only a real deletion is an event. */
  delete(bucket: string, key: string, requestId = ''): void {
    const existed = this.objects.get(bucket)?.delete(key);
    if (!existed) return;
    this.deps.trace.emit({ kind: 'bucket', bucket, action: 'delete', key });
    this.notify(bucket, 'Object Deleted', { key }, { reason: 'DeleteObject', 'deletion-type': 'Permanently Deleted' }, requestId);
  }

  private notify(bucket: string, detailType: string, object: Record<string, unknown>, extra: Record<string, unknown>, requestId: string): void {
    const model = this.deps.app.buckets.find((b) => b.name === bucket);
    if (!model?.eventBridge) return;
    const { addresses } = this.deps;
    const name = addresses.bucketName(bucket);
    const sequencer = (++this.sequencer).toString(16).toUpperCase();
    const detail = {
      version: '0',
      bucket: { name },
      object: { ...object, sequencer },
      'request-id': requestId,
      requester: addresses.account,
      'source-ip-address': '127.0.0.1',
      ...extra,
    };
    this.deps.emit(eventBridgeEvent({ source: 'aws.s3', detailType, detail, resources: [addresses.bucketArn(bucket)], region: addresses.region, time: this.deps.clock.now() }));
  }
}
