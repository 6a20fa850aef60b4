// `eda add schedule` / `eda remove schedule`: an EventBridge Scheduler schedule with one target.
// The schedule-trigger handler stub (a function's `schedule:` trigger, a scheduled rule) lives
// here too, as `schedule` is what both are called.
import { UsageError } from '../../core/errors.js';
import { checkSchedulerExpression } from '../../core/scheduler-expression.js';
import { isTimeZone } from '../../core/timezone.js';
import type { Path } from '../../manifest/edit.js';
import type { Entry } from '../scaffold-inventory.js';
import { clean, insertEntry, keyedReferences, oneTarget, removeEntry } from '../scaffold-kit.js';
import type { AddContext, AddPlan, Reference, ScaffoldFacet, StubTrigger } from '../scaffold-types.js';

const validExpression = (v: string): true | string => checkSchedulerExpression(v.trim())?.message ?? true;

async function add(ctx: AddContext): Promise<AddPlan> {
  const { opts, inv, ask } = ctx;
  const name = await ctx.newName('schedule');
  const expression = (await ask.text(opts.expression, '--expression', 'Schedule (rate(...), cron(...) or at(yyyy-mm-ddThh:mm:ss))', validExpression)).trim();
  const problem = checkSchedulerExpression(expression);
  if (problem) throw new UsageError(`--expression: '${expression}': ${problem.message}`, problem.hint);
  if (opts.timezone !== undefined && !isTimeZone(opts.timezone)) throw new UsageError(`--timezone: '${opts.timezone}' is not an IANA time zone`, 'e.g. Europe/Paris, America/New_York, UTC');
  if (opts.window !== undefined && !/^\d+(m|h)$/.test(opts.window)) throw new UsageError(`--window: '${opts.window}' is not a duration in minutes or hours`, 'e.g. --window 15m');
  const target = await oneTarget(ctx, 'a schedule', 'What does it deliver to?');
  return insertEntry('schedule', name, clean({ description: opts.description, expression, timezone: opts.timezone, window: opts.window, target }));
}

const stub: StubTrigger<'schedule'> = {
  trigger: 'schedule',
  template: () => 'schedule',
  source: (t, app) => `schedule ${app.rules.find((r) => r.name === t.rule)?.schedule}`,
  testSource: () => 'its schedule',
};

export const schedulerScaffold: ScaffoldFacet = {
  kind: 'schedule',
  section: 'schedule',
  flags: ['expression', 'target', 'description', 'timezone', 'window'],
  missingFlags: (opts) => [...(opts.target?.length ? [] : ['--target <kind:name>']), ...(opts.expression ? [] : ['--expression <rate(...)|cron(...)|at(...)>'])],
  add,
  remove: (ctx) => removeEntry(ctx, 'schedule', 'schedule'),
  references: (entry: Entry, at: Path): Reference[] => keyedReferences(entry.target, [...at, 'target']),
  stub: stub as StubTrigger,
};
