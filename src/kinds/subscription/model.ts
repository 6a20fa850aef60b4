// Subscriptions in the model: each topic's declared ones (queue, email, https), then the
// functions its topic triggers subscribe.
import type { SubscriptionModel } from '../../model/types.js';
import type { ModelContext } from '../types.js';

export function modelSubscriptions(c: ModelContext): void {
  for (const topic of c.app.topics) {
    const spec = c.m.topics?.[topic.name];
    (spec?.subscriptions ?? []).forEach((s, i) => {
      const source = ['topics', topic.name, 'subscriptions', i];
      const filter = s.filter as Record<string, unknown> | undefined;
      const sub: SubscriptionModel = s.queue
        ? { protocol: 'sqs', queue: s.queue, raw: s.raw ?? false, filter, source }
        : s.email
          ? { protocol: 'email', endpoint: s.email, filter, source }
          : { protocol: 'https', endpoint: s.https!, raw: s.raw ?? false, filter, source };
      topic.subscriptions.push(sub);
    });
    for (const f of c.app.functions) {
      for (const t of f.triggers) if (t.type === 'topic' && t.topic === topic.name) topic.subscriptions.push({ protocol: 'lambda', function: f.name, filter: t.filter, source: t.source });
    }
  }
}
