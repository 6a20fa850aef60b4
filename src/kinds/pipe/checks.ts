// Pipes: a queue or a table's stream as source (the table must have a stream), a valid filter
// pattern, an enrichment AWS can call synchronously (a function or an express workflow), one
// target with settings that fit it, batch sizes the source and target accept, and input
// templates Pipes can evaluate — every problem at its place in app.yaml.
import type { PipeSpec } from '../../manifest/app.types.js';
import { scanTemplate } from '../../manifest/pipe-template.js';
import type { Path } from '../../manifest/source.js';
import { validatePattern } from '../../pattern/index.js';
import type { CheckContext } from '../types.js';

const sourceKinds = ['queue', 'table'] as const;
const enrichmentKinds = ['function', 'workflow'] as const;
const targetKinds = ['function', 'workflow', 'queue', 'topic', 'bus'] as const;
/** Targets Pipes sends batch entries to one by one, through a batch API of at most 10. */
const SMALL_BATCH_TARGETS = ['queue', 'topic', 'bus'];

export function checkPipes(c: CheckContext): void {
  for (const [name, pipe] of Object.entries(c.m.pipes ?? {})) {
    if (!pipe || typeof pipe !== 'object') continue;
    const base = ['pipes', name];
    const target = pipe.target && typeof pipe.target === 'object' ? c.oneKind(pipe.target as Record<string, unknown>, targetKinds, [...base, 'target'], 'a pipe target') : undefined;
    checkSource(c, pipe, base, target);
    if (pipe.filter !== undefined) {
      for (const p of validatePattern(pipe.filter)) c.add({ path: [...base, 'filter', ...p.path], code: 'pattern-invalid', message: `invalid filter pattern: ${p.message}`, hint: p.hint });
    }
    if (pipe.enrichment && typeof pipe.enrichment === 'object') checkEnrichment(c, pipe.enrichment, [...base, 'enrichment']);
    if (target) checkTarget(c, pipe, target, [...base, 'target']);
  }
}

function checkSource(c: CheckContext, pipe: PipeSpec, base: Path, target: string | undefined): void {
  const s = pipe.source;
  if (!s || typeof s !== 'object') return;
  const path = [...base, 'source'];
  const kind = c.oneKind(s as Record<string, unknown>, sourceKinds, path, 'a pipe source');
  if (!kind) return;
  c.ref(kind, s[kind], [...path, kind]);
  if (kind === 'queue') {
    for (const key of ['startingPosition', 'maxRetries'] as const) {
      if (s[key] !== undefined) c.add({ path: [...path, key], at: 'key', code: 'pipe-source-setting', message: `${key} applies to table streams, not queues`, hint: "a queue's failed messages return after its visibility timeout and move to its own dead-letter queue" });
    }
    const others = [
      ...c.triggers('queue').filter((x) => x.trigger.queue === s.queue).map((x) => `function ${x.fnName}`),
      ...Object.entries(c.m.pipes ?? {}).filter(([n, p]) => p?.source?.queue === s.queue && `pipes.${n}` !== base.join('.')).map(([n]) => `pipe ${n}`),
    ];
    if (others.length) c.add({ path: [...path, 'queue'], severity: 'warning', code: 'queue-consumers', message: `queue '${s.queue}' is also consumed by ${others.join(' and ')}; each message goes to only one of them`, hint: 'for every consumer to see every message, publish to a topic and give each consumer its own queue' });
    const fifo = c.m.queues?.[s.queue!]?.fifo;
    if (fifo && s.batchSize !== undefined && s.batchSize > 10) c.add({ path: [...path, 'batchSize'], code: 'pipe-batch-size', message: `a pipe reads a FIFO queue in batches of at most 10, not ${s.batchSize}`, hint: 'set batchSize between 1 and 10' });
  } else {
    const table = c.m.tables?.[s.table!];
    if (table && !table.stream) {
      c.add({ path: [...path, 'table'], code: 'pipe-no-stream', message: `table '${s.table}' has no stream for the pipe to read`, hint: `add stream: newAndOld (or new, old, keys) to tables.${s.table}` });
    }
  }
  if (target && SMALL_BATCH_TARGETS.includes(target) && s.batchSize !== undefined && s.batchSize > 10) {
    c.add({ path: [...path, 'batchSize'], code: 'pipe-batch-size', message: `a pipe delivering to a ${target} takes batches of at most 10, not ${s.batchSize}`, hint: `Pipes sends each record to the ${target} through a batch API of 10; set batchSize between 1 and 10` });
  }
}

function checkEnrichment(c: CheckContext, e: NonNullable<PipeSpec['enrichment']>, path: Path): void {
  const kind = c.oneKind(e as Record<string, unknown>, enrichmentKinds, path, 'a pipe enrichment');
  if (kind) c.ref(kind, e[kind], [...path, kind]);
  if (kind === 'workflow') {
    const wf = c.m.workflows?.[e.workflow!];
    if (wf && (wf.type ?? 'standard') !== 'express') {
      c.add({ path: [...path, 'workflow'], code: 'pipe-enrichment-standard', message: `workflow '${e.workflow}' is a standard workflow; a pipe waits for its enrichment, which only express workflows allow`, hint: `set type: express on workflows.${e.workflow}, or make the workflow the pipe's target` });
    }
  }
  if (e.input !== undefined) checkTemplate(c, e.input, [...path, 'input']);
}

function checkTarget(c: CheckContext, pipe: PipeSpec, kind: (typeof targetKinds)[number], path: Path): void {
  const t = pipe.target;
  const name = t[kind]!;
  if (!(kind === 'bus' && name === 'default')) c.ref(kind, name, [...path, kind]);
  if (t.invocation !== undefined && kind !== 'function' && kind !== 'workflow') {
    c.add({ path: [...path, 'invocation'], at: 'key', code: 'pipe-target-setting', message: `invocation applies to function and workflow targets, not a ${kind}` });
  }
  if (kind === 'workflow' && t.invocation === 'requestResponse' && (c.m.workflows?.[name]?.type ?? 'standard') !== 'express') {
    c.add({ path: [...path, 'invocation'], code: 'pipe-target-standard', message: `a standard workflow cannot be run requestResponse (synchronously)`, hint: `use invocation: fireAndForget, or set type: express on workflows.${name}` });
  }
  for (const key of ['source', 'detailType'] as const) {
    if (t[key] !== undefined && kind !== 'bus') c.add({ path: [...path, key], at: 'key', code: 'pipe-target-setting', message: `${key} applies to bus targets, not a ${kind}` });
  }
  if (kind === 'topic' && c.m.topics?.[name]?.fifo) c.add({ path: [...path, 'topic'], code: 'pipe-fifo-topic', message: 'eda does not deliver pipes to FIFO topics', hint: 'target a FIFO queue, or a standard topic' });
  if (t.input !== undefined) checkTemplate(c, t.input, [...path, 'input']);
}

function checkTemplate(c: CheckContext, text: string, path: Path): void {
  for (const p of scanTemplate(text).problems) c.add({ path, offset: p.offset, code: 'pipe-input-template', message: `invalid input template: ${p.message}`, hint: p.hint });
}
