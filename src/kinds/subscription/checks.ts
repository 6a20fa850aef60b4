// Subscriptions to topics: a function's topic trigger, or a queue, email or https endpoint under
// topics.X.subscriptions. FIFO topics reach only FIFO queues; filter policies must be valid.
import type { Path } from '../../manifest/source.js';
import type { Problem } from '../../manifest/problems.js';
import { validatePattern } from '../../pattern/index.js';
import type { CheckContext } from '../types.js';

const subscriptionKinds = ['queue', 'email', 'https'] as const;

export function checkSubscriptions(c: CheckContext): void {
  const { m, add } = c;
  for (const { trigger: t, path } of c.triggers('topic')) {
    c.ref('topic', t.topic, [...path, 'topic']);
    if (m.topics?.[t.topic!]?.fifo) add({ path: [...path, 'topic'], code: 'fifo-topic-lambda', message: `FIFO topic '${t.topic}' cannot invoke functions`, hint: 'SNS FIFO topics deliver only to FIFO queues: subscribe a FIFO queue and trigger the function from it' });
    if (Array.isArray(t.filter)) add({ path: [...path, 'filter'], code: 'filter-list', message: 'a topic trigger takes one SNS filter policy, not a list', hint: 'write the policy as one mapping: filter: { type: [placed] }' });
    else checkFilterPolicy(t.filter, [...path, 'filter'], add);
  }
  for (const [topicName, topic] of Object.entries(m.topics ?? {})) {
    (topic?.subscriptions ?? []).forEach((s, i) => {
      const path = ['topics', topicName, 'subscriptions', i];
      if (!s || typeof s !== 'object') return;
      const kind = c.oneKind(s as Record<string, unknown>, subscriptionKinds, path, 'a subscription');
      if (!kind) return;
      if (kind === 'queue') {
        c.ref('queue', s.queue, [...path, 'queue']);
        const q = m.queues?.[s.queue!];
        if (q && Boolean(q.fifo) !== Boolean(topic!.fifo)) {
          add({ path: [...path, 'queue'], code: 'fifo-mismatch', message: topic!.fifo ? `FIFO topic '${topicName}' can deliver only to FIFO queues; '${s.queue}' is standard` : `standard topic '${topicName}' cannot deliver to FIFO queue '${s.queue}'`, hint: 'make both FIFO or both standard' });
        }
      } else {
        if (topic!.fifo) add({ path: [...path, kind], at: 'key', code: 'fifo-topic-protocol', message: `FIFO topic '${topicName}' cannot deliver to ${kind}`, hint: 'SNS FIFO topics deliver only to SQS queues' });
        if (kind === 'email' && s.raw !== undefined) add({ path: [...path, 'raw'], at: 'key', code: 'subscription-raw', message: 'raw delivery does not apply to email subscriptions' });
      }
      checkFilterPolicy(s.filter, [...path, 'filter'], add);
    });
  }
}

function checkFilterPolicy(filter: unknown, path: Path, add: (p: Problem) => void): void {
  if (filter === undefined) return;
  // SNS filter policies share the EventBridge matcher syntax for the operators they have.
  for (const p of validatePattern(filter)) add({ path: [...path, ...p.path], code: 'filter-invalid', message: `invalid filter policy: ${p.message}`, hint: p.hint });
}
