// What a test reads of an app's state: a queue's messages (and its DLQ's), a table's items, a
// workflow's executions with the states each went through. Read-only snapshots taken on access.
import { suggest } from '../core/did-you-mean.js';
import type { LocalRuntime } from '../local/runtime.js';
import type { ExecutionView, Hop, QueueMessage, QueueView, TableView } from './types.js';





export class UnknownNameError extends Error {}

export function known(kind: string, name: string, names: string[]): void {
  if (!names.includes(name)) throw new UnknownNameError(`app.yaml declares no ${kind} '${name}': ${suggest(name, names, `${kind}s`)}`);
}

const parse = (body: string): unknown => {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
};

function messages(runtime: LocalRuntime, name: string | undefined): QueueMessage[] {
  const q = name === undefined ? undefined : runtime.queue(name);
  return (q?.peek() ?? []).map((m) => ({ messageId: m.messageId, body: m.body, data: parse(m.body), attributes: m.attributes, receiveCount: m.receiveCount, state: m.state }));
}

export function queueView(runtime: LocalRuntime, name: string): QueueView {
  const declared = runtime.app.queues.flatMap((q) => [q.name, ...(q.dlq ? [q.dlq.name] : [])]);
  known('queue', name, declared);
  const dlq = runtime.app.queues.find((q) => q.name === name)?.dlq?.name;
  return { name, messages: messages(runtime, name), dlq: { name: dlq, messages: messages(runtime, dlq) } };
}

export function executions(runtime: LocalRuntime, workflow: string, hops: readonly Hop[]): ExecutionView[] {
  known('workflow', workflow, runtime.app.workflows.map((w) => w.name));
  return runtime.workflows.list(workflow).map((e) => ({
    name: e.name,
    arn: e.arn,
    status: e.status,
    input: e.input,
    output: e.output,
    error: e.error,
    cause: e.cause,
    startDate: new Date(e.startDate).toISOString(),
    stopDate: e.stopDate === undefined ? undefined : new Date(e.stopDate).toISOString(),
    states: hops.flatMap((h) => (h.kind === 'state' && h.action === 'enter' && h.execution === e.name && h.workflow === workflow ? [h.state] : [])),
  }));
}

type Attr = Record<string, unknown>;

/** A plain value as DynamoDB JSON. */
export function toAttr(v: unknown): Attr {
  if (v === null || v === undefined) return { NULL: true };
  if (typeof v === 'string') return { S: v };
  if (typeof v === 'number' || typeof v === 'bigint') return { N: String(v) };
  if (typeof v === 'boolean') return { BOOL: v };
  if (Array.isArray(v)) return { L: v.map(toAttr) };
  if (v instanceof Uint8Array) return { B: Buffer.from(v).toString('base64') };
  if (v instanceof Set) {
    const items = [...v];
    return items.every((x) => typeof x === 'number') ? { NS: items.map(String) } : { SS: items.map(String) };
  }
  return { M: toItem(v as Record<string, unknown>) };
}

export const toItem = (o: Record<string, unknown>): Record<string, Attr> => Object.fromEntries(Object.entries(o).filter(([, x]) => x !== undefined).map(([k, x]) => [k, toAttr(x)]));

/** DynamoDB JSON as plain values (numbers as numbers, sets as arrays). */
export function fromAttr(a: Attr): unknown {
  if ('S' in a) return a.S;
  if ('N' in a) return Number(a.N);
  if ('BOOL' in a) return a.BOOL;
  if ('NULL' in a) return null;
  if ('L' in a) return (a.L as Attr[]).map(fromAttr);
  if ('M' in a) return fromItem(a.M as Record<string, Attr>);
  if ('SS' in a) return a.SS;
  if ('NS' in a) return (a.NS as string[]).map(Number);
  if ('B' in a) return Buffer.from(String(a.B), 'base64');
  if ('BS' in a) return (a.BS as string[]).map((b) => Buffer.from(b, 'base64'));
  return undefined;
}

export const fromItem = (item: Record<string, Attr>): Record<string, unknown> => Object.fromEntries(Object.entries(item).map(([k, a]) => [k, fromAttr(a)]));

export function tableView(runtime: LocalRuntime, name: string): TableView {
  known('table', name, runtime.app.tables.map((t) => t.name));
  const TableName = runtime.addresses.tableName(name);
  return {
    async get(key) {
      const r = (await runtime.tables.call('GetItem', { TableName, Key: toItem(key), ConsistentRead: true })) as { Item?: Record<string, Attr> };
      return r.Item ? fromItem(r.Item) : undefined;
    },
    async scan() {
      const items: Record<string, unknown>[] = [];
      let start: unknown;
      do {
        const r = (await runtime.tables.call('Scan', { TableName, ...(start ? { ExclusiveStartKey: start } : {}) })) as { Items: Record<string, Attr>[]; LastEvaluatedKey?: unknown };
        items.push(...r.Items.map(fromItem));
        start = r.LastEvaluatedKey;
      } while (start);
      return items;
    },
    async put(item) {
      await runtime.tables.call('PutItem', { TableName, Item: toItem(item) });
    },
  };
}
