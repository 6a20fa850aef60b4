// `eda add pipe` / `eda remove pipe`: a pipe from a queue or a table's stream to one target,
// with an optional enrichment, filter and batch size. What it refers to (its source, enrichment
// and target) cannot be removed while it exists.
import { EdaError, UsageError } from '../../core/errors.js';
import type { Path } from '../../manifest/edit.js';
import type { Choice } from '../../core/prompts.js';
import type { Entry } from '../scaffold-inventory.js';
import { clean, insertEntry, keyedReferences, oneTarget, removeEntry } from '../scaffold-kit.js';
import { parseInteger, parseJsonObject } from '../scaffold-specs.js';
import type { AddContext, AddPlan, Reference, ScaffoldFacet, Spec } from '../scaffold-types.js';

function parseRef(spec: string, flag: string, kinds: readonly string[]): { kind: 'queue' | 'table' | 'function' | 'workflow'; name: string } {
  const colon = spec.indexOf(':');
  const kind = spec.slice(0, colon);
  if (colon <= 0 || !kinds.includes(kind)) throw new UsageError(`${flag}: '${spec}' should be ${kinds.map((k) => `${k}:<name>`).join(' or ')}`);
  return { kind: kind as 'queue', name: spec.slice(colon + 1).trim() };
}

async function add(ctx: AddContext): Promise<AddPlan> {
  const { opts, inv, ask } = ctx;
  const name = await ctx.newName('pipe');
  const sourceChoices: Choice<string>[] = [...inv.names('queue').map((n) => ({ name: `queue ${n}`, value: `queue:${n}` })), ...inv.names('table').map((n) => ({ name: `table ${n} (stream)`, value: `table:${n}` }))];
  const source = parseRef(await ask.pick(opts.source, '--source', 'What does it read?', sourceChoices), '--source', ['queue', 'table']);
  ctx.checkRefs([source as { kind: 'queue' | 'table'; name: string }], `--source ${opts.source ?? ''}`.trim());
  if (source.kind === 'table' && !inv.entry('table', source.name)?.stream) {
    throw new EdaError(`--source table:${source.name}: the table has no stream`, `add stream: newAndOld to tables.${source.name} first`);
  }
  const target = await oneTarget(ctx, 'a pipe', 'Where does it deliver?');
  let enrichment: Spec | undefined;
  if (opts.enrichment) {
    const e = parseRef(opts.enrichment, '--enrichment', ['function', 'workflow']);
    ctx.checkRefs([e as { kind: 'function' | 'workflow'; name: string }], `--enrichment ${opts.enrichment}`);
    enrichment = { [e.kind]: e.name };
  }
  const sourceSpec = clean({ [source.kind]: source.name, batchSize: parseInteger(opts.batchSize, '--batch-size', 1, 10000) });
  const value = clean({ description: opts.description, source: sourceSpec, filter: opts.filter ? parseJsonObject(opts.filter, '--filter') : undefined, enrichment, target });
  return insertEntry('pipe', name, value);
}

export const pipeScaffold: ScaffoldFacet = {
  kind: 'pipe',
  section: 'pipe',
  flags: ['source', 'target', 'enrichment', 'filter', 'batchSize', 'description'],
  missingFlags: (opts) => [...(opts.source ? [] : ['--source queue:<name>|table:<name>']), ...(opts.target?.length ? [] : ['--target <kind:name>'])],
  add,
  remove: (ctx) => removeEntry(ctx, 'pipe', 'pipe'),
  invoker: {
    template: 'pipe',
    sources: (fn, app) =>
      app.pipes.flatMap((p) => [
        ...(p.enrichment?.kind === 'function' && p.enrichment.name === fn.name ? [`pipe ${p.name} (enrichment)`] : []),
        ...(p.target.kind === 'function' && p.target.name === fn.name ? [`pipe ${p.name} (target)`] : []),
      ]),
  },
  references: (pipe: Entry, at: Path): Reference[] => [
    ...keyedReferences(pipe.source, [...at, 'source']),
    ...keyedReferences(pipe.enrichment, [...at, 'enrichment']),
    ...keyedReferences(pipe.target, [...at, 'target']),
  ],
};
