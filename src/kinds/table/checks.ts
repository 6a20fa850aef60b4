// Tables and their stream triggers: index count, one type per key attribute, streams that exist.
import type { Path } from '../../manifest/source.js';
import { checkEventFilter } from '../function/event-filters.js';
import type { CheckContext } from '../types.js';

export function checkTables(c: CheckContext): void {
  const { m, add } = c;
  for (const { trigger: t, path } of c.triggers('stream')) {
    c.ref('table', t.stream, [...path, 'stream'], 'table');
    const table = m.tables?.[t.stream!];
    if (table && !table.stream) add({ path: [...path, 'stream'], code: 'stream-off', message: `table '${t.stream}' has no stream`, hint: `add stream: newAndOld (or new, old, keys) to tables.${t.stream}` });
    checkEventFilter(t.filter, [...path, 'filter'], { kind: 'stream', streamView: table?.stream, table: t.stream }, add);
    if (t.batchSize !== undefined && t.batchSize > 10000) add({ path: [...path, 'batchSize'], code: 'stream-batch', message: 'batchSize for a stream is at most 10000' });
  }
  for (const [tableName, table] of Object.entries(m.tables ?? {})) {
    if (!table) continue;
    const indexes = Object.keys(table.indexes ?? {});
    if (indexes.length > 20) add({ path: ['tables', tableName, 'indexes'], at: 'key', code: 'table-indexes', message: `${indexes.length} indexes; DynamoDB allows 20 global secondary indexes per table` });
    const keyTypes = new Map<string, { type: string; path: Path }>();
    const note = (key: string | undefined, path: Path) => {
      if (!key) return;
      const [name, type = 'string'] = key.split(':');
      const prev = keyTypes.get(name!);
      if (prev && prev.type !== type) add({ path, code: 'key-type', message: `attribute '${name}' is ${type} here but ${prev.type} elsewhere in this table`, hint: 'an attribute used in several keys must have one type' });
      else keyTypes.set(name!, { type, path });
    };
    note(table.partitionKey, ['tables', tableName, 'partitionKey']);
    note(table.sortKey, ['tables', tableName, 'sortKey']);
    for (const idx of indexes) {
      note(table.indexes![idx]!.partitionKey, ['tables', tableName, 'indexes', idx, 'partitionKey']);
      note(table.indexes![idx]!.sortKey, ['tables', tableName, 'indexes', idx, 'sortKey']);
    }
  }
}
