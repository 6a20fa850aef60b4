// Where the console lights a trace record up: node and edge ids exactly as eda graph builds
// them for the same app, so a hop lands on the arrow it travelled.
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../src/graph/build.js';
import { buildApp } from '../../src/kinds/build.js';
import type { AppManifest } from '../../src/manifest/app.types.js';
import { hopMark, labelNode } from '../../src/local/console/hops.js';
import type { Traced, TraceEvent } from '../../src/local/trace.js';

const app = buildApp(
  {
    name: 'shop',
    region: 'eu-west-1',
    apis: { public: { type: 'http' } },
    functions: {
      create: { triggers: [{ http: 'POST /orders' }] },
      settle: { triggers: [{ queue: 'payments' }] },
      audit: { triggers: [{ topic: 'news' }] },
      onChange: { triggers: [{ stream: 'orders' }] },
    },
    tables: { orders: { partitionKey: 'id', stream: 'new-and-old' } },
    queues: { payments: { dlq: { maxReceives: 3 } } },
    topics: { news: { subscriptions: [{ email: 'ops@example.com' }] } },
    buses: { orders: {} },
    rules: { placed: { bus: 'orders', pattern: { 'detail-type': ['OrderPlaced'] }, targets: [{ function: 'audit' }] } },
  } as unknown as AppManifest,
  'dev',
);
const graph = buildGraph(app);
const nodes = new Set(graph.nodes.map((n) => n.id));
const edges = new Set(graph.edges.map((e) => `${e.from} → ${e.to}`));
const at = (e: TraceEvent) => hopMark({ ...e, time: 0 } as Traced)!;

/** Every node and edge of the mark is one the diagram has. */
function onDiagram(e: TraceEvent) {
  const m = at(e);
  for (const n of m.nodes) expect(nodes, n).toContain(n);
  for (const [from, to] of m.edges) expect(edges, `${from} → ${to}`).toContain(`${from} → ${to}`);
  return m;
}

describe('hopMark', () => {
  it('a request travels its route into its function; a 5xx is an error', () => {
    expect(onDiagram({ kind: 'http', api: 'public', method: 'POST', path: '/orders', route: 'POST /orders', function: 'create', status: 201, ms: 3, requestId: 'r' })).toEqual({
      nodes: ['route:public:POST /orders'],
      edges: [['route:public:POST /orders', 'function:create']],
      error: false,
    });
    expect(at({ kind: 'http', api: 'public', method: 'POST', path: '/orders', route: 'POST /orders', function: 'create', status: 502, ms: 3, requestId: 'r' }).error).toBe(true);
  });

  it('a queue delivers to its consumer; a message dead-lettered travels the dlq arrow in red', () => {
    expect(onDiagram({ kind: 'queue', queue: 'payments', action: 'deliver', messageIds: ['m'], function: 'settle' }).edges).toEqual([['queue:payments', 'function:settle']]);
    const dlq = onDiagram({ kind: 'queue', queue: 'payments', action: 'dlq', messageIds: ['m'], to: 'payments:dlq', receiveCount: 3 });
    expect(dlq).toEqual({ nodes: ['queue:payments', 'queue:payments:dlq'], edges: [['queue:payments', 'queue:payments:dlq']], error: true });
  });

  it('a topic delivers to each subscriber, email endpoints included; a rule goes from its bus to its targets', () => {
    expect(onDiagram({ kind: 'topic', topic: 'news', action: 'deliver', messageId: 'm', to: 'function audit' }).edges).toEqual([['topic:news', 'function:audit']]);
    expect(onDiagram({ kind: 'topic', topic: 'news', action: 'deliver', messageId: 'm', to: 'email ops@example.com (not sent locally)' }).edges).toEqual([['topic:news', 'endpoint:email:ops@example.com']]);
    expect(onDiagram({ kind: 'rule', rule: 'placed', bus: 'orders', eventId: 'e', targets: ['function audit'] }).edges).toEqual([
      ['bus:orders', 'rule:placed'],
      ['rule:placed', 'function:audit'],
    ]);
  });

  it('a stream delivers to its function; a failed invocation lights its function red', () => {
    expect(onDiagram({ kind: 'stream', table: 'orders', function: 'onChange', action: 'deliver', records: 2 }).edges).toEqual([['table:orders', 'function:onChange']]);
    expect(onDiagram({ kind: 'invoke', function: 'settle', requestId: 'r', trigger: 'queue payments', ms: 1, ok: false, error: { type: 'Error', message: 'x' } })).toEqual({ nodes: ['function:settle'], edges: [], error: true });
    expect(onDiagram({ kind: 'invoke', function: 'audit', requestId: 'r', trigger: 'topic news', ms: 1, ok: true }).edges).toEqual([['topic:news', 'function:audit']]);
  });

  it('records that are not hops (logs, reloads) land nowhere', () => {
    expect(at({ kind: 'log', function: 'create', level: 'INFO', text: 'hi' })).toBeUndefined();
    expect(at({ kind: 'reload', functions: ['create'], ms: 10 })).toBeUndefined();
    expect(labelNode('workflow process-order')).toBe('workflow:process-order');
  });
});
