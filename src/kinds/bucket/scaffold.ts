// `eda add bucket` / `eda remove bucket`: an S3 bucket, optionally versioned. A bucket trigger of
// it gets an S3-object-event handler stub.
import { clean, insertEntry, removeEntry } from '../scaffold-kit.js';
import type { AddContext, AddPlan, ScaffoldFacet, StubTrigger } from '../scaffold-types.js';

async function add(ctx: AddContext): Promise<AddPlan> {
  const name = await ctx.newName('bucket');
  return insertEntry('bucket', name, clean({ versioning: ctx.opts.versioning || undefined }));
}

const stub: StubTrigger<'bucket'> = {
  trigger: 'bucket',
  template: () => 'bucket',
  source: (t) => `${t.events.map((e) => (e === 'created' ? 'Object Created' : 'Object Deleted')).join(' and ')} events of bucket ${t.bucket}${t.prefix ? ` under ${t.prefix}` : ''}${t.suffix ? ` ending ${t.suffix}` : ''}`,
  testSource: (t) => `bucket ${t.bucket}`,
};

export const bucketScaffold: ScaffoldFacet = {
  kind: 'bucket',
  section: 'bucket',
  flags: ['versioning'],
  add,
  remove: (ctx) => removeEntry(ctx, 'bucket', 'bucket'),
  stub: stub as StubTrigger,
};
