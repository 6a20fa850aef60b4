// Buckets and their triggers: a trigger names a declared bucket whose EventBridge notifications
// are on; lifecycle rules do something, and noncurrent versions exist only with versioning.
import type { CheckContext } from '../types.js';

export function checkBuckets(c: CheckContext): void {
  const { m, add } = c;
  for (const { trigger: t, path } of c.triggers('bucket')) {
    c.ref('bucket', t.bucket, [...path, 'bucket'], 'bucket');
    const bucket = m.buckets?.[t.bucket!];
    if (bucket && bucket.eventBridge === false) {
      add({ path: [...path, 'bucket'], code: 'bucket-events-off', message: `bucket '${t.bucket}' does not send its object events to EventBridge`, hint: `remove eventBridge: false from buckets.${t.bucket}` });
    }
  }
  for (const [name, bucket] of Object.entries(m.buckets ?? {})) {
    if (!bucket) continue;
    (bucket.lifecycle ?? []).forEach((rule, i) => {
      const path = ['buckets', name, 'lifecycle', i];
      if (!rule || typeof rule !== 'object') return;
      if (rule.expireAfterDays === undefined && rule.noncurrentExpireAfterDays === undefined) {
        add({ path, code: 'lifecycle-empty', message: 'this lifecycle rule expires nothing', hint: 'add expireAfterDays: 30 (current objects) or noncurrentExpireAfterDays: 30 (replaced versions)' });
      }
      if (rule.noncurrentExpireAfterDays !== undefined && !bucket.versioning) {
        add({ path: [...path, 'noncurrentExpireAfterDays'], at: 'key', code: 'lifecycle-versioning', message: `bucket '${name}' keeps no noncurrent versions: versioning is off`, hint: `add versioning: true to buckets.${name}, or remove noncurrentExpireAfterDays` });
      }
    });
  }
}
