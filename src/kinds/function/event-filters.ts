// Event filters on queue and stream triggers (Lambda's FilterCriteria): one EventBridge pattern
// or a list of them, matched against each record as Lambda builds it. A record matching any
// filter reaches the function; the others are dropped (SQS deletes them). Checked here: the
// pattern language, Lambda's limits, and that the pattern names fields the record has.
import { closest } from '../../core/did-you-mean.js';
import type { Problem } from '../../manifest/problems.js';
import type { Path } from '../../manifest/source.js';
import { validatePattern } from '../../pattern/index.js';

/** Filters Lambda accepts on one event source mapping by default (a quota raise allows 10). */
export const DEFAULT_MAX_FILTERS = 5;
/** The most filters one event source mapping can have, quota raised. */
export const MAX_FILTERS = 10;
/** Longest filter pattern Lambda accepts (characters of its JSON). */
export const MAX_FILTER_LENGTH = 4096;

/** The top-level fields of the records each source hands Lambda's filter. */
export const RECORD_FIELDS = {
  queue: ['messageId', 'receiptHandle', 'body', 'attributes', 'messageAttributes', 'md5OfBody', 'eventSource', 'eventSourceARN', 'awsRegion'],
  stream: ['eventID', 'eventName', 'eventVersion', 'eventSource', 'awsRegion', 'dynamodb', 'userIdentity', 'eventSourceARN'],
} as const;
const DYNAMODB_FIELDS = ['ApproximateCreationDateTime', 'Keys', 'NewImage', 'OldImage', 'SequenceNumber', 'SizeBytes', 'StreamViewType'];
/** Which images each table stream view carries. */
const VIEW_IMAGES: Record<string, string[]> = { new: ['NewImage'], old: ['OldImage'], newAndOld: ['NewImage', 'OldImage'], keys: [] };

/** A filter as a list of patterns (one pattern or a list, as app.yaml allows). */
export function filterList(filter: unknown): Record<string, unknown>[] {
  if (filter === undefined || filter === null) return [];
  return (Array.isArray(filter) ? filter : [filter]) as Record<string, unknown>[];
}

export interface FilterSource {
  kind: 'queue' | 'stream';
  /** The table's stream view (stream triggers), as app.yaml writes it. */
  streamView?: string;
  table?: string;
}

/** Every problem of a queue or stream trigger's filter, positioned in app.yaml. */
export function checkEventFilter(filter: unknown, path: Path, source: FilterSource, add: (p: Problem) => void): void {
  if (filter === undefined) return;
  const list = filterList(filter);
  const many = Array.isArray(filter);
  if (list.length > DEFAULT_MAX_FILTERS) {
    add({ path: [...path, DEFAULT_MAX_FILTERS], severity: 'warning', code: 'filter-count', message: `${list.length} filters; Lambda allows ${DEFAULT_MAX_FILTERS} per event source mapping unless the account's quota is raised (to at most ${MAX_FILTERS})`, hint: 'combine filters with $or, or request a quota increase for "Filters per event source mapping" before deploying' });
  }
  list.forEach((pattern, i) => {
    const at = many ? [...path, i] : path;
    const problems = validatePattern(pattern);
    for (const p of problems) add({ path: [...at, ...p.path], code: 'filter-invalid', message: `invalid filter: ${p.message}`, hint: p.hint });
    if (problems.length || !pattern || typeof pattern !== 'object') return;
    const length = JSON.stringify(pattern).length;
    if (length > MAX_FILTER_LENGTH) add({ path: at, code: 'filter-length', message: `this filter is ${length} characters of JSON; Lambda accepts at most ${MAX_FILTER_LENGTH}`, hint: 'split it into several filters (a record matching any of them is delivered)' });
    checkFields(pattern, at, source, add);
  });
}

/** A pattern's fields must exist on the record, or the filter drops every record. */
function checkFields(pattern: Record<string, unknown>, at: Path, source: FilterSource, add: (p: Problem) => void): void {
  const fields: readonly string[] = RECORD_FIELDS[source.kind];
  const what = source.kind === 'queue' ? 'an SQS record' : 'a DynamoDB stream record';
  for (const key of Object.keys(pattern)) {
    if (key === '$or') continue;
    if (!fields.includes(key)) {
      const near = closest(key, fields);
      add({ path: [...at, key], at: 'key', code: 'filter-field', message: `'${key}' is not a field of ${what}, so this filter would drop every record`, hint: near ? `did you mean '${near}'? (${what} has: ${fields.join(', ')})` : `${what} has: ${fields.join(', ')}${source.kind === 'queue' ? '; filter on the message itself under body' : ''}` });
    }
  }
  const dynamodb = pattern.dynamodb;
  if (source.kind !== 'stream' || !dynamodb || typeof dynamodb !== 'object' || Array.isArray(dynamodb)) return;
  for (const key of Object.keys(dynamodb)) {
    if (key === '$or') continue;
    if (!DYNAMODB_FIELDS.includes(key)) {
      const near = closest(key, DYNAMODB_FIELDS);
      add({ path: [...at, 'dynamodb', key], at: 'key', code: 'filter-field', message: `'${key}' is not a field of a DynamoDB stream record's dynamodb`, hint: near ? `did you mean '${near}'?` : `it has: ${DYNAMODB_FIELDS.join(', ')}` });
    } else if ((key === 'NewImage' || key === 'OldImage') && source.streamView && !VIEW_IMAGES[source.streamView]?.includes(key)) {
      add({ path: [...at, 'dynamodb', key], at: 'key', code: 'filter-image', message: `the stream of table '${source.table}' (${source.streamView}) carries no ${key}, so this filter would drop every record`, hint: `set tables.${source.table}.stream to ${key === 'NewImage' ? 'new or newAndOld' : 'old or newAndOld'}` });
    }
  }
}
