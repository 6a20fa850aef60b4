// `eda add rule` / `eda remove rule`: an EventBridge rule on a bus, by event pattern, with its
// targets (a schedule is a rule too, and plans its targets here). Its bus and targets are what
// it refers to; an event trigger gets an EventBridge handler stub.
import { UsageError } from '../../core/errors.js';
import type { Path } from '../../manifest/edit.js';
import type { Choice } from '../../core/prompts.js';
import type { Entry } from '../scaffold-inventory.js';
import { asList, clean, insertEntry, isJsonObject, isObject, listReferences, removeEntry } from '../scaffold-kit.js';
import { checkSchedule, parseJsonObject, parseTarget } from '../scaffold-specs.js';
import type { AddContext, AddPlan, Reference, ScaffoldFacet, Spec, StubTrigger } from '../scaffold-types.js';

/** What starts a rule: an event pattern on a bus, or a schedule. */
export interface RuleSource {
  bus?: string;
  pattern?: Record<string, unknown>;
  schedule?: string;
}

/** A rule entry (as `eda add <as>`): its name, then what starts it, then its targets. */
export async function planRule(ctx: AddContext, as: 'rule' | 'schedule', source: () => Promise<RuleSource>): Promise<AddPlan> {
  const { opts, inv, ask } = ctx;
  const name = await ctx.newName('rule');
  const { bus, pattern, schedule } = await source();
  const targets: Spec[] = [];
  for (const t of opts.target ?? []) {
    const { target, refs } = parseTarget(t);
    ctx.checkRefs(refs.filter((r) => !(r.kind === 'bus' && r.name === 'default')), `--target ${t}`);
    targets.push(target);
  }
  if (targets.length === 0) {
    const choices: Choice<Spec>[] = [];
    for (const kindName of ['function', 'workflow', 'queue', 'topic', 'bus'] as const) {
      for (const n of inv.names(kindName)) choices.push({ name: `${kindName} ${n}`, value: { [kindName]: n } });
    }
    targets.push(await ask.choose('--target <kind:name>', 'What does it deliver to?', choices));
  }
  if (targets.length > 5) throw new UsageError('a rule has at most 5 targets');
  const value = clean({ description: opts.description, bus: bus === 'default' ? undefined : bus, pattern, schedule, targets });
  return { ...insertEntry('rule', name, value), what: `${as} ${name}` };
}

async function add(ctx: AddContext): Promise<AddPlan> {
  const { opts, inv, ask } = ctx;
  return planRule(ctx, 'rule', async () => {
    if (opts.expression !== undefined) {
      if (opts.pattern !== undefined || opts.bus !== undefined) throw new UsageError('a scheduled rule has --expression, not --pattern or --bus', 'scheduled rules run on the default bus');
      return { schedule: checkSchedule(opts.expression, '--expression') };
    }
    const bus = opts.bus ?? (ask.optional && inv.names('bus').length ? await ask.pick(undefined, '--bus', 'On which bus?', ['default', ...inv.names('bus')].map((n) => ({ name: n, value: n }))) : undefined);
    if (bus !== undefined && bus !== 'default') inv.requireRef('bus', bus, `--bus ${bus}`);
    const pattern = parseJsonObject(await ask.text(opts.pattern, '--pattern', 'Event pattern (JSON)', (v) => (isJsonObject(v) ? true : 'a JSON object, e.g. {"detail-type":["OrderPlaced"]}')), '--pattern');
    return { bus, pattern };
  });
}

const stub: StubTrigger<'event'> = {
  trigger: 'event',
  template: () => 'event',
  source: (t, app) => {
    const rule = app.rules.find((r) => r.name === t.rule);
    return `events on bus ${rule?.bus} matching ${JSON.stringify(rule?.pattern)}`;
  },
  testSource: () => '',
};

export const ruleScaffold: ScaffoldFacet = {
  kind: 'rule',
  section: 'rule',
  flags: ['bus', 'pattern', 'expression', 'target', 'description'],
  missingFlags: (opts) => [...(opts.pattern || opts.expression ? [] : ['--pattern <json>']), ...(opts.target?.length ? [] : ['--target <kind:name>'])],
  add,
  remove: (ctx) => removeEntry(ctx, 'rule', 'rule'),
  references: (rule: Entry, at: Path): Reference[] => [
    ...(rule.bus !== undefined ? [{ kind: 'bus', name: rule.bus, path: [...at, 'bus'] }] : []),
    ...listReferences(rule.targets, [...at, 'targets']),
    ...asList(rule.targets).flatMap((target, i) => (isObject(target) && isObject(target.http) ? [{ kind: 'connection', name: target.http.connection, path: [...at, 'targets', i, 'http', 'connection'] }] : [])),
  ],
  stub: stub as StubTrigger,
};
