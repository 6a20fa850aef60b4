// The import graph of a source tree, folder by folder, and the house rules it must follow
// (see the README's architecture section): imports are read with the TypeScript compiler's
// pre-processor (static and dynamic imports, re-exports), so comments and strings never count.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** One import between two top-level folders of src/ (a file directly in src/ is its own "folder"). */
export interface Edge {
  from: string;
  to: string;
  /** The importing file and what it imports, relative to the root. */
  file: string;
  specifier: string;
}

export interface Violation {
  rule: string;
  from: string;
  to: string;
  files: string[];
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return /\.(ts|mts|cts)$/.test(e.name) && !e.name.endsWith('.d.ts') ? [full] : [];
  });
}

const folderOf = (src: string, file: string): string | undefined => {
  const rel = path.relative(src, file);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  const [first] = rel.split(path.sep);
  return rel.includes(path.sep) ? first : first!.replace(/\.[cm]?ts$/, '');
};

/** Every import from one folder of `src` into another. */
export function folderEdges(src: string): Edge[] {
  const edges: Edge[] = [];
  for (const file of sourceFiles(src)) {
    const from = folderOf(src, file)!;
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    for (const { fileName: specifier } of importedFiles) {
      if (!specifier.startsWith('.')) continue;
      const to = folderOf(src, path.resolve(path.dirname(file), specifier.replace(/\.js$/, '.ts')));
      if (to && to !== from) edges.push({ from, to, file: path.relative(src, file), specifier });
    }
  }
  return edges;
}

/**
 * The layers, bottom up (architecture.md): an import goes to a lower layer, or to a peer in the
 * same layer as long as no cycle results. Every folder of src/ must have a place here.
 */
export const LAYERS: Record<string, number> = {
  core: 0,
  pattern: 0,
  manifest: 1,
  model: 2,
  kinds: 3,
  synth: 4,
  scaffold: 4,
  deploy: 4,
  local: 4,
  graph: 4,
  pipeline: 5,
  testing: 5,
  cli: 6,
};
/** Folders that import nothing else of eda. */
const GROUND = ['core', 'pattern'];
/** Folders the local runtime never reaches into (it reads the model). */
const NOT_FROM_LOCAL = ['synth', 'deploy', 'scaffold'];
/** Folders the graph never reaches into (it draws the model). */
const NOT_FROM_GRAPH = ['synth', 'deploy', 'scaffold', 'local'];

export const RULES = {
  ground: 'core/ and pattern/ import nothing of eda',
  cli: 'only cli/ imports cli/',
  local: 'local/ never reaches into synth/, deploy/ or scaffold/',
  graph: 'graph/ never reaches into synth/, deploy/, scaffold/ or local/',
  order: 'imports go down the layers',
  placed: 'every folder has a layer',
  cycle: 'the folder graph has no cycle',
} as const;

/** An import the rules forbid today, kept until the work named in `why` removes it. */
export interface Allowed {
  rule: string;
  from: string;
  to: string;
  why: string;
}

/** The rules an import breaks, one violation per rule and folder pair (a cycle: its folders, joined). */
export function violations(edges: Edge[], allowed: Allowed[] = []): Violation[] {
  const found = new Map<string, Violation>();
  const add = (rule: string, e: Pick<Edge, 'from' | 'to' | 'file'>) => {
    const key = `${rule}|${e.from}|${e.to}`;
    const v = found.get(key) ?? { rule, from: e.from, to: e.to, files: [] };
    if (!v.files.includes(e.file)) v.files.push(e.file);
    found.set(key, v);
  };
  for (const e of edges) {
    if (GROUND.includes(e.from)) add(RULES.ground, e);
    if (e.to === 'cli') add(RULES.cli, e);
    if (e.from === 'local' && NOT_FROM_LOCAL.includes(e.to)) add(RULES.local, e);
    if (e.from === 'graph' && NOT_FROM_GRAPH.includes(e.to)) add(RULES.graph, e);
    for (const f of [e.from, e.to]) if (LAYERS[f] === undefined) add(RULES.placed, { from: f, to: f, file: e.file });
    if ((LAYERS[e.from] ?? Infinity) < (LAYERS[e.to] ?? -Infinity)) add(RULES.order, e);
  }
  // Cycles among the imports no rule forbids or the allowlist keeps: two peers importing each other.
  const kept = edges.filter((e) => !allowed.some((a) => a.from === e.from && a.to === e.to));
  for (const cycle of cycles(kept)) {
    const inCycle = kept.filter((e) => cycle.includes(e.from) && cycle.includes(e.to));
    for (const e of inCycle) add(RULES.cycle, { from: cycle.join(' ⇄ '), to: cycle.join(' ⇄ '), file: `${e.from} → ${e.to}` });
  }
  return [...found.values()].filter((v) => !allowed.some((a) => a.rule === v.rule && a.from === v.from && a.to === v.to));
}
/** The strongly connected folders (Tarjan), each as a cycle of two or more. */
export function cycles(edges: Pick<Edge, 'from' | 'to'>[]): string[][] {
  const next = new Map<string, Set<string>>();
  for (const e of edges) next.set(e.from, (next.get(e.from) ?? new Set()).add(e.to));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const out: string[][] = [];
  const visit = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (stack.includes(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do component.push((w = stack.pop()!));
      while (w !== v);
      if (component.length > 1) out.push(component.sort());
    }
  };
  for (const v of [...next.keys()].sort()) if (!index.has(v)) visit(v);
  return out;
}
