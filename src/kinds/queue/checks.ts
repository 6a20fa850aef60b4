// Queues and their consumers: FIFO batch rules, the visibility timeout against every consumer's
// (stage-resolved) timeout, one consumer per queue, retention.
import { DEFAULTS, defaultOrigin } from '../../manifest/defaults.js';
import { label } from '../../manifest/problems.js';
import { durationSeconds } from '../../manifest/semantics.js';
import type { Path } from '../../manifest/source.js';
import { checkEventFilter } from '../function/event-filters.js';
import { sharedDeadLetterQueues } from './model.js';
import type { CheckContext } from '../types.js';

interface Consumer {
  fn: string;
  timeout: number;
  path: Path;
  from?: Path;
}

export function checkQueues(c: CheckContext): void {
  const { m, add } = c;
  const consumers = new Map<string, Consumer[]>();
  for (const { fnName, fn, trigger: t, path } of c.triggers('queue')) {
    c.ref('queue', t.queue, [...path, 'queue']);
    checkEventFilter(t.filter, [...path, 'filter'], { kind: 'queue' }, add);
    const q = m.queues?.[t.queue!];
    if (!q) continue;
    const batch = t.batchSize ?? DEFAULTS.queueBatchSize;
    if (q.fifo) {
      if (batch > 10) add({ path: [...path, 'batchSize'], code: 'fifo-batch', message: `batchSize ${batch} is over 10, the limit for FIFO queue '${t.queue}'`, hint: 'FIFO queues deliver at most 10 messages per batch' });
      if (t.batchWindow !== undefined) add({ path: [...path, 'batchWindow'], at: 'key', code: 'fifo-window', message: `FIFO queue '${t.queue}' does not support a batchWindow`, hint: 'remove batchWindow, or use a standard queue' });
    } else if (batch > 10 && !(t.batchWindow && t.batchWindow >= 1)) {
      add({ path: [...path, 'batchSize'], code: 'batch-window', message: `batchSize ${batch} over 10 needs a batchWindow of at least 1 second`, hint: 'add batchWindow: 1 (seconds to gather a batch)' });
    }
    const timeout = fn.timeout ?? c.defaults.timeout ?? DEFAULTS.timeout;
    const from = fn.timeout !== undefined ? undefined : defaultOrigin(m, c.stage, 'timeout');
    const list = consumers.get(t.queue!) ?? [];
    list.push({ fn: fnName, timeout, path, from });
    consumers.set(t.queue!, list);
  }

  for (const [queue, list] of consumers) {
    const q = m.queues![queue]!;
    if (q.visibilityTimeout !== undefined) {
      for (const consumer of list) {
        if (q.visibilityTimeout < consumer.timeout) {
          const origin = consumer.from ? `, from ${label(consumer.from)}` : '';
          add({ path: ['queues', queue, 'visibilityTimeout'], code: 'visibility-timeout', message: `visibilityTimeout ${q.visibilityTimeout}s is shorter than the timeout of consumer '${consumer.fn}' (${consumer.timeout}s${origin})`, hint: `use at least ${consumer.timeout * 6} (6 × the function timeout, as AWS recommends), or remove it to get that default` });
        }
      }
    }
    if (list.length > 1) {
      add({ path: list[1]!.path, severity: 'warning', code: 'queue-consumers', message: `queue '${queue}' is consumed by ${list.map((x) => x.fn).join(' and ')}; each message goes to only one of them`, hint: 'for every consumer to see every message, publish to a topic and give each consumer its own queue' });
    }
  }

  checkSharedDeadLetterQueues(c);
  for (const [queueName, q] of Object.entries(m.queues ?? {})) {
    if (q?.retention === undefined) continue;
    const seconds = durationSeconds(q.retention);
    if (seconds < 60 || seconds > 1209600) add({ path: ['queues', queueName, 'retention'], code: 'queue-retention', message: `retention ${q.retention} is outside 60 seconds to 14 days`, hint: 'SQS keeps messages between 1 minute and 14 days (e.g. 4d)' });
  }
}

/** SQS allows this many source queues in a redrive allow policy. */
const MAX_REDRIVE_SOURCES = 10;
/** Longest SQS queue name. */
const MAX_QUEUE_NAME = 80;

/** dlq: { queue }: a declared queue of the same type, not itself, not redriving back, with room for every source. */
function checkSharedDeadLetterQueues(c: CheckContext): void {
  const { m, add } = c;
  const queues = m.queues ?? {};
  for (const [target, sources] of sharedDeadLetterQueues(queues)) {
    for (const [i, name] of sources.entries()) {
      const q = queues[name]!;
      const path = ['queues', name, 'dlq', 'queue'];
      const dlq = queues[target];
      c.ref('queue', target, path);
      if (target === name) {
        add({ path, code: 'dlq-self', message: `queue '${name}' cannot be its own dead-letter queue`, hint: 'name another declared queue, or write dlq: { maxReceives: 3 } for a DLQ of its own' });
        continue;
      }
      if (!dlq) continue;
      if (Boolean(q.fifo) !== Boolean(dlq.fifo)) {
        add({ path, code: 'dlq-fifo', message: q.fifo ? `FIFO queue '${name}' needs a FIFO dead-letter queue; '${target}' is standard` : `standard queue '${name}' needs a standard dead-letter queue; '${target}' is FIFO`, hint: 'SQS moves messages only between queues of the same type: make both FIFO or both standard' });
      }
      if (typeof dlq.dlq === 'object' && dlq.dlq.queue === name) add({ path, code: 'dlq-cycle', message: `queues '${name}' and '${target}' are each other's dead-letter queue`, hint: 'a dead-letter queue keeps what failed: give it dlq: false, or a queue of its own' });
      if (i === MAX_REDRIVE_SOURCES) add({ path, code: 'dlq-sources', message: `'${target}' is already the dead-letter queue of ${MAX_REDRIVE_SOURCES} queues; its redrive allow policy lists at most ${MAX_REDRIVE_SOURCES}`, hint: 'declare a second shared dead-letter queue for the others' });
      const physical = `${m.name}-${c.stage}-${name}${q.fifo ? '.fifo' : ''}`;
      if (physical.length > MAX_QUEUE_NAME) add({ path, code: 'dlq-name', message: `queue '${name}' redriving into '${target}' is named ${physical} (${physical.length} characters); SQS allows ${MAX_QUEUE_NAME}`, hint: 'a queue using a shared dead-letter queue is named <app>-<stage>-<name>: shorten one of them' });
      const seconds = (r: typeof q.retention) => (r === undefined ? DEFAULTS.queueRetentionSeconds : durationSeconds(r));
      if (seconds(dlq.retention) < seconds(q.retention)) {
        add({ path, severity: 'warning', code: 'dlq-retention', message: `dead-letter queue '${target}' keeps messages ${seconds(dlq.retention)}s, less than '${name}' (${seconds(q.retention)}s)`, hint: `a message's age counts from when it was first sent: give queues.${target}.retention at least ${q.retention ?? '4d'}, as AWS advises` });
      }
    }
  }
}
