// `eda add bus` / `eda remove bus`: a custom EventBridge bus (the default one always exists).
import { EdaError } from '../../core/errors.js';
import { clean, insertEntry, removeEntry } from '../scaffold-kit.js';
import { parseInteger } from '../scaffold-specs.js';
import type { AddContext, AddPlan, ScaffoldFacet } from '../scaffold-types.js';

async function add(ctx: AddContext): Promise<AddPlan> {
  const name = await ctx.newName('bus');
  if (name === 'default') throw new EdaError('the default bus always exists');
  return insertEntry('bus', name, clean({ description: ctx.opts.description, archive: parseInteger(ctx.opts.archive, '--archive', 0, 100000) }));
}

export const busScaffold: ScaffoldFacet = {
  kind: 'bus',
  section: 'bus',
  flags: ['description', 'archive'],
  add,
  remove: (ctx) => removeEntry(ctx, 'bus', 'bus'),
};
