import type { Starter } from './index.js';

export const fanOut: Starter = {
  name: 'fan-out',
  summary: 'one SNS topic fanned out to filtered SQS queues, each with its worker',
  shared: ['src/lib/http.ts'],
  sdk: ['@aws-sdk/client-sns'],
  manifest: (app) => ({
    manifest: {
      name: app,
      description: `${app}: events published once, delivered to every queue that wants them`,
      runtime: 'nodejs24.x',
      functions: {
        publishEvent: {
          description: 'POST /events: publishes an order event with its type as a message attribute',
          triggers: [{ http: 'POST /events' }],
          uses: [{ topic: 'order-events' }],
        },
        billingWorker: { description: 'Bills placed and refunded orders', triggers: [{ queue: 'billing', batchSize: 10 }] },
        shippingWorker: { description: 'Ships placed orders', triggers: [{ queue: 'shipping', batchSize: 10 }] },
        analyticsWorker: { description: 'Counts every event', triggers: [{ queue: 'analytics', batchSize: 10 }] },
      },
      queues: {
        billing: { dlq: { maxReceives: 3 } },
        shipping: { dlq: { maxReceives: 3 } },
        analytics: { dlq: { maxReceives: 3 } },
      },
      topics: {
        'order-events': {
          subscriptions: [
            { queue: 'billing', raw: true, filter: { type: ['placed', 'refunded'] } },
            { queue: 'shipping', raw: true, filter: { type: ['placed'] } },
            { queue: 'analytics', raw: true },
          ],
        },
      },
    },
    notes: {
      above: {
        'topics.order-events': 'Each queue subscribes with an SNS filter policy on the `type` message attribute.',
        queues: 'Each queue keeps what its worker could not process in <name>-dlq.',
      },
    },
  }),
};
