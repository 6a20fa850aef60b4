// Pipes in the model: the source with its batching (defaults: 10 from a queue; 100 from a
// stream, or 10 when the target takes batches of 10), the invocation type each target runs
// with, and a dead-letter queue for every stream source (queues have their own).
import { DEFAULTS } from '../../manifest/defaults.js';
import { logicalId, pascal } from '../../core/names.js';
import type { PipeModel, PipeSourceModel } from '../../model/types.js';
import { implicitQueue } from '../queue/model.js';
import type { ModelContext } from '../types.js';

const targetKinds = ['function', 'workflow', 'queue', 'topic', 'bus'] as const;

export function modelPipes(c: ModelContext): void {
  for (const [name, spec] of Object.entries(c.m.pipes ?? {})) {
    const t = spec.target;
    const kind = targetKinds.find((k) => t[k] !== undefined)!;
    const targetName = t[kind]!;
    const smallBatches = kind === 'queue' || kind === 'topic' || kind === 'bus';
    const s = spec.source;
    const source: PipeSourceModel = s.queue
      ? { kind: 'queue', name: s.queue, batchSize: s.batchSize ?? DEFAULTS.queueBatchSize, batchWindow: s.batchWindow }
      : {
          kind: 'table',
          name: s.table!,
          batchSize: s.batchSize ?? (smallBatches ? 10 : DEFAULTS.streamBatchSize),
          batchWindow: s.batchWindow,
          startingPosition: s.startingPosition === 'trimHorizon' ? 'TRIM_HORIZON' : 'LATEST',
          maxRetries: s.maxRetries ?? DEFAULTS.streamMaxRetries,
        };
    let dlq: string | undefined;
    if (source.kind === 'table') {
      dlq = `pipe:${name}:dlq`;
      c.implicitQueues.push(implicitQueue(dlq, `${pascal(name)}PipeDlq`, 'pipe-dlq', ['pipes', name]));
    }
    const express = kind === 'workflow' && c.m.workflows?.[targetName]?.type === 'express';
    const invocation =
      kind === 'function' || express ? (t.invocation === 'fireAndForget' ? 'FIRE_AND_FORGET' : 'REQUEST_RESPONSE') : kind === 'workflow' ? 'FIRE_AND_FORGET' : undefined;
    const e = spec.enrichment;
    const pipe: PipeModel = {
      name,
      logicalId: logicalId('pipe', name),
      description: spec.description,
      enabled: spec.enabled ?? true,
      source,
      filter: spec.filter as Record<string, unknown> | undefined,
      enrichment: e ? { kind: e.function ? 'function' : 'workflow', name: (e.function ?? e.workflow)!, input: e.input } : undefined,
      target: { kind, name: targetName, invocation, input: t.input, eventSource: t.source, detailType: t.detailType },
      dlq,
      path: ['pipes', name],
    };
    c.app.pipes.push(pipe);
  }
}

/** Express workflows run at most 5 minutes: a synchronous one may hold a batch that long. */
const EXPRESS_MAX_SECONDS = 300;

/**
 * A queue a pipe reads keeps its messages invisible while the pipe waits for its enrichment and
 * a synchronous target: unless app.yaml sets visibilityTimeout, it becomes at least 6 × that
 * wait plus the batch window (as for function consumers), so a slow batch is not read twice.
 */
export function linkPipes(c: ModelContext): void {
  for (const pipe of c.app.pipes) {
    if (pipe.source.kind !== 'queue' || c.m.queues?.[pipe.source.name]?.visibilityTimeout !== undefined) continue;
    const q = c.app.queues.find((x) => x.name === pipe.source.name);
    if (!q) continue;
    const waits = (kind: string, name: string) => (kind === 'function' ? (c.app.functions.find((f) => f.name === name)?.timeout ?? 0) : kind === 'workflow' ? EXPRESS_MAX_SECONDS : 0);
    const e = pipe.enrichment;
    const t = pipe.target;
    const busy = (e ? waits(e.kind, e.name) : 0) + (t.invocation === 'REQUEST_RESPONSE' ? waits(t.kind, t.name) : 0);
    if (busy) q.visibilityTimeout = Math.min(43200, Math.max(q.visibilityTimeout, busy * 6 + (pipe.source.batchWindow ?? 0)));
  }
}
