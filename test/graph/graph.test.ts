// The graph built from the model: every resource and relation of app.yaml, whatever the
// renderer; mermaid and DOT outputs that parse.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../../src/pipeline/index.js';
import { buildGraph, renderGraph, type Graph } from '../../src/graph/index.js';
import { repoRoot } from '../support/cli.js';
import { expectedGraph } from './expected.js';
import { checkMermaid } from './mermaid-grammar.js';
import { bucketsAndSchedules, everyEdge } from './fixtures.js';

const examples = ['order-pipeline', 'fan-out', 'api-crud', 'scheduled'];

async function load(example: string) {
  const cwd = path.join(repoRoot, 'examples', example);
  return loadProject({ cwd, text: readFileSync(path.join(cwd, 'app.yaml'), 'utf8') });
}

const cases: [string, () => ReturnType<typeof load>][] = [
  ...examples.map((e): [string, () => ReturnType<typeof load>] => [e, () => load(e)]),
  ['every-edge fixture', () => loadProject({ cwd: repoRoot, text: everyEdge })],
  ['buckets and schedules fixture', () => loadProject({ cwd: repoRoot, text: bucketsAndSchedules })],
];

function assertComplete(graph: Graph, app: Parameters<typeof expectedGraph>[0]) {
  const expected = expectedGraph(app);
  const ids = new Set(graph.nodes.map((n) => n.id));
  expect([...expected.nodes].filter((id) => !ids.has(id))).toEqual([]);
  const has = (e: { from: string; to: string; kind: string }) => graph.edges.some((g) => g.from === e.from && g.to === e.to && g.kind === e.kind);
  expect(expected.edges.filter((e) => !has(e))).toEqual([]);
  for (const call of expected.taskCalls) {
    const tasks = graph.nodes.filter((n) => n.kind === 'task' && n.group === `group:workflow:${call.workflow}`).map((n) => n.id);
    expect(graph.edges.some((e) => tasks.includes(e.from) && e.to === call.to), `${call.workflow} → ${call.to}`).toBe(true);
  }
  // Nothing points nowhere.
  for (const e of graph.edges) expect([ids.has(e.from), ids.has(e.to)], `${e.from} → ${e.to}`).toEqual([true, true]);
}

describe.each(cases)('graph of %s', (_name, loadIt) => {
  it('has every resource and relation of app.yaml, each node in a declared group (if any)', async () => {
    const { app } = await loadIt();
    const graph = buildGraph(app);
    assertComplete(graph, app);
    const groups = new Set(graph.groups.map((g) => g.id));
    for (const n of graph.nodes) if (n.group) expect(groups.has(n.group)).toBe(true);
  });

  it('renders mermaid that parses, with a line per node and per edge', async () => {
    const graph = buildGraph((await loadIt()).app);
    const read = checkMermaid(await renderGraph(graph, 'mermaid'));
    expect(read.problems).toEqual([]);
    expect(read.nodes.size).toBe(graph.nodes.length);
    expect(read.edges.length).toBe(graph.edges.length);
    expect(read.subgraphs.size).toBe(graph.groups.length);
  });

  it('renders DOT with every node and edge, quoted', async () => {
    const graph = buildGraph((await loadIt()).app);
    const dot = await renderGraph(graph, 'dot');
    expect(dot).toMatch(/^\/\/ .*\ndigraph "[^"]+" \{\n/);
    expect(dot.trimEnd().endsWith('}')).toBe(true);
    expect((dot.match(/\{/g) ?? []).length).toBe((dot.match(/\}/g) ?? []).length);
    for (const e of graph.edges) expect(dot).toContain(`${JSON.stringify(e.from)} -> ${JSON.stringify(e.to)}`);
    for (const n of graph.nodes) expect(dot).toContain(`${JSON.stringify(n.id)} [label=`);
  });
});

describe('edge labels', () => {
  it('say batch size, window, concurrency, filters, retries and access', async () => {
    const { app } = await loadProject({ cwd: repoRoot, text: everyEdge });
    const graph = buildGraph(app);
    const label = (from: string, to: string) => graph.edges.find((e) => e.from === from && e.to === to)?.label;
    expect(label('queue:jobs', 'function:worker')).toBe('batch 20, window 5s, max 4 concurrent');
    expect(label('table:things', 'function:changes')).toMatch(/^stream, batch 50, retries -?\d+$/);
    expect(label('topic:news', 'function:reader')).toBe('kind in [urgent, normal]');
    expect(label('topic:news', 'endpoint:https:https://hooks.example.com/news')).toBe('kind starts with urg');
    expect(label('rule:relay', 'queue:jobs')).toBe('retries 185');
    expect(label('function:api', 'workflow:flow')).toBe('start');
    expect(graph.nodes.find((n) => n.id === 'rule:relay')?.detail).toBe('source = sink');
    const implicit = graph.nodes.find((n) => n.kind === 'rule' && n.settings.implicit);
    expect(implicit?.detail).toBe('detail-type = ThingChanged, detail.size > 10');
    const notify = graph.nodes.find((n) => n.id === 'task:flow:Notify')!;
    expect(graph.edges.find((e) => e.from === notify.id)).toMatchObject({ to: 'topic:news', label: 'sns:Publish' });
  });

  it('on the order pipeline: the pattern summarized, the DLQ after its receives', async () => {
    const graph = buildGraph((await load('order-pipeline')).app);
    expect(graph.nodes.find((n) => n.id === 'rule:order-placed')?.detail).toBe('source = shop.orders, detail-type = OrderPlaced');
    expect(graph.edges.find((e) => e.from === 'queue:payments' && e.kind === 'dlq')?.label).toBe('after 3 receives');
    expect(graph.edges.find((e) => e.from === 'queue:payments' && e.kind === 'trigger')?.label).toBe('batch 5');
    expect(graph.edges.find((e) => e.from === 'function:getOrder' && e.to === 'table:orders')?.label).toBe('read');
  });
});

describe('the mermaid grammar check', () => {
  it('rejects what mermaid would not read', () => {
    expect(checkMermaid('flowchart LR\n  a["x"]\n  a --> b\n').problems).toEqual(['edge a → b: b is not declared']);
    expect(checkMermaid('flowchart LR\n  subgraph g["x"]\n  a["x"]\n').problems).toEqual(['1 subgraph(s) not closed']);
    expect(checkMermaid('flowchart LR\n  a["say "hi""]\n').problems).toHaveLength(1);
    expect(checkMermaid('flowchart LR\n  end["x"]\n').problems).not.toEqual([]);
    expect(checkMermaid('graph TD\n').problems).toHaveLength(1);
  });
});
