// A grammar check of the mermaid flowchart subset eda graph emits (no mermaid parser runs
// offline on Node without a browser DOM): a header, subgraph … end blocks, node declarations
// with a quoted label in one of the shapes, edges with an optional quoted label, classDef and
// class lines, comments. Returns the problems found (empty: valid), plus what it read.
const ID = '[A-Za-z_][A-Za-z0-9_]*';
/** A quoted label: no raw quote, no line break (mermaid's entity codes stand for them). */
const LABEL = '"[^"\\n]*"';
const SHAPES = [
  ['\\[', '\\]'],
  ['\\(', '\\)'],
  ['\\[\\(', '\\)\\]'],
  ['\\[\\[', '\\]\\]'],
  ['\\{\\{', '\\}\\}'],
  ['\\[/', '/\\]'],
  // a trapezoid (pipes)
  ['\\[/', '\\\\\\]'],
  ['\\(\\[', '\\]\\)'],
  ['>', '\\]'],
];
const NODE = new RegExp(`^(${ID})(?:${SHAPES.map(([o, c]) => `${o}${LABEL}${c}`).join('|')})$`);
const EDGE = new RegExp(`^(${ID}) (-->|-\\.->)(?:\\|(${LABEL})\\|)? (${ID})$`);
const SUBGRAPH = new RegExp(`^subgraph (${ID})\\[${LABEL}\\]$`);
const CLASSDEF = new RegExp(`^classDef (${ID}) [a-z-]+:[^\\s,;]+(,[a-z-]+:[^\\s,;]+)*$`);
const CLASS = new RegExp(`^class (${ID}(?:,${ID})*) (${ID})$`);
/** Words mermaid reads as keywords where an id is expected. */
const RESERVED = new Set(['end', 'subgraph', 'graph', 'flowchart', 'class', 'classDef', 'style', 'linkStyle', 'click', 'call', 'default']);

export interface MermaidRead {
  problems: string[];
  nodes: Set<string>;
  edges: { from: string; to: string; arrow: string; label?: string }[];
  subgraphs: Set<string>;
}

export function checkMermaid(text: string): MermaidRead {
  const problems: string[] = [];
  const nodes = new Set<string>();
  const subgraphs = new Set<string>();
  const edges: MermaidRead['edges'] = [];
  const lines = text.split('\n').map((l) => l.trim());
  let depth = 0;
  let header = false;
  const useId = (id: string, n: number) => RESERVED.has(id) && problems.push(`line ${n}: '${id}' is a keyword`);
  lines.forEach((line, i) => {
    const n = i + 1;
    let m: RegExpExecArray | null;
    if (line === '' || line.startsWith('%%')) return;
    if (!header) {
      header = line === 'flowchart LR';
      if (!header) problems.push(`line ${n}: expected 'flowchart LR', got '${line}'`);
    } else if ((m = SUBGRAPH.exec(line))) {
      useId(m[1]!, n);
      subgraphs.add(m[1]!);
      depth++;
    } else if (line === 'end') {
      if (--depth < 0) problems.push(`line ${n}: 'end' without a subgraph`);
    } else if ((m = NODE.exec(line))) {
      useId(m[1]!, n);
      if (nodes.has(m[1]!)) problems.push(`line ${n}: node ${m[1]} declared twice`);
      nodes.add(m[1]!);
    } else if ((m = EDGE.exec(line))) {
      edges.push({ from: m[1]!, arrow: m[2]!, label: m[3]?.slice(1, -1), to: m[4]! });
    } else if (!CLASSDEF.test(line) && !CLASS.test(line)) problems.push(`line ${n}: not valid here: '${line}'`);
  });
  if (depth !== 0) problems.push(`${depth} subgraph(s) not closed`);
  for (const e of edges) for (const id of [e.from, e.to]) if (!nodes.has(id)) problems.push(`edge ${e.from} → ${e.to}: ${id} is not declared`);
  for (const line of lines) {
    const m = CLASS.exec(line);
    if (m) for (const id of m[1]!.split(',')) if (!nodes.has(id)) problems.push(`class: ${id} is not declared`);
  }
  return { problems, nodes, edges, subgraphs };
}
