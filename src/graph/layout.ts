// Lays the graph out with elkjs (layered, left to right, groups as compound nodes), without a
// browser: text is measured by an estimate of the font's average glyph width, generous enough
// that labels fit their boxes. Every coordinate it returns is absolute.
import type { Graph, GraphEdge, GraphGroup, GraphNode } from './types.js';

export const FONT = { name: 13, small: 10, edge: 10 } as const;
/** Average advance of a glyph, as a share of the font size (Helvetica/Arial run ~0.55). */
const GLYPH = 0.62;
const textWidth = (text: string, size: number) => Math.ceil(text.length * size * GLYPH);

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
export interface PlacedNode extends Box {
  node: GraphNode;
}
export interface PlacedGroup extends Box {
  group: GraphGroup;
}
export interface PlacedEdge {
  edge: GraphEdge;
  /** The route: start, bends, end. */
  points: { x: number; y: number }[];
  label?: Box & { text: string };
}
export interface Layout {
  width: number;
  height: number;
  nodes: PlacedNode[];
  groups: PlacedGroup[];
  edges: PlacedEdge[];
}

/** A node's box: its caption, name and detail lines, padded. */
export function nodeSize(n: GraphNode): { width: number; height: number } {
  const widest = Math.max(textWidth(n.label, FONT.name), textWidth(n.detail ?? '', FONT.small), textWidth(n.kind, FONT.small));
  return { width: Math.max(80, widest + 24), height: n.detail ? 58 : 44 };
}

interface ElkShape {
  id: string;
  x?: number;
  y?: number;
  width?: number;
  height?: number;
  children?: ElkShape[];
  labels?: (ElkShape & { text: string })[];
  layoutOptions?: Record<string, string>;
}
interface ElkEdge {
  id: string;
  sources: string[];
  targets: string[];
  labels?: (ElkShape & { text: string })[];
  sections?: { startPoint: { x: number; y: number }; endPoint: { x: number; y: number }; bendPoints?: { x: number; y: number }[] }[];
}

const OPTIONS = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.spacing.nodeNode': '24',
  'elk.layered.spacing.nodeNodeBetweenLayers': '48',
  'elk.spacing.edgeLabel': '4',
  'elk.edgeLabels.placement': 'CENTER',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  'elk.padding': '[top=16,left=16,bottom=16,right=16]',
  'elk.json.shapeCoords': 'ROOT',
  'elk.json.edgeCoords': 'ROOT',
};

function elkGraph(graph: Graph) {
  const shape = (n: GraphNode): ElkShape => ({ id: n.id, ...nodeSize(n) });
  const groups: ElkShape[] = graph.groups.map((g) => ({
    id: g.id,
    layoutOptions: { 'elk.padding': '[top=30,left=12,bottom=12,right=12]' },
    children: graph.nodes.filter((n) => n.group === g.id).map(shape),
  }));
  const edges: ElkEdge[] = graph.edges.map((e, i) => ({
    id: `e${i}`,
    sources: [e.from],
    targets: [e.to],
    labels: e.label ? [{ id: `e${i}l`, text: e.label, width: textWidth(e.label, FONT.edge) + 6, height: FONT.edge + 6 }] : undefined,
  }));
  return { id: 'root', layoutOptions: OPTIONS, children: [...groups, ...graph.nodes.filter((n) => !n.group).map(shape)], edges };
}

/** The graph laid out (elkjs is loaded here, on first use). */
export async function layoutGraph(graph: Graph): Promise<Layout> {
  // elk.bundled is CommonJS: its constructor is the module's default export.
  const ELK = (await import('elkjs/lib/elk.bundled.js')).default as unknown as new () => { layout(g: unknown): Promise<unknown> };
  const result = (await new ELK().layout(elkGraph(graph))) as ElkShape & { edges: ElkEdge[] };
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const box = (s: ElkShape): Box => ({ x: s.x ?? 0, y: s.y ?? 0, width: s.width ?? 0, height: s.height ?? 0 });
  const nodes: PlacedNode[] = [];
  const groups: PlacedGroup[] = [];
  for (const child of result.children ?? []) {
    const group = graph.groups.find((g) => g.id === child.id);
    if (group) {
      groups.push({ group, ...box(child) });
      for (const n of child.children ?? []) nodes.push({ node: byId.get(n.id)!, ...box(n) });
    } else nodes.push({ node: byId.get(child.id)!, ...box(child) });
  }
  const edges = result.edges.map((e, i): PlacedEdge => {
    const s = e.sections?.[0];
    const points = s ? [s.startPoint, ...(s.bendPoints ?? []), s.endPoint] : [];
    const l = e.labels?.[0];
    return { edge: graph.edges[i]!, points, label: l ? { text: l.text, ...box(l) } : undefined };
  });
  return { width: result.width ?? 0, height: result.height ?? 0, nodes, groups, edges };
}
