// `eda add table` / `eda remove table`: a DynamoDB table by its keys, stream and TTL. A stream
// trigger of it gets a DynamoDB stream handler stub.
import { clean, insertEntry, removeEntry } from '../scaffold-kit.js';
import { checkKey } from '../scaffold-specs.js';
import type { AddContext, AddPlan, ScaffoldFacet, StubTrigger } from '../scaffold-types.js';

async function add(ctx: AddContext): Promise<AddPlan> {
  const { opts, ask } = ctx;
  const name = await ctx.newName('table');
  const partitionKey = checkKey(await ask.text(opts.partitionKey, '--partition-key', 'Partition key (name or name:string|number|binary)', undefined, 'id'), '--partition-key');
  const sortKey = await ask.maybe(opts.sortKey, 'Sort key (empty for none)');
  if (sortKey !== undefined) checkKey(sortKey, '--sort-key');
  return insertEntry('table', name, clean({ partitionKey, sortKey, stream: opts.stream, ttl: opts.ttl }));
}

const stub: StubTrigger<'stream'> = {
  trigger: 'stream',
  template: () => 'stream',
  source: (t) => `table ${t.table}`,
  testSource: (t) => `table ${t.table}`,
};

export const tableScaffold: ScaffoldFacet = {
  kind: 'table',
  section: 'table',
  flags: ['partitionKey', 'sortKey', 'stream', 'ttl'],
  add,
  remove: (ctx) => removeEntry(ctx, 'table', 'table'),
  stub: stub as StubTrigger,
};
