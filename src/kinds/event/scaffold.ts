// `eda add event` / `eda remove event`: an event contract on a bus (source, detail-type, schema,
// and a producer, which gets `uses: - bus:` when it lacks it).
import { EdaError } from '../../core/errors.js';
import type { Path } from '../../manifest/edit.js';
import { asList, clean, isObject, removeEntry } from '../scaffold-kit.js';
import type { AddContext, AddPlan, Reference, ScaffoldFacet } from '../scaffold-types.js';
import type { Entry } from '../scaffold-inventory.js';

const EVENT_NAME = /^[A-Za-z][A-Za-z0-9._-]{0,127}$/;

async function add(ctx: AddContext): Promise<AddPlan> {
  const { opts, inv, ask } = ctx;
  const name = await ask.text(ctx.name, '<name>', 'Name of the event (its detail-type, e.g. OrderPlaced)', (v) => (EVENT_NAME.test(v) ? true : 'a letter, then letters, digits, ".", "_" or "-"'));
  if (!EVENT_NAME.test(name)) throw new EdaError(`'${name}' is not a valid event name`, 'start with a letter; then letters, digits, ".", "_" or "-" (e.g. OrderPlaced)');
  if (inv.has('event', name)) throw new EdaError(`an event named '${name}' already exists in app.yaml`, 'choose another name, or edit the existing one');
  const source = await ask.text(opts.source, '--source', 'Event source (e.g. shop.orders)', (v) => (v.length > 0 ? true : 'a source'));
  const bus = opts.bus && opts.bus !== 'default' ? opts.bus : undefined;
  const refs = [...(bus ? [{ kind: 'bus' as const, name: bus }] : []), ...(opts.function ? [{ kind: 'function' as const, name: opts.function }] : [])];
  ctx.checkRefs(refs, `event ${name}`);
  const value = clean({
    bus,
    source,
    detailType: opts.detailType,
    description: opts.description,
    schema: opts.schema ?? { type: 'object', properties: {} },
    producers: opts.function ? [opts.function] : undefined,
  });
  const plan: AddPlan = { ops: [{ op: 'insert', path: ['events'], key: name, value }], what: `event ${name}`, newFunctions: [] };
  if (opts.function) {
    const fn = inv.entry('function', opts.function);
    const onBus = bus ?? 'default';
    if (!asList(fn?.uses).some((u) => isObject(u) && u.bus === onBus)) plan.ops.push({ op: 'append', path: ['functions', opts.function, 'uses'], item: { bus: onBus } });
  }
  return plan;
}

export const eventScaffold: ScaffoldFacet = {
  kind: 'event',
  section: 'event',
  flags: ['source', 'bus', 'detailType', 'schema', 'function', 'description'],
  argument: 'the event name (e.g. OrderPlaced)',
  missingFlags: (opts) => (opts.source ? [] : ['--source']),
  add,
  remove: (ctx) => removeEntry(ctx, 'event', 'event'),
  references: (event: Entry, at: Path): Reference[] => [
    ...(typeof event.bus === 'string' ? [{ kind: 'bus', name: event.bus, path: [...at, 'bus'] }] : []),
    ...asList(event.producers).map((fn, i) => ({ kind: 'function', name: fn, path: [...at, 'producers', i] })),
  ],
};
