// eda graph: the app's event flow as a diagram (mermaid, svg, html, dot) or as data (json),
// printed, written to --out, or kept current in the project's README between markers.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { InvalidAppError, UsageError } from '../../core/errors.js';
import { checkStageFlag } from '../load-app.js';
import { createUi, type Ui } from '../kit/output.js';
import { refuseForeignOut } from '../../core/files.js';
import type { Format, Graph } from '../../graph/index.js';

export interface GraphOptions {
  cwd: string;
  format?: string;
  out?: string;
  stage?: string;
  readme?: boolean;
  checkReadme?: boolean;
  json?: boolean;
}

const README = 'README.md';

/** How an earlier `eda graph --out` file of each format begins (what --out may replace). */
const GRAPH_SIGNATURES: Record<Format, RegExp> = {
  mermaid: /^(%%[^\n]*\n)?\s*flowchart\b/,
  dot: /^(\/\/[^\n]*\n)?\s*digraph\b/,
  svg: /^(<\?xml[^>]*>\s*)?<svg[\s>]/,
  html: /^<!DOCTYPE html>/i,
  json: /^\{\s*"version": 1,/,
};

/** The format to render, from the flags; conflicting flags are usage errors (exit 2). */
async function chooseFormat(opts: GraphOptions): Promise<Format> {
  const { FORMATS, formatOfFile } = await import('../../graph/index.js');
  const readme = opts.readme || opts.checkReadme;
  if (opts.readme && opts.checkReadme) throw new UsageError('--readme and --check-readme cannot be used together.', 'use --readme to rewrite the diagram, --check-readme to check it');
  if (readme && opts.out) throw new UsageError(`--${opts.readme ? 'readme' : 'check-readme'} works on ${README}; it takes no --out.`);
  if (readme && opts.format && opts.format !== 'mermaid') throw new UsageError(`the README's diagram is mermaid; --format ${opts.format} does not apply to --${opts.readme ? 'readme' : 'check-readme'}.`);
  if (opts.format !== undefined && !(FORMATS as readonly string[]).includes(opts.format)) {
    throw new UsageError(`--format "${opts.format}" is not a format eda graph writes.`, `use one of ${FORMATS.join(', ')}`);
  }
  if (opts.json && !readme && !opts.out && opts.format && opts.format !== 'json') {
    throw new UsageError(`--json prints the graph as JSON; it cannot also be --format ${opts.format}.`, 'drop --json, or write the diagram to a file with --out');
  }
  checkStageFlag(opts.stage ?? 'dev');
  if (readme) return 'mermaid';
  const format = (opts.format as Format | undefined) ?? (opts.out ? formatOfFile(opts.out) : undefined);
  return format ?? (opts.json ? 'json' : 'mermaid');
}

async function loadGraph(opts: GraphOptions, cwd: string, format: Format, ui: Ui): Promise<Graph | number> {
  const { loadProject } = await import('../../pipeline/index.js');
  const { buildGraph } = await import('../../graph/index.js');
  try {
    const project = await loadProject({ cwd, stage: opts.stage });
    if (!opts.json && project.warnings.length) {
      const { formatDiagnostics } = await import('../kit/diagnostics.js');
      ui.err(formatDiagnostics(project.warnings, ui.color));
    }
    // Lines cost a parse of app.yaml with positions: only the formats that show them pay it.
    const located = format === 'json' || format === 'html';
    return buildGraph(project.app, located ? (p) => project.source.locate(p, 'key').line : undefined);
  } catch (error) {
    if (opts.json && error instanceof InvalidAppError) {
      ui.out(JSON.stringify({ ok: false, diagnostics: error.diagnostics }, null, 2));
      return 1;
    }
    throw error;
  }
}

export async function graphCommand(opts: GraphOptions): Promise<number> {
  const ui = createUi({ json: opts.json });
  const format = await chooseFormat(opts);
  const cwd = path.resolve(opts.cwd);
  if (opts.out) refuseForeignOut(cwd, opts.out, `a ${format} diagram`, `graph.${format === 'mermaid' ? 'mmd' : format}`, (text) => GRAPH_SIGNATURES[format].test(text));
  const graph = await loadGraph(opts, cwd, format, ui);
  if (typeof graph === 'number') return graph;
  const { renderGraph } = await import('../../graph/index.js');
  const text = await renderGraph(graph, format);
  if (opts.readme || opts.checkReadme) return readme(text, cwd, opts, ui);
  if (!opts.out) {
    ui.out(text.trimEnd());
    return 0;
  }
  const { planFiles, applyFiles } = await import('../../core/files.js');
  const actions = await planFiles(cwd, [{ path: opts.out, content: text, mode: 'overwrite' }]);
  await applyFiles(cwd, actions);
  const summary = { ok: true, file: opts.out, format, nodes: graph.nodes.length, edges: graph.edges.length, action: actions[0]!.action };
  if (opts.json) ui.out(JSON.stringify(summary, null, 2));
  else ui.out(`${ui.color.green('✓')} ${opts.out}: ${format}, ${graph.nodes.length} nodes and ${graph.edges.length} edges${actions[0]!.action === 'SKIP' ? ' (unchanged)' : ''}`);
  return 0;
}

/** --readme rewrites the diagram between the markers; --check-readme exits 1 when it is stale. */
async function readme(mermaid: string, cwd: string, opts: GraphOptions, ui: Ui): Promise<number> {
  const { readmeState, README_START, README_END } = await import('../../graph/index.js');
  const current = await readFile(path.join(cwd, README), 'utf8').catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return undefined;
    throw e;
  });
  const state = readmeState(current ?? '', mermaid);
  const c = ui.color;
  if (state.state === 'broken') {
    if (opts.json) ui.out(JSON.stringify({ ok: false, file: README, state: 'broken', problem: state.why }, null, 2));
    else ui.err(`${c.red('error')} ${README}: ${state.why}\n${c.dim('hint')}  keep the diagram between ${README_START} and ${README_END}, each on its own line`);
    return 1;
  }
  if (opts.checkReadme) {
    const stale = state.state !== 'fresh';
    const why = current === undefined ? 'there is no README.md' : state.state === 'missing' ? `it has no ${README_START} block` : 'the diagram is out of date';
    if (opts.json) ui.out(JSON.stringify({ ok: !stale, file: README, state: current === undefined ? 'missing-file' : state.state }, null, 2));
    else if (stale) ui.err(`${c.red('stale')} ${README} ${c.dim(`(${why})`)}\nrun ${c.bold('eda graph --readme')} to update it`);
    else ui.out(`${c.green('✓')} ${README}'s diagram is up to date`);
    return stale ? 1 : 0;
  }
  if (state.state !== 'fresh') {
    const { planFiles, applyFiles } = await import('../../core/files.js');
    await applyFiles(cwd, await planFiles(cwd, [{ path: README, content: state.text, mode: 'overwrite' }]));
  }
  const action = state.state === 'fresh' ? 'same' : state.state === 'missing' ? 'added' : 'updated';
  if (opts.json) ui.out(JSON.stringify({ ok: true, file: README, action }, null, 2));
  else ui.out(action === 'same' ? `${c.dim('same')}    ${c.dim(`${README} (the diagram is up to date)`)}` : `${c.yellow('update')}  ${README} ${c.dim(`(diagram ${action})`)}`);
  return 0;
}
