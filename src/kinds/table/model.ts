// Tables in the model: typed keys, billing, stream view, indexes, point-in-time recovery.
import { logicalId } from '../../core/names.js';
import type { KeyAttribute } from '../../model/types.js';
import type { ModelContext } from '../types.js';
import { parseValue } from '../../model/values.js';

const streamViews = { new: 'NEW_IMAGE', old: 'OLD_IMAGE', newAndOld: 'NEW_AND_OLD_IMAGES', keys: 'KEYS_ONLY' } as const;

export function modelTables(c: ModelContext): void {
  for (const [name, spec] of Object.entries(c.m.tables ?? {})) {
    c.app.tables.push({
      name,
      logicalId: logicalId('table', name),
      partitionKey: keyOf(spec.partitionKey),
      sortKey: spec.sortKey ? keyOf(spec.sortKey) : undefined,
      billing: typeof spec.billing === 'object' ? { mode: 'provisioned', read: spec.billing.read, write: spec.billing.write } : { mode: 'onDemand' },
      stream: spec.stream ? streamViews[spec.stream] : undefined,
      ttl: spec.ttl,
      indexes: Object.entries(spec.indexes ?? {}).map(([iname, idx]) => ({
        name: iname,
        partitionKey: keyOf(idx.partitionKey),
        sortKey: idx.sortKey ? keyOf(idx.sortKey) : undefined,
        projection: idx.projection === undefined || idx.projection === 'all' ? 'ALL' : idx.projection === 'keys' ? 'KEYS_ONLY' : idx.projection,
      })),
      pointInTimeRecovery: spec.pointInTimeRecovery ?? true,
      path: ['tables', name],
      physicalName: spec.name === undefined ? undefined : parseValue(spec.name),
    });
  }
}

function keyOf(spec: string): KeyAttribute {
  const [name, type = 'string'] = spec.split(':');
  return { name: name!, type: type === 'number' ? 'N' : type === 'binary' ? 'B' : 'S' };
}
