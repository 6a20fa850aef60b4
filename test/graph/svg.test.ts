// SVG without a browser: well-formed XML, every node drawn once, no two node boxes overlapping,
// every edge drawn with its label, on every example and at 40 functions.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { buildGraph, renderGraph, type Graph } from '../../src/graph/index.js';
import { serialize } from '../../src/graph/svg.js';
import { loadProject } from '../../src/pipeline/index.js';
import { repoRoot } from '../support/cli.js';
import { everyEdge } from './fixtures.js';

interface Rect {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

type XmlNode = Record<string, unknown>;

/** The node boxes and edges of an SVG eda drew, read back from its XML. */
function readSvg(svg: string): { nodes: Rect[]; edges: { from: string; to: string; label?: string }[] } {
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => name === 'g' || name === 'text' || name === 'rect' }).parse(svg) as { svg: { g: XmlNode[] } };
  const nodes: Rect[] = [];
  const edges: { from: string; to: string; label?: string }[] = [];
  for (const g of doc.svg.g) {
    const cls = String(g.class);
    if (cls.startsWith('node ')) {
      const r = (g.rect as Record<string, string>[])[0]!;
      nodes.push({ id: String(g['data-id']), x: +r.x!, y: +r.y!, width: +r.width!, height: +r.height! });
    } else if (cls.startsWith('edge ')) {
      const text = (g.text as (XmlNode | string)[] | undefined)?.[0];
      edges.push({ from: String(g['data-from']), to: String(g['data-to']), label: text === undefined ? undefined : String(typeof text === 'string' ? text : text['#text']) });
    }
  }
  return { nodes, edges };
}

const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

async function project(example: string) {
  const cwd = path.join(repoRoot, 'examples', example);
  return loadProject({ cwd, text: readFileSync(path.join(cwd, 'app.yaml'), 'utf8') });
}

/** The order pipeline five times over (40 functions), as the benchmark builds it. */
async function fiveTimes() {
  const { scaledApp } = (await import('../../bench/scale.mjs' as string)) as { scaledApp: (file: string, n: number) => unknown };
  const text = stringify(scaledApp(path.join(repoRoot, 'examples/order-pipeline/app.yaml'), 5));
  return loadProject({ cwd: repoRoot, text });
}

function checkSvg(svg: string, graph: Graph) {
  expect(XMLValidator.validate(svg)).toBe(true);
  const read = readSvg(svg);
  expect(read.nodes.map((n) => n.id).sort()).toEqual(graph.nodes.map((n) => n.id).sort());
  const clashes: string[] = [];
  read.nodes.forEach((a, i) => read.nodes.slice(i + 1).forEach((b) => overlaps(a, b) && clashes.push(`${a.id} × ${b.id}`)));
  expect(clashes).toEqual([]);
  expect(read.edges.map((e) => [e.from, e.to, e.label ?? ''])).toEqual(graph.edges.map((e) => [e.from, e.to, e.label]));
}

describe('eda graph --format svg', () => {
  it.each(['order-pipeline', 'fan-out', 'api-crud', 'scheduled'])('%s: well-formed, every node and edge, no overlapping boxes', async (example) => {
    const graph = buildGraph((await project(example)).app);
    checkSvg(await renderGraph(graph, 'svg'), graph);
  });

  it('the every-edge fixture, too', async () => {
    const graph = buildGraph((await loadProject({ cwd: repoRoot, text: everyEdge })).app);
    checkSvg(await renderGraph(graph, 'svg'), graph);
  });

  it('names with markup characters stay text', () => {
    const xml = serialize({ name: 'svg', attrs: { 'data-x': 'a"<b>&' }, children: [{ name: 'text', children: ['x < y & "z"'] }] });
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml).svg['data-x']).toBe('a"<b>&');
  });

  it('40 functions (5× order-pipeline): well-formed, every node and edge, no overlapping boxes', async () => {
    const { app } = await fiveTimes();
    expect(app.functions).toHaveLength(40);
    const graph = buildGraph(app);
    const svg = await renderGraph(graph, 'svg');
    checkSvg(svg, graph);
  });
});
