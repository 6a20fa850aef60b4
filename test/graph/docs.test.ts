// docs/graph.md shows the order pipeline as eda graph draws it today: its diagram block is
// what `eda graph --readme` would write there (regenerate with the command in the comment).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildGraph, readmeState, renderGraph } from '../../src/graph/index.js';
import { loadProject } from '../../src/pipeline/index.js';
import { repoRoot } from '../support/cli.js';

describe('docs/graph.md', () => {
  it("holds the order pipeline's current diagram (eda graph --cwd examples/order-pipeline)", async () => {
    const cwd = path.join(repoRoot, 'examples/order-pipeline');
    const { app } = await loadProject({ cwd, text: readFileSync(path.join(cwd, 'app.yaml'), 'utf8') });
    const mermaid = await renderGraph(buildGraph(app), 'mermaid');
    expect(readmeState(readFileSync(path.join(repoRoot, 'docs/graph.md'), 'utf8'), mermaid)).toEqual({ state: 'fresh' });
  });
});
