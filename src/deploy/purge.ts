// eda destroy --purge: after the stack is gone, deletes what it retained (DeletionPolicy
// Retain): tables, queues (DLQs included), buckets with every object version, log groups.
import type { PurgeApi } from './cloud-api.js';

export interface Retained {
  logicalId: string;
  type: string;
  physicalId?: string;
}

export interface Purged extends Retained {
  /** deleted · already gone · not purged (a type eda does not delete, or no physical ID). */
  outcome: 'deleted' | 'gone' | 'skipped';
  /** For a bucket: the objects (versions) deleted with it. */
  objects?: number;
}

const PURGEABLE = new Set(['AWS::DynamoDB::Table', 'AWS::SQS::Queue', 'AWS::S3::Bucket', 'AWS::Logs::LogGroup']);

export function purgeable(r: Retained): boolean {
  return PURGEABLE.has(r.type) && Boolean(r.physicalId);
}

/** Deletes one retained resource; how it went. */
async function purgeOne(api: PurgeApi, r: Retained): Promise<Purged> {
  const id = r.physicalId!;
  switch (r.type) {
    case 'AWS::DynamoDB::Table':
      return { ...r, outcome: (await api.deleteTable(id)) ? 'deleted' : 'gone' };
    case 'AWS::SQS::Queue':
      return { ...r, outcome: (await api.deleteQueue(id)) ? 'deleted' : 'gone' };
    case 'AWS::Logs::LogGroup':
      return { ...r, outcome: (await api.deleteLogGroup(id)) ? 'deleted' : 'gone' };
    default: {
      const objects = await api.emptyAndDeleteBucket(id);
      return objects === undefined ? { ...r, outcome: 'gone' } : { ...r, outcome: 'deleted', objects };
    }
  }
}

/** Deletes every purgeable resource, one after the other, reporting each as it goes. */
export async function purgeRetained(api: PurgeApi, retained: Retained[], onEach: (p: Purged) => void = () => {}): Promise<Purged[]> {
  const done: Purged[] = [];
  for (const r of retained) {
    const p = purgeable(r) ? await purgeOne(api, r) : { ...r, outcome: 'skipped' as const };
    done.push(p);
    onEach(p);
  }
  return done;
}
