// The HTML page: one self-contained file (no external resource), the drawing inline, and a
// click on a node shows its settings and its app.yaml line (run in happy-dom, no browser).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { buildGraph, renderGraph } from '../../src/graph/index.js';
import { loadProject } from '../../src/pipeline/index.js';
import { repoRoot } from '../support/cli.js';

async function orderPipelinePage() {
  const cwd = path.join(repoRoot, 'examples', 'order-pipeline');
  const project = await loadProject({ cwd, text: readFileSync(path.join(cwd, 'app.yaml'), 'utf8') });
  const graph = buildGraph(project.app, (p) => project.source.locate(p, 'key').line);
  return { graph, html: await renderGraph(graph, 'html'), lines: project.text.split('\n') };
}

describe('eda graph --format html', () => {
  it('is one file: nothing loaded from elsewhere', async () => {
    const { html } = await orderPipelinePage();
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(html).not.toMatch(/<script[^>]+src=|<link |@import|url\(http|<img /);
    // The embedded data cannot end its script element early.
    const data = html.split('<script type="application/json" id="eda-graph">')[1]!.split('</script>')[0]!;
    expect(JSON.parse(data).nodes.length).toBeGreaterThan(20);
  });

  it('clicking a node shows its settings and its app.yaml line; the page zooms with the keyboard', async () => {
    const { html, graph, lines } = await orderPipelinePage();
    const window = new Window({ settings: { enableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true } });
    const errors: unknown[] = [];
    window.addEventListener('error', (e) => errors.push((e as unknown as { error: unknown }).error));
    window.document.write(html);
    await window.happyDOM.waitUntilComplete();
    const doc = window.document;
    const node = doc.querySelector('.node[data-id="function:settlePayment"] rect')!;
    node.dispatchEvent(new window.MouseEvent('click', { bubbles: true }));
    const panel = doc.getElementById('panel')!.textContent!;
    const line = graph.nodes.find((n) => n.id === 'function:settlePayment')!.line!;
    expect(lines[line - 1]).toBe('  settlePayment:');
    expect(panel).toContain(`function — app.yaml:${line}`);
    expect(panel).toContain('timeout10');
    expect(panel).toContain('← queue payments (trigger: batch 5)');
    expect(doc.querySelectorAll('.edge.lit').length).toBe(2);
    const before = doc.querySelector('svg')!.getAttribute('viewBox');
    window.dispatchEvent(new window.KeyboardEvent('keydown', { key: '+' }));
    expect(doc.querySelector('svg')!.getAttribute('viewBox')).not.toBe(before);
    expect(errors).toEqual([]);
    await window.happyDOM.close();
  });
});
