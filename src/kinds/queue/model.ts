// Queues in the model: declared queues (each with its DLQ unless dlq: false), and the queues eda
// creates for function failures and rule dead letters. A queue's visibility timeout defaults to
// 6 × its slowest consumer's timeout (plus its batch window), once consumers are known.
import { DEFAULTS } from '../../manifest/defaults.js';
import { durationSeconds } from '../../manifest/semantics.js';
import { logicalId, pascal } from '../../core/names.js';
import type { QueueModel, TriggerModel } from '../../model/types.js';
import type { QueueSpec } from '../../manifest/app.types.js';
import type { ModelContext } from '../types.js';
import { parseValue } from '../../model/values.js';

export function modelQueues(c: ModelContext): void {
  const shared = sharedDeadLetterQueues(c.m.queues ?? {});
  for (const [name, spec] of Object.entries(c.m.queues ?? {})) {
    const maxReceives = (typeof spec.dlq === 'object' ? spec.dlq.maxReceives : undefined) ?? DEFAULTS.dlqMaxReceives;
    const redriveTo = typeof spec.dlq === 'object' ? spec.dlq.queue : undefined;
    // a queue serving as others' dead-letter queue gets none of its own unless it asks for one
    const ownDlq = spec.dlq !== false && !redriveTo && !(spec.dlq === undefined && shared.has(name));
    const dlq = ownDlq ? { logicalId: `${pascal(name)}Dlq`, maxReceives, name: `${name}:dlq` } : undefined;
    c.app.queues.push({
      name,
      logicalId: logicalId('queue', name),
      fifo: spec.fifo ?? false,
      visibilityTimeout: spec.visibilityTimeout ?? 30,
      retentionSeconds: spec.retention !== undefined ? durationSeconds(spec.retention) : DEFAULTS.queueRetentionSeconds,
      delaySeconds: spec.delay ?? 0,
      dlq,
      redrive: redriveTo ? { queue: redriveTo, maxReceives } : undefined,
      redriveSources: shared.get(name),
      consumers: [],
      path: ['queues', name],
      physicalName: spec.name === undefined ? undefined : parseValue(spec.name),
      ...(spec.message === undefined ? {} : { message: typeof spec.message === 'string' ? c.eventSchemas?.get(`queues.${name}`) : spec.message }),
    });
  }
}

/** Declared queues named as another's dlq.queue, each with the queues redriving into it (in app.yaml order). */
export function sharedDeadLetterQueues(queues: Record<string, QueueSpec | null | undefined>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [name, spec] of Object.entries(queues)) {
    const to = spec && typeof spec.dlq === 'object' ? spec.dlq.queue : undefined;
    if (to) out.set(to, [...(out.get(to) ?? []), name]);
  }
  return out;
}

/** Consumers (queue triggers) and the visibility timeout they need. */
export function linkQueues(c: ModelContext): void {
  for (const q of c.app.queues) {
    const spec = q.implicit ? undefined : c.m.queues?.[q.name];
    if (!spec) continue;
    const consumers = c.app.functions.filter((f) => f.triggers.some((t) => t.type === 'queue' && t.queue === q.name));
    const needed = consumers.map((f) => {
      const t = f.triggers.find((x) => x.type === 'queue' && x.queue === q.name) as Extract<TriggerModel, { type: 'queue' }>;
      return f.timeout * 6 + (t.batchWindow ?? 0);
    });
    q.consumers = consumers.map((f) => f.name);
    q.visibilityTimeout = spec.visibilityTimeout ?? Math.min(43200, Math.max(30, ...needed));
  }
}

export function implicitQueue(name: string, id: string, implicit: QueueModel['implicit'], path: (string | number)[]): QueueModel {
  return {
    name,
    logicalId: id,
    fifo: false,
    visibilityTimeout: 30,
    retentionSeconds: DEFAULTS.dlqRetentionSeconds,
    delaySeconds: 0,
    implicit,
    consumers: [],
    path,
  };
}
