// Lambda's event filtering on queue and stream triggers, as `eda dev` applies it: each record is
// matched against the trigger's filters (EventBridge patterns) as Lambda sees it, and only a
// record matching at least one reaches the function. An SQS body that is JSON is matched as the
// object it holds (body.x); any other body only as the plain string it is.
import { compilePattern } from '../pattern/index.js';

export type RecordFilter = (record: unknown) => boolean;

/** A matcher for a trigger's filters (undefined when it has none: every record passes). */
export function recordFilter(filters: Record<string, unknown>[] | undefined): RecordFilter | undefined {
  if (!filters?.length) return undefined;
  const matchers = filters.map((f) => compilePattern(f));
  return (record) => matchers.some((matches) => matches(record));
}

/** An SQS record as Lambda's filter sees it: a JSON object or array body parsed, any other body a string. */
export function sqsFilterView<R extends { body: string }>(record: R): Omit<R, 'body'> & { body: unknown } {
  const text = record.body.trim();
  if (!text.startsWith('{') && !text.startsWith('[')) return record;
  try {
    return { ...record, body: JSON.parse(text) as unknown };
  } catch {
    return record;
  }
}
