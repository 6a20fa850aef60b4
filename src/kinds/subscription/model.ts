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
      const scope = s.filterScope === 'body' ? { filterScope: 'body' as const } : {};
      const sub: SubscriptionModel = s.queue
        ? { protocol: 'sqs', queue: s.queue, raw: s.raw ?? false, filter, ...scope, source }
        : s.email
          ? { protocol: 'email', endpoint: s.email, filter, ...scope, source }
          : { protocol: 'https', endpoint: s.https!, raw: s.raw ?? false, filter, ...scope, source };
      topic.subscriptions.push(sub);
    });
    for (const f of c.app.functions) {
      for (const t of f.triggers) if (t.type === 'topic' && t.topic === topic.name) topic.subscriptions.push({ protocol: 'lambda', function: f.name, filter: t.filter, ...(t.filterScope ? { filterScope: t.filterScope } : {}), source: t.source });
    }
  }
}
