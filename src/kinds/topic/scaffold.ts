// `eda add topic` / `eda remove topic`: an SNS topic (--schema: its message schema file). Its subscriptions are what it refers to;
// a topic trigger gets an SNS handler stub.
import type { Path } from '../../manifest/edit.js';
import type { Entry } from '../scaffold-inventory.js';
import { clean, insertEntry, listReferences, removeEntry } from '../scaffold-kit.js';
import type { AddContext, AddPlan, ScaffoldFacet, StubTrigger } from '../scaffold-types.js';

async function add(ctx: AddContext): Promise<AddPlan> {
  const name = await ctx.newName('topic');
  const fifo = await ctx.ask.yesNo(ctx.opts.fifo, 'FIFO topic?', false);
  return insertEntry('topic', name, clean({ fifo: fifo || undefined, message: ctx.opts.schema }));
}

const stub: StubTrigger<'topic'> = {
  trigger: 'topic',
  template: () => 'topic',
  source: (t) => `topic ${t.topic}`,
  testSource: (t) => `topic ${t.topic}`,
};

export const topicScaffold: ScaffoldFacet = {
  kind: 'topic',
  section: 'topic',
  flags: ['fifo', 'schema'],
  add,
  remove: (ctx) => removeEntry(ctx, 'topic', 'topic'),
  references: (topic: Entry, at: Path) => listReferences(topic.subscriptions, [...at, 'subscriptions']),
  stub: stub as StubTrigger,
};
