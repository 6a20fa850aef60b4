// The graph as one self-contained HTML page: the SVG drawing inline, pan (drag) and zoom
// (wheel, +/-, 0 to fit), and a panel with a clicked node's settings, its app.yaml line and
// its edges. No external file, script or font: it opens from disk, offline.
import { layoutGraph } from './layout.js';
import { serialize, svgElement } from './svg.js';
import type { Graph } from './types.js';

const STYLE = `
body { margin: 0; font: 14px Helvetica, Arial, sans-serif; display: flex; flex-direction: column; height: 100vh; }
header { padding: 8px 14px; border-bottom: 1px solid #ddd; display: flex; gap: 16px; align-items: baseline; }
header small { color: #666; }
main { flex: 1; display: flex; min-height: 0; }
#canvas { flex: 1; overflow: hidden; cursor: grab; background: #fff; }
#canvas.dragging { cursor: grabbing; }
#canvas svg { width: 100%; height: 100%; }
#canvas .node { cursor: pointer; }
#canvas .node.selected rect { stroke-width: 3; }
#canvas .edge.lit path { stroke: #d00; stroke-width: 2; }
aside { width: 340px; border-left: 1px solid #ddd; padding: 12px 14px; overflow: auto; }
aside h2 { font-size: 16px; margin: 0 0 4px; }
aside table { border-collapse: collapse; width: 100%; font-size: 12px; }
aside td { border-top: 1px solid #eee; padding: 3px 4px; vertical-align: top; word-break: break-word; }
aside td:first-child { color: #555; white-space: nowrap; }
aside pre { margin: 0; white-space: pre-wrap; font-size: 11px; }
aside ul { padding-left: 18px; font-size: 12px; }
`;

// Plain browser script: reads the embedded graph, wires pan/zoom and the panel.
const SCRIPT = `
(() => {
  const data = JSON.parse(document.getElementById('eda-graph').textContent);
  const byId = new Map(data.nodes.map((n) => [n.id, n]));
  const canvas = document.getElementById('canvas');
  const svg = canvas.querySelector('svg');
  const panel = document.getElementById('panel');
  const full = svg.viewBox.baseVal;
  let view = { x: full.x, y: full.y, w: full.width, h: full.height };
  const home = { ...view };
  const apply = () => svg.setAttribute('viewBox', view.x + ' ' + view.y + ' ' + view.w + ' ' + view.h);
  svg.removeAttribute('width');
  svg.removeAttribute('height');
  const zoom = (factor, cx, cy) => {
    const r = svg.getBoundingClientRect();
    const px = view.x + ((cx ?? r.left + r.width / 2) - r.left) / r.width * view.w;
    const py = view.y + ((cy ?? r.top + r.height / 2) - r.top) / r.height * view.h;
    view = { x: px - (px - view.x) * factor, y: py - (py - view.y) * factor, w: view.w * factor, h: view.h * factor };
    apply();
  };
  canvas.addEventListener('wheel', (e) => { e.preventDefault(); zoom(e.deltaY > 0 ? 1.15 : 1 / 1.15, e.clientX, e.clientY); }, { passive: false });
  let drag;
  canvas.addEventListener('pointerdown', (e) => { drag = { x: e.clientX, y: e.clientY, moved: false }; });
  window.addEventListener('pointermove', (e) => {
    if (!drag) return;
    const r = svg.getBoundingClientRect();
    const dx = e.clientX - drag.x, dy = e.clientY - drag.y;
    if (Math.abs(dx) + Math.abs(dy) > 3) { drag.moved = true; canvas.classList.add('dragging'); }
    view.x -= dx / r.width * view.w; view.y -= dy / r.height * view.h;
    drag.x = e.clientX; drag.y = e.clientY;
    apply();
  });
  window.addEventListener('pointerup', () => { setTimeout(() => { drag = undefined; }, 0); canvas.classList.remove('dragging'); });
  window.addEventListener('keydown', (e) => {
    if (e.key === '+' || e.key === '=') zoom(1 / 1.25);
    else if (e.key === '-') zoom(1.25);
    else if (e.key === '0') { view = { ...home }; apply(); }
  });
  const el = (tag, text) => { const x = document.createElement(tag); if (text !== undefined) x.textContent = text; return x; };
  const show = (id) => {
    const n = byId.get(id);
    if (!n) return;
    svg.querySelectorAll('.selected, .lit').forEach((x) => x.classList.remove('selected', 'lit'));
    svg.querySelectorAll('.node').forEach((g) => { if (g.dataset.id === id) g.classList.add('selected'); });
    svg.querySelectorAll('.edge').forEach((g) => { if (g.dataset.from === id || g.dataset.to === id) g.classList.add('lit'); });
    panel.replaceChildren();
    panel.append(el('h2', n.name), el('div', n.kind + (n.line ? ' \\u2014 app.yaml:' + n.line : ' \\u2014 added by eda')));
    const table = el('table');
    for (const [k, v] of Object.entries(n.settings)) {
      if (v === undefined || v === null) continue;
      const row = el('tr');
      const cell = el('td');
      cell.append(typeof v === 'object' ? el('pre', JSON.stringify(v, null, 2)) : document.createTextNode(String(v)));
      row.append(el('td', k), cell);
      table.append(row);
    }
    panel.append(el('h3', 'settings'), table, el('h3', 'edges'));
    const list = el('ul');
    for (const e of data.edges) {
      if (e.from !== id && e.to !== id) continue;
      const other = byId.get(e.from === id ? e.to : e.from);
      list.append(el('li', (e.from === id ? '\\u2192 ' : '\\u2190 ') + other.kind + ' ' + other.name + ' (' + e.kind + (e.label ? ': ' + e.label : '') + ')'));
    }
    panel.append(list);
  };
  svg.addEventListener('click', (e) => {
    if (drag && drag.moved) return;
    const g = e.target.closest('.node');
    if (g) show(g.dataset.id);
  });
})();
`;

/** The embedded data: JSON that cannot end its script element. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

export async function renderHtml(graph: Graph): Promise<string> {
  const svg = svgElement(graph, await layoutGraph(graph));
  const data = { app: graph.app, stage: graph.stage, nodes: graph.nodes.map(({ id, kind, name, line, settings }) => ({ id, kind, name, line, settings })), edges: graph.edges };
  const page = {
    name: 'html',
    attrs: { lang: 'en' },
    children: [
      {
        name: 'head',
        children: [
          { name: 'meta', attrs: { charset: 'utf-8' } },
          { name: 'meta', attrs: { name: 'viewport', content: 'width=device-width, initial-scale=1' } },
          { name: 'title', children: [`${graph.app} (${graph.stage}): event flow`] },
          { name: 'style', raw: STYLE },
        ],
      },
      {
        name: 'body',
        children: [
          { name: 'header', children: [{ name: 'strong', children: [`${graph.app} (${graph.stage})`] }, { name: 'small', children: ['drag to pan · wheel or +/− to zoom · 0 to fit · click a node for its settings'] }] },
          { name: 'main', children: [{ name: 'div', attrs: { id: 'canvas' }, children: [svg] }, { name: 'aside', attrs: { id: 'panel' }, children: ['Click a node to see its settings and where app.yaml declares it.'] }] },
          { name: 'script', attrs: { type: 'application/json', id: 'eda-graph' }, raw: scriptJson(data) },
          { name: 'script', raw: SCRIPT },
        ],
      },
    ],
  };
  return `<!DOCTYPE html>\n${serialize(page)}\n`;
}
