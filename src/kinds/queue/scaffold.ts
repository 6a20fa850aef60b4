// `eda add queue` / `eda remove queue`: an SQS queue, FIFO or not, with or without its DLQ
// (--schema: its message schema file).
// A queue trigger gets an SQS batch handler stub.
import { UsageError } from '../../core/errors.js';
import type { Path } from '../../manifest/edit.js';
import type { Entry } from '../scaffold-inventory.js';
import { clean, insertEntry, keyedReferences, removeEntry } from '../scaffold-kit.js';
import { parseInteger } from '../scaffold-specs.js';
import type { AddContext, AddPlan, ScaffoldFacet, StubTrigger } from '../scaffold-types.js';

async function add(ctx: AddContext): Promise<AddPlan> {
  const { opts, ask } = ctx;
  const name = await ctx.newName('queue');
  const fifo = await ask.yesNo(opts.fifo, 'FIFO queue (ordered, exactly-once)?', false);
  let dlq: unknown;
  if (opts.dlq === false) {
    if (opts.dlqMaxReceives !== undefined) throw new UsageError('--no-dlq and --dlq-max-receives do not go together');
    dlq = false;
  } else {
    const max = parseInteger(await ask.maybe(opts.dlqMaxReceives, 'Receives before a message moves to the dead-letter queue (empty for 3)'), '--dlq-max-receives', 1, 1000);
    dlq = max === undefined ? undefined : { maxReceives: max };
  }
  return insertEntry(
    'queue',
    name,
    clean({
      fifo: fifo || undefined,
      visibilityTimeout: parseInteger(opts.visibilityTimeout, '--visibility-timeout', 0, 43200),
      retention: opts.retention === undefined ? undefined : /^\d+$/.test(opts.retention) ? Number(opts.retention) : opts.retention,
      delay: parseInteger(opts.delay, '--delay', 0, 900),
      dlq,
      message: opts.schema,
    }),
  );
}

const stub: StubTrigger<'queue'> = {
  trigger: 'queue',
  template: () => 'queue',
  source: (t) => `queue ${t.queue}`,
  testSource: (t) => `queue ${t.queue}`,
};

export const queueScaffold: ScaffoldFacet = {
  kind: 'queue',
  section: 'queue',
  flags: ['fifo', 'dlqMaxReceives', 'dlq', 'visibilityTimeout', 'retention', 'delay', 'schema'],
  add,
  remove: (ctx) => removeEntry(ctx, 'queue', 'queue'),
  // a queue naming a shared dead-letter queue refers to it
  references: (queue: Entry, at: Path) => keyedReferences(queue.dlq, [...at, 'dlq']),
  stub: stub as StubTrigger,
};
