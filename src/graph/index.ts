// `eda graph`'s library side: build the graph from the App model, render it in a format.
// SVG and HTML lay the graph out with elkjs, loaded only when one of them is asked for.
import type { Graph } from './types.js';
import { renderDot } from './dot.js';
import { renderMermaid } from './mermaid.js';

export { buildGraph, type Locate } from './build.js';
export { readmeBlock, readmeState, README_END, README_START, type ReadmeState } from './readme.js';
export type { Graph, GraphEdge, GraphGroup, GraphNode } from './types.js';

export const FORMATS = ['mermaid', 'svg', 'html', 'dot', 'json'] as const;
export type Format = (typeof FORMATS)[number];

/** The format a file name implies (app.svg → svg), if any. */
export function formatOfFile(file: string): Format | undefined {
  const ext = /\.([a-z]+)$/i.exec(file)?.[1]?.toLowerCase();
  const byExt: Record<string, Format> = { mmd: 'mermaid', mermaid: 'mermaid', svg: 'svg', html: 'html', htm: 'html', dot: 'dot', gv: 'dot', json: 'json' };
  return ext ? byExt[ext] : undefined;
}

/** The graph in a format, as the text of one file. */
export async function renderGraph(graph: Graph, format: Format): Promise<string> {
  switch (format) {
    case 'mermaid':
      return renderMermaid(graph);
    case 'dot':
      return renderDot(graph);
    case 'json':
      return `${JSON.stringify({ version: 1, ...graph }, null, 2)}\n`;
    case 'svg':
      return (await import('./svg.js')).renderSvg(graph);
    case 'html':
      return (await import('./html.js')).renderHtml(graph);
  }
}
