// Table routes (REST APIs only) in `eda dev`: the PutItem, GetItem, Query and DeleteItem calls
// the mapping templates synth writes make, with the same item conversions — a body's top-level
// strings, numbers, booleans and nulls become S, N, BOOL and NULL (objects and arrays their JSON
// text), and items come back as plain JSON (other attribute types stay in DynamoDB's form).
import type { DirectRouteModel, KeyAttribute } from '../model/types.js';
import type { Addresses } from './addresses.js';
import type { DirectRequest, DirectResponse } from './direct-routes.js';
import { DynamoError, type LocalTables } from './tables.js';

type Json = Record<string, unknown>;
type Attr = Record<string, unknown>;

const reply = (status: number, value: unknown): DirectResponse => ({ status, body: JSON.stringify(value) });

/** A body value as the put template types it. */
function attributeOf(value: unknown): Attr {
  if (typeof value === 'string') return { S: value };
  if (typeof value === 'boolean') return { BOOL: value };
  if (value === null) return { NULL: true };
  if (typeof value === 'number') return { N: String(value) };
  return { S: JSON.stringify(value) };
}

/** An item as the response templates render it. */
export function plainItem(item: Record<string, Attr>): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(item)) {
    if ('S' in v) out[k] = v.S;
    else if ('N' in v) out[k] = Number(v.N);
    else if ('BOOL' in v) out[k] = v.BOOL;
    else if ('NULL' in v) out[k] = null;
    else out[k] = v;
  }
  return out;
}

const keyAttr = (k: KeyAttribute, params: Record<string, string>): Attr => ({ [k.type === 'N' ? 'N' : 'S']: params[k.name] ?? '' });

export async function directTableCall(route: DirectRouteModel, req: DirectRequest, tables: LocalTables, addresses: Addresses, body: unknown): Promise<DirectResponse> {
  const t = route.target;
  if (t.kind !== 'table') throw new Error('not a table route');
  const table = addresses.app.tables.find((x) => x.name === t.name)!;
  const keys = [table.partitionKey, ...(table.sortKey ? [table.sortKey] : [])];
  const base = { TableName: addresses.tableName(t.name) };
  const key = Object.fromEntries(keys.map((k) => [k.name, keyAttr(k, req.params)]));
  try {
    switch (t.action) {
      case 'put': {
        const item: Record<string, Attr> = {};
        const fromPath = keys.filter((k) => k.name in req.params);
        for (const k of fromPath) item[k.name] = keyAttr(k, req.params);
        if (body && typeof body === 'object' && !Array.isArray(body)) {
          for (const [k, v] of Object.entries(body)) if (k !== '' && !fromPath.some((p) => p.name === k)) item[k] = attributeOf(v);
        }
        await tables.call('PutItem', { ...base, Item: item });
        return reply(201, {});
      }
      case 'get': {
        const out = await tables.call('GetItem', { ...base, Key: key });
        return out.Item ? reply(200, plainItem(out.Item as Record<string, Attr>)) : reply(404, { message: 'Not Found' });
      }
      case 'query': {
        const pk = table.partitionKey;
        const out = await tables.call('Query', { ...base, KeyConditionExpression: '#pk = :pk', ExpressionAttributeNames: { '#pk': pk.name }, ExpressionAttributeValues: { ':pk': keyAttr(pk, req.params) } });
        return reply(200, { items: ((out.Items ?? []) as Record<string, Attr>[]).map(plainItem) });
      }
      case 'delete':
        return reply(200, await tables.call('DeleteItem', { ...base, Key: key }));
    }
  } catch (error) {
    if (error instanceof DynamoError) return reply(error.status >= 500 ? 500 : 400, { __type: `com.amazonaws.dynamodb.v20120810#${error.type}`, message: error.message });
    throw error;
  }
}
