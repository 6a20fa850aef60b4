// eda graph draws a direct route as an edge from the route to the queue, bus, workflow or table
// it targets, labelled with what it asks of it.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../src/graph/build.js';
import { loadProject } from '../../src/pipeline/index.js';
import { eda, repoRoot, tempProject } from '../support/cli.js';

const app = `name: shop
queues:
  payments: { fifo: true }
workflows:
  checkout: { type: express, definition: { StartAt: A, States: { A: { Type: Pass, End: true } } } }
tables:
  orders: { partitionKey: id }
apis:
  ingest:
    routes:
      POST /pay: { queue: payments, messageGroupId: $request.header.x-group }
      POST /events: { bus: default, source: shop.api, detailType: OrderRequested }
      POST /checkout: { workflow: checkout, sync: true }
  store:
    type: rest
    routes:
      "GET /orders/{id}": { table: orders }
`;

describe('graph of direct routes', () => {
  it('draws route → queue, bus, workflow and table edges in the api group', async () => {
    const dir = tempProject({ 'app.yaml': app });
    const graph = buildGraph((await loadProject({ cwd: dir })).app);
    const routeEdges = graph.edges.filter((e) => e.kind === 'route').map((e) => `${e.from} → ${e.to} (${e.label})`);
    expect(routeEdges).toEqual([
      'route:ingest:POST /pay → queue:payments (send, group $request.header.x-group)',
      'route:ingest:POST /events → bus:default (put OrderRequested)',
      'route:ingest:POST /checkout → workflow:checkout (start sync)',
      'route:store:GET /orders/{id} → table:orders (get)',
    ]);
    for (const e of graph.edges) expect(graph.nodes.some((n) => n.id === e.to), e.to).toBe(true);
    expect(graph.nodes.find((n) => n.id === 'route:store:GET /orders/{id}')?.group).toBe('group:api:store');
  });

  it('renders through the CLI as mermaid', async () => {
    const run = await eda(['graph', '--cwd', path.join(repoRoot, 'examples', 'patterns', 'apigw-sqs-lambda')]);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('rt_api_POST_submit -->|"send"| q_submissions');
  });
});
