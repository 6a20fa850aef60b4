// Tables: an in-memory dynalite created from the table definitions, reached by handlers
// through the loopback DynamoDB API. Writes to a table with a stream are serialized and
// bracketed by reads of the item before and after, so each real change becomes a stream
// record (INSERT / MODIFY / REMOVE, with the view type's images) for stream triggers.
import { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import type { Server } from 'node:http';
import type { App, TableModel } from '../model/types.js';
import type { Addresses } from './addresses.js';
import type { TimerClock } from './clock.js';
import { streamRecord, type AttributeValue, type StreamRecord } from './payloads.js';
import { nextSequence } from './ids.js';
import type { Trace } from './trace.js';

export interface DynamoResponse {
  status: number;
  body: string;
  headers: Record<string, string>;
}

export class DynamoError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = type;
  }
}

type Item = Record<string, AttributeValue>;
type Json = Record<string, unknown>;

const WRITE_ACTIONS = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems']);

export class LocalTables {
  private server?: Server;
  private locks = new Map<string, Promise<unknown>>();
  private listeners = new Map<string, ((record: StreamRecord) => void)[]>();
  private byPhysical = new Map<string, TableModel>();

  constructor(
    private readonly app: App,
    private readonly addresses: Addresses,
    private readonly trace: Trace,
    private readonly clock: TimerClock,
  ) {
    for (const t of app.tables) this.byPhysical.set(addresses.tableName(t.name), t);
  }

  async start(): Promise<void> {
    const require = createRequire(import.meta.url);
    const dynalite = require('dynalite') as (options: Json) => Server;
    this.server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
    for (const table of this.app.tables) await this.create(table);
  }

  private async create(t: TableModel): Promise<void> {
    const attributes = new Map<string, string>();
    const key = (k: { name: string; type: string }, type: 'HASH' | 'RANGE') => {
      attributes.set(k.name, k.type);
      return { AttributeName: k.name, KeyType: type };
    };
    const schema = [key(t.partitionKey, 'HASH'), ...(t.sortKey ? [key(t.sortKey, 'RANGE')] : [])];
    const indexes = t.indexes.map((i) => ({
      IndexName: i.name,
      KeySchema: [key(i.partitionKey, 'HASH'), ...(i.sortKey ? [key(i.sortKey, 'RANGE')] : [])],
      Projection:
        i.projection === 'ALL' || i.projection === 'KEYS_ONLY' ? { ProjectionType: i.projection } : { ProjectionType: 'INCLUDE', NonKeyAttributes: i.projection },
    }));
    const name = this.addresses.tableName(t.name);
    await this.call('CreateTable', {
      TableName: name,
      AttributeDefinitions: [...attributes].map(([AttributeName, AttributeType]) => ({ AttributeName, AttributeType })),
      KeySchema: schema,
      BillingMode: 'PAY_PER_REQUEST',
      ...(indexes.length ? { GlobalSecondaryIndexes: indexes } : {}),
      ...(t.stream ? { StreamSpecification: { StreamEnabled: true, StreamViewType: t.stream } } : {}),
    });
    for (let i = 0; i < 100; i++) {
      const d = (await this.call('DescribeTable', { TableName: name })) as { Table: { TableStatus: string } };
      if (d.Table.TableStatus === 'ACTIVE') return;
      await new Promise((r) => setTimeout(r, 2));
    }
  }

  /** Sends one request to dynalite in-process (no socket). */
  private raw(action: string, body: string): Promise<DynamoResponse> {
    const server = this.server;
    if (!server) return Promise.resolve({ status: 500, body: '{"__type":"com.amazonaws.dynamodb#InternalServerError","message":"tables are not running"}', headers: {} });
    return new Promise((resolve) => {
      const req = Object.assign(new EventEmitter(), {
        method: 'POST',
        url: '/',
        headers: {
          'content-type': 'application/x-amz-json-1.0',
          'x-amz-target': `DynamoDB_20120810.${action}`,
          authorization: 'AWS4-HMAC-SHA256 Credential=AKIAEDALOCAL/20250101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
          'x-amz-date': '20250101T000000Z',
        },
      });
      const headers: Record<string, string> = {};
      const res = {
        statusCode: 200,
        contentType: 'application/x-amz-json-1.0',
        setHeader: (k: string, v: unknown) => void (headers[k.toLowerCase()] = String(v)),
        end: (b?: string | Buffer) => resolve({ status: res.statusCode, body: b === undefined ? '' : b.toString(), headers }),
      };
      server.emit('request', req, res);
      process.nextTick(() => {
        req.emit('data', Buffer.from(body));
        req.emit('end');
      });
    });
  }

  /** A DynamoDB call for the runtime itself (workflow integrations): resolves with the parsed result or throws DynamoError. */
  async call(action: string, params: Json): Promise<Json> {
    const res = await this.handle(action, JSON.stringify(params));
    const body = res.body ? (JSON.parse(res.body) as Json) : {};
    if (res.status >= 300) {
      const type = String(body.__type ?? 'InternalServerError').split('#').pop()!;
      throw new DynamoError(type, String(body.message ?? body.Message ?? type), res.status);
    }
    return body;
  }

  /** The DynamoDB API as handlers reach it. */
  async handle(action: string, body: string): Promise<DynamoResponse> {
    if (action === 'TransactWriteItems') return this.transactWrite(body);
    if (action === 'TransactGetItems') return this.transactGet(body);
    if (action === 'UpdateTimeToLive' || action === 'DescribeContinuousBackups') return ok({});
    if (!WRITE_ACTIONS.has(action)) return this.raw(action, body);
    let params: Json;
    try {
      params = JSON.parse(body) as Json;
    } catch {
      return this.raw(action, body);
    }
    const touched = this.touchedKeys(action, params).filter((t) => t.table.stream);
    if (!touched.length) return this.raw(action, body);
    return this.locked(touched.map((t) => t.physical), async () => {
      const before = await Promise.all(touched.map((t) => this.read(t.physical, t.key)));
      const res = await this.raw(action, body);
      if (res.status < 300) {
        const after = await Promise.all(touched.map((t) => this.read(t.physical, t.key)));
        touched.forEach((t, i) => this.record(t.table, t.key, before[i], after[i]));
      }
      return res;
    });
  }

  /** Items a write request touches, with their keys. */
  private touchedKeys(action: string, params: Json): { table: TableModel; physical: string; key: Item }[] {
    const out: { table: TableModel; physical: string; key: Item }[] = [];
    const add = (physical: unknown, itemOrKey: unknown) => {
      const table = this.byPhysical.get(String(physical));
      if (!table || !itemOrKey || typeof itemOrKey !== 'object') return;
      const source = itemOrKey as Item;
      const key: Item = {};
      for (const k of [table.partitionKey, table.sortKey]) if (k && source[k.name] !== undefined) key[k.name] = source[k.name]!;
      if (!out.some((o) => o.physical === physical && JSON.stringify(o.key) === JSON.stringify(key))) out.push({ table, physical: String(physical), key });
    };
    if (action === 'PutItem') add(params.TableName, params.Item);
    else if (action === 'UpdateItem' || action === 'DeleteItem') add(params.TableName, params.Key);
    else if (action === 'BatchWriteItem') {
      for (const [physical, requests] of Object.entries((params.RequestItems as Record<string, Json[]>) ?? {})) {
        for (const r of requests ?? []) add(physical, (r.PutRequest as Json | undefined)?.Item ?? (r.DeleteRequest as Json | undefined)?.Key);
      }
    }
    return out;
  }

  private async read(physical: string, key: Item): Promise<Item | undefined> {
    const res = await this.raw('GetItem', JSON.stringify({ TableName: physical, Key: key, ConsistentRead: true }));
    if (res.status >= 300) return undefined;
    return (JSON.parse(res.body) as { Item?: Item }).Item;
  }

  /** Runs fn holding the write locks of these tables (in a fixed order). */
  private async locked<T>(tables: string[], fn: () => Promise<T>): Promise<T> {
    const names = [...new Set(tables)].sort();
    const previous = names.map((n) => this.locks.get(n) ?? Promise.resolve());
    let release!: () => void;
    const mine = new Promise<void>((r) => (release = r));
    for (const n of names) this.locks.set(n, mine);
    await Promise.all(previous.map((p) => p.catch(() => undefined)));
    try {
      return await fn();
    } finally {
      release();
      for (const n of names) if (this.locks.get(n) === mine) this.locks.delete(n);
    }
  }

  private record(table: TableModel, key: Item, oldImage: Item | undefined, newImage: Item | undefined): void {
    if (!oldImage && !newImage) return;
    if (oldImage && newImage && JSON.stringify(sortKeys(oldImage)) === JSON.stringify(sortKeys(newImage))) return;
    const eventName = !oldImage ? 'INSERT' : !newImage ? 'REMOVE' : 'MODIFY';
    const sequenceNumber = nextSequence();
    const record = streamRecord({
      eventName,
      keys: key,
      oldImage,
      newImage,
      viewType: table.stream!,
      sequenceNumber,
      streamArn: this.addresses.streamArn(table.name),
      region: this.addresses.region,
      time: this.clock.now(),
    });
    this.trace.emit({ kind: 'table', table: table.name, action: 'stream', eventName, keys: key, sequenceNumber });
    for (const l of this.listeners.get(table.name) ?? []) l(record);
  }

  /** Stream records of a table as they happen. */
  onStream(table: string, listener: (record: StreamRecord) => void): () => void {
    const list = this.listeners.get(table) ?? [];
    list.push(listener);
    this.listeners.set(table, list);
    return () => list.splice(list.indexOf(listener), 1);
  }

  /**
   * TransactWriteItems, which dynalite lacks: every condition is checked first (under the
   * tables' locks), then the writes are applied one by one.
   */
  private async transactWrite(body: string): Promise<DynamoResponse> {
    let params: { TransactItems?: Json[] };
    try {
      params = JSON.parse(body);
    } catch {
      return err('SerializationException', 'the request body is not JSON');
    }
    const items = params.TransactItems ?? [];
    if (!items.length || items.length > 100) return err('ValidationException', 'TransactItems must have between 1 and 100 items');
    const ops = items.map((ti) => {
      const [kind, op] = Object.entries(ti)[0] as [string, Json];
      return { kind, op };
    });
    const tables = ops.map((o) => String(o.op.TableName));
    return this.locked(tables, async () => {
      const reasons: Json[] = [];
      let failed = false;
      for (const { op } of ops) {
        if (!op.ConditionExpression) {
          reasons.push({ Code: 'None' });
          continue;
        }
        const physical = String(op.TableName);
        const key = (op.Key ?? this.keyOf(physical, op.Item as Item)) as Item;
        const existing = await this.read(physical, key);
        // the condition is checked by rewriting the item as it is (or a bare key, removed
        // again at once) under that condition; writes made here bypass the stream
        const check = await this.raw('PutItem', JSON.stringify({ TableName: physical, Item: existing ?? key, ...usedBy(op, [op.ConditionExpression]) }));
        if (check.status >= 300) {
          failed = true;
          const parsed = JSON.parse(check.body) as Json;
          const type = String(parsed.__type ?? '').split('#').pop();
          reasons.push({ Code: type === 'ConditionalCheckFailedException' ? 'ConditionalCheckFailed' : 'ValidationError', Message: parsed.message });
        } else {
          if (!existing) await this.raw('DeleteItem', JSON.stringify({ TableName: physical, Key: key }));
          reasons.push({ Code: 'None' });
        }
      }
      if (failed) {
        return {
          status: 400,
          headers: {},
          body: JSON.stringify({
            __type: 'com.amazonaws.dynamodb.v20120810#TransactionCanceledException',
            message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((r) => r.Code).join(', ')}]`,
            CancellationReasons: reasons,
          }),
        };
      }
      for (const { kind, op } of ops) {
        if (kind === 'ConditionCheck') continue;
        const { ConditionExpression: _condition, ExpressionAttributeNames: _n, ExpressionAttributeValues: _v, ...rest } = op;
        const action = kind === 'Put' ? 'PutItem' : kind === 'Update' ? 'UpdateItem' : 'DeleteItem';
        const cleaned = { ...rest, ...usedBy(op, [op.UpdateExpression]) };
        const res = await this.handleUnlocked(action, cleaned);
        if (res.status >= 300) return res;
      }
      return ok({});
    });
  }

  private async handleUnlocked(action: string, params: Json): Promise<DynamoResponse> {
    const touched = this.touchedKeys(action, params).filter((t) => t.table.stream);
    const before = await Promise.all(touched.map((t) => this.read(t.physical, t.key)));
    const res = await this.raw(action, JSON.stringify(params));
    if (res.status < 300) {
      const after = await Promise.all(touched.map((t) => this.read(t.physical, t.key)));
      touched.forEach((t, i) => this.record(t.table, t.key, before[i], after[i]));
    }
    return res;
  }

  private keyOf(physical: string, item: Item | undefined): Item {
    const table = this.byPhysical.get(physical);
    if (!table || !item) return {};
    const key: Item = {};
    for (const k of [table.partitionKey, table.sortKey]) if (k && item[k.name] !== undefined) key[k.name] = item[k.name]!;
    return key;
  }

  private async transactGet(body: string): Promise<DynamoResponse> {
    const params = JSON.parse(body) as { TransactItems?: { Get: Json }[] };
    const responses = [];
    for (const { Get } of params.TransactItems ?? []) {
      const res = await this.raw('GetItem', JSON.stringify({ ...Get, ConsistentRead: true }));
      if (res.status >= 300) return res;
      const item = (JSON.parse(res.body) as { Item?: Item }).Item;
      responses.push(item ? { Item: item } : {});
    }
    return ok({ Responses: responses });
  }

  close(): void {
    this.server?.removeAllListeners();
    this.server = undefined;
    this.listeners.clear();
  }
}

/** ExpressionAttributeNames/Values limited to those the given expressions mention. */
function usedBy(op: Json, expressions: unknown[]): Json {
  const text = expressions.filter((e) => typeof e === 'string').join(' ');
  const out: Json = {};
  if (expressions[0] !== undefined && typeof expressions[0] === 'string' && expressions.length === 1 && op.ConditionExpression === expressions[0]) {
    out.ConditionExpression = op.ConditionExpression;
  }
  const names = Object.entries((op.ExpressionAttributeNames as Json | undefined) ?? {}).filter(([k]) => new RegExp(`${k}(?![A-Za-z0-9_])`).test(text));
  const values = Object.entries((op.ExpressionAttributeValues as Json | undefined) ?? {}).filter(([k]) => new RegExp(`${k}(?![A-Za-z0-9_])`).test(text));
  if (names.length) out.ExpressionAttributeNames = Object.fromEntries(names);
  if (values.length) out.ExpressionAttributeValues = Object.fromEntries(values);
  return out;
}

function sortKeys(item: Item): Item {
  return Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : 1)));
}

function ok(body: Json): DynamoResponse {
  return { status: 200, body: JSON.stringify(body), headers: { 'content-type': 'application/x-amz-json-1.0' } };
}

function err(type: string, message: string): DynamoResponse {
  return { status: 400, body: JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${type}`, message }), headers: { 'content-type': 'application/x-amz-json-1.0' } };
}
