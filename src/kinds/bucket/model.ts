// Buckets in the model (encryption, versioning, lifecycle, CORS, EventBridge notifications), and
// the rule a function's bucket trigger implies: the default bus's aws.s3 object events of that
// bucket, which is what the bucket's EventBridge notifications produce.
import { logicalId, pascal } from '../../core/names.js';
import type { TriggerSpec } from '../../manifest/app.types.js';
import type { RuleModel, SourcePath } from '../../model/types.js';
import { parseDeep, type Deep } from '../../model/values.js';
import { ruleTarget } from '../rule/model.js';
import type { ModelContext } from '../types.js';

export function modelBuckets(c: ModelContext): void {
  for (const [name, spec] of Object.entries(c.m.buckets ?? {})) {
    const s = spec ?? {};
    c.app.buckets.push({
      name,
      logicalId: logicalId('bucket', name),
      encryption: s.encryption ?? 's3',
      versioning: s.versioning ?? false,
      eventBridge: s.eventBridge ?? true,
      lifecycle: (s.lifecycle ?? []).map((r) => ({ prefix: r.prefix, expireAfterDays: r.expireAfterDays, noncurrentExpireAfterDays: r.noncurrentExpireAfterDays })),
      abortIncompleteUploadsAfterDays: s.abortIncompleteUploadsAfterDays ?? 7,
      cors: s.cors && {
        origins: s.cors.origins,
        methods: s.cors.methods ?? ['GET'],
        headers: s.cors.headers ?? [],
        exposeHeaders: s.cors.exposeHeaders ?? [],
        maxAge: s.cors.maxAge,
      },
      path: ['buckets', name],
    });
  }
}

const DETAIL_TYPES = { created: 'Object Created', removed: 'Object Deleted' } as const;

/** A key filter as an EventBridge pattern value: prefix, suffix, or both as one wildcard. */
export function keyFilter(prefix?: string, suffix?: string): Deep[] | undefined {
  if (prefix !== undefined && suffix !== undefined) {
    const escape = (s: string) => s.replace(/[\\*]/g, (ch) => `\\${ch}`);
    return [{ wildcard: `${escape(prefix)}*${escape(suffix)}` }];
  }
  if (prefix !== undefined) return [{ prefix }];
  if (suffix !== undefined) return [{ suffix }];
  return undefined;
}

/** The event pattern matching one bucket's object events. */
export function bucketPattern(bucket: string, events: ('created' | 'removed')[], prefix?: string, suffix?: string): Record<string, Deep> {
  const key = keyFilter(prefix, suffix);
  return parseDeep({
    source: ['aws.s3'],
    'detail-type': events.map((e) => DETAIL_TYPES[e]),
    detail: { bucket: { name: [`\${buckets.${bucket}.name}`] }, ...(key ? { object: { key } } : {}) },
  }) as Record<string, Deep>;
}

/** The implicit rule of function `fn`'s n-th bucket trigger. */
export function bucketTriggerRule(fn: string, n: number, t: TriggerSpec, source: SourcePath): RuleModel {
  const events = t.events ?? ['created'];
  return {
    name: `${fn}.bucket${n}`,
    logicalId: `${pascal(fn)}Bucket${n}Rule`,
    bus: 'default',
    description: `Object events of bucket ${t.bucket} to function ${fn}`,
    pattern: bucketPattern(t.bucket!, events, t.prefix, t.suffix),
    enabled: true,
    targets: [ruleTarget('function', fn, undefined, undefined, source)],
    implicit: true,
    path: source,
  };
}
