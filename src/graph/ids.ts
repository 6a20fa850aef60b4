// Short identifiers for renderers whose syntax limits them (mermaid): `fn_createOrder`, unique
// in the graph, never a keyword.
import type { Graph } from './types.js';

const PREFIX: Record<string, string> = {
  route: 'rt',
  function: 'fn',
  table: 'tbl',
  queue: 'q',
  topic: 'tp',
  endpoint: 'ep',
  bus: 'bus',
  rule: 'rule',
  schedule: 'sch',
  workflow: 'wf',
  task: 'task',
  group: 'g',
};

/** A map from each node and group id to a plain identifier ([A-Za-z0-9_]). */
export function shortIds(graph: Graph): Map<string, string> {
  const ids = new Map<string, string>();
  const used = new Set<string>();
  const add = (id: string, kind: string, name: string) => {
    const base = `${PREFIX[kind] ?? kind}_${name.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '')}`.replace(/_+$/, '');
    let short = base;
    for (let i = 2; used.has(short); i++) short = `${base}_${i}`;
    used.add(short);
    ids.set(id, short);
  };
  for (const g of graph.groups) add(g.id, 'group', g.id.split(':').slice(1).join('_'));
  for (const n of graph.nodes) add(n.id, n.kind, n.kind === 'route' || n.kind === 'task' ? n.id.split(':').slice(1).join(' ') : n.name);
  return ids;
}
