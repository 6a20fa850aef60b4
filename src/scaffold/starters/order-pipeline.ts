import { lambdaRetry } from '../../manifest/asl.js';
import type { Starter } from './index.js';

export const orderPipeline: Starter = {
  name: 'order-pipeline',
  summary: 'orders: API → table + event bus → payment workflow, queues with a DLQ, notifications, a daily cleanup',
  shared: ['src/lib/http.ts'],
  sdk: ['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb', '@aws-sdk/client-eventbridge', '@aws-sdk/client-sqs', '@aws-sdk/client-sns'],
  manifest: (app) => ({
    manifest: {
      name: app,
      description: `${app}: orders flow from an HTTP API through an event bus into a payment workflow`,
      runtime: 'nodejs24.x',
      defaults: { memory: 512, timeout: 10 },
      functions: {
        createOrder: {
          description: 'Stores a new order and announces OrderPlaced on the orders bus',
          triggers: [{ http: 'POST /orders' }],
          uses: [{ table: 'orders', access: 'write' }, { bus: 'orders' }],
        },
        getOrder: {
          description: 'Returns one order',
          triggers: [{ http: 'GET /orders/{id}' }],
          uses: [{ table: 'orders', access: 'read' }],
        },
        validateOrder: { description: 'Workflow step: checks the items and the total' },
        processPayment: {
          description: 'Workflow step: charges the order and queues the payment for settlement',
          uses: [{ queue: 'payments' }],
        },
        settlePayment: {
          description: 'Marks orders paid, from the payments queue',
          triggers: [{ queue: 'payments', batchSize: 10 }],
          uses: [{ table: 'orders', access: 'write' }],
        },
        shipOrder: {
          description: 'Workflow step: marks the order shipped and notifies',
          uses: [{ table: 'orders', access: 'write' }, { topic: 'notifications' }],
        },
        cleanup: {
          description: 'Daily: expires orders that were never paid',
          uses: [{ table: 'orders' }],
        },
      },
      apis: { public: { type: 'http', cors: true } },
      tables: {
        orders: { partitionKey: 'id', ttl: 'expiresAt' },
      },
      queues: {
        payments: { dlq: { maxReceives: 3 }, message: 'schemas/payment.json' },
        audit: { retention: '14d', message: 'schemas/notification.json' },
      },
      topics: {
        notifications: {
          message: 'schemas/notification.json',
          subscriptions: [{ email: 'ops@example.com' }, { queue: 'audit', raw: true }],
        },
      },
      buses: { orders: {} },
      events: {
        OrderPlaced: {
          bus: 'orders',
          source: `${app}.orders`,
          schema: 'schemas/order-placed.json',
          producers: ['createOrder'],
        },
      },
      rules: {
        'order-placed': {
          description: 'Every placed order starts the process-order workflow',
          bus: 'orders',
          pattern: { source: [`${app}.orders`], 'detail-type': ['OrderPlaced'] },
          targets: [{ workflow: 'process-order', inputPath: '$.detail' }],
        },
        'daily-cleanup': {
          schedule: 'rate(1 day)',
          targets: [{ function: 'cleanup' }],
        },
      },
      workflows: {
        'process-order': {
          type: 'standard',
          definition: {
            StartAt: 'ValidateOrder',
            States: {
              ValidateOrder: { Type: 'Task', Resource: 'validateOrder', Retry: lambdaRetry(), Next: 'ProcessPayment' },
              ProcessPayment: { Type: 'Task', Resource: 'processPayment', Retry: lambdaRetry(), Next: 'IsPaymentSuccessful' },
              IsPaymentSuccessful: {
                Type: 'Choice',
                Choices: [{ Variable: '$.paymentSuccess', BooleanEquals: true, Next: 'ShipOrder' }],
                Default: 'PaymentFailed',
              },
              ShipOrder: { Type: 'Task', Resource: 'shipOrder', Retry: lambdaRetry(), End: true },
              PaymentFailed: { Type: 'Fail', Cause: 'Payment processing failed', Error: 'PaymentError' },
            },
          },
        },
      },
    },
    notes: {
      above: {
        functions:
          'Handlers live in src/handlers/<name>.ts. `uses` grants least-privilege access and passes the\nnames in (read them typed: resources.tables.orders.name, from src/generated/resources.ts).',
        'functions.validateOrder': 'Steps of the process-order workflow (Task states name them).',
        'queues.payments': 'Messages that fail 3 times move to payments-dlq. `message:` is the JSON Schema of their bodies:\nqueues.payments.send(...) in src/generated/resources.ts type-checks them; eda dev checks them.',
        'topics.notifications': 'Confirm the email subscription from the message AWS sends after deploy.',
        events:
          'Event contracts: each event once, with its JSON Schema. events.orderPlaced.put(...) is typed by it,\nrule patterns are checked against it, and eda dev flags events that break it.',
        rules: 'EventBridge rules: an event pattern on a bus, or a schedule.',
        'workflows.process-order': 'Amazon States Language; a Task whose Resource is a function name invokes it.',
      },
    },
  }),
};
