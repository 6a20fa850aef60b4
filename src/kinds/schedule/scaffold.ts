// `eda add schedule` / `eda remove schedule`: a rule that runs on rate(...) or cron(...) rather
// than on events. A schedule trigger gets a scheduled-event handler stub.
import { EdaError, UsageError } from '../../core/errors.js';
import { planRule } from '../rule/scaffold.js';
import { removeEntry } from '../scaffold-kit.js';
import { checkSchedule, validSchedule } from '../scaffold-specs.js';
import type { AddContext, AddPlan, ScaffoldFacet, StubTrigger } from '../scaffold-types.js';

async function add(ctx: AddContext): Promise<AddPlan> {
  const { opts, ask } = ctx;
  return planRule(ctx, 'schedule', async () => {
    if (opts.pattern !== undefined) throw new UsageError('a schedule has --expression, not --pattern', 'use eda add rule for event patterns');
    const schedule = checkSchedule(await ask.text(opts.expression, '--expression', 'Schedule (rate(...) or cron(...))', validSchedule), '--expression');
    return { schedule };
  });
}

const stub: StubTrigger<'schedule'> = {
  trigger: 'schedule',
  template: () => 'schedule',
  source: (t, app) => `schedule ${app.rules.find((r) => r.name === t.rule)?.schedule}`,
  testSource: () => 'its schedule',
};

export const scheduleScaffold: ScaffoldFacet = {
  kind: 'schedule',
  section: 'rule',
  flags: ['expression', 'target', 'description'],
  missingFlags: (opts) => [...(opts.target?.length ? [] : ['--target <kind:name>']), ...(opts.expression ? [] : ['--expression <rate(...)|cron(...)>'])],
  add,
  remove: (ctx) =>
    removeEntry(ctx, 'schedule', 'rule', {
      check: (entry) => {
        if (entry.schedule === undefined) throw new EdaError(`rule ${ctx.name} has an event pattern, not a schedule`, `use eda remove rule ${ctx.name}`);
      },
    }),
  stub: stub as StubTrigger,
};
