// Queues in the model: declared queues (each with its DLQ unless dlq: false), and the queues eda
// creates for function failures and rule dead letters. A queue's visibility timeout defaults to
// 6 × its slowest consumer's timeout (plus its batch window), once consumers are known.
import { DEFAULTS } from '../../manifest/defaults.js';
import { durationSeconds } from '../../manifest/semantics.js';
import { logicalId, pascal } from '../../core/names.js';
import type { QueueModel, TriggerModel } from '../../model/types.js';
import type { ModelContext } from '../types.js';
import { parseValue } from '../../model/values.js';

export function modelQueues(c: ModelContext): void {
  for (const [name, spec] of Object.entries(c.m.queues ?? {})) {
    const dlq = spec.dlq === false ? undefined : { logicalId: `${pascal(name)}Dlq`, maxReceives: (typeof spec.dlq === 'object' ? spec.dlq.maxReceives : undefined) ?? DEFAULTS.dlqMaxReceives, name: `${name}:dlq` };
    c.app.queues.push({
      name,
      logicalId: logicalId('queue', name),
      fifo: spec.fifo ?? false,
      visibilityTimeout: spec.visibilityTimeout ?? 30,
      retentionSeconds: spec.retention !== undefined ? durationSeconds(spec.retention) : DEFAULTS.queueRetentionSeconds,
      delaySeconds: spec.delay ?? 0,
      dlq,
      consumers: [],
      path: ['queues', name],
      physicalName: spec.name === undefined ? undefined : parseValue(spec.name),
    });
  }
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
