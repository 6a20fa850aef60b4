// eda dev's local console: the diagram with hops lighting up, the trace, queues, workflows,
// tables and buckets, and a send form. Plain browser JavaScript; data from /_eda/*.
const $ = (sel) => document.querySelector(sel);
const el = (tag, attrs = {}, ...children) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== false) e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== undefined && c !== null) e.append(c);
  return e;
};
const pretty = (v) => {
  if (typeof v !== 'string') return JSON.stringify(v, null, 2);
  try { return JSON.stringify(JSON.parse(v), null, 2); } catch { return v; }
};

async function api(path, body) {
  const res = await fetch(`/_eda${path}`, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const data = await res.json();
  if (!res.ok) throw new Error(data.message ?? `HTTP ${res.status}`);
  return data;
}

// ---- the diagram ----------------------------------------------------------------------
const SVG = 'http://www.w3.org/2000/svg';
const edgeCounts = new Map();

function cssId(s) { return CSS.escape(s); }

function lightNode(id, error) {
  const g = document.querySelector(`#diagram g.node[data-id="${cssId(id)}"]`);
  if (!g) return;
  if (error) g.classList.add('failed');
  g.classList.add('hot');
  clearTimeout(g._cool);
  g._cool = setTimeout(() => g.classList.remove('hot'), 900);
}

function countEdge(from, to, error) {
  const g = document.querySelector(`#diagram g.edge[data-from="${cssId(from)}"][data-to="${cssId(to)}"]`);
  if (!g) return;
  const n = (edgeCounts.get(g) ?? 0) + 1;
  edgeCounts.set(g, n);
  g.dataset.count = String(n);
  g.classList.add('used');
  if (error) g.classList.add('failed');
  let label = g.querySelector('text.count');
  if (!label) {
    const path = g.querySelector('path');
    const mid = path.getPointAtLength(path.getTotalLength() / 2);
    label = document.createElementNS(SVG, 'text');
    label.setAttribute('class', 'count');
    label.setAttribute('x', String(mid.x + 4));
    label.setAttribute('y', String(mid.y - 4));
    g.append(label);
  }
  label.textContent = `×${n}`;
}

function mark(hop) {
  if (!hop) return;
  for (const id of hop.nodes) lightNode(id, hop.error);
  for (const [from, to] of hop.edges) countEdge(from, to, hop.error);
}

async function loadDiagram() {
  try {
    const { svg } = await api('/graph');
    $('#diagram').innerHTML = svg;
  } catch (error) {
    $('#diagram').textContent = `no diagram: ${error.message}`;
  }
}

// ---- the trace ------------------------------------------------------------------------
const records = [];
const isError = (r) => Boolean(r.hop?.error) || r.ok === false || r.error !== undefined || r.kind === 'warn' || (r.kind === 'log' && r.level === 'ERROR');

function summary(r) {
  switch (r.kind) {
    case 'http': return `${r.method} ${r.path} → ${r.function ?? r.target ?? ''} ${r.status}`;
    case 'invoke': return `${r.function} ← ${r.trigger} ${r.ok ? 'ok' : `error ${r.error?.type}: ${r.error?.message}`}`;
    case 'log': return `${r.function}: ${r.text}`;
    case 'queue': return `${r.queue} ${r.action}${r.function ? ` → ${r.function}` : ''}${r.to ? ` → ${r.to}` : ''} ${r.messageIds.join(', ')}${r.receiveCount ? ` (receive ${r.receiveCount})` : ''}`;
    case 'topic': return `${r.topic} ${r.action} ${r.to ?? ''}`;
    case 'bus': return `${r.bus} ← ${r.detailType} from ${r.source} (event ${r.eventId})`;
    case 'rule': return `${r.rule} → ${r.targets.join(', ')} (event ${r.eventId})`;
    case 'delivery': return `${r.rule} ✖ ${r.target} ${r.error?.message ?? ''}`;
    case 'workflow': return `${r.workflow} ${r.action} ${r.execution}${r.error ? ` ${r.error.type}` : ''}`;
    case 'state': return `${r.workflow} ${r.action} ${r.state}${r.error ? ` ${r.error.type}` : ''}`;
    case 'stream': return `${r.table} ${r.action} → ${r.function}`;
    case 'table': return `${r.table} ${r.eventName} ${JSON.stringify(r.keys)}`;
    case 'bucket': return `${r.bucket} ${r.action} ${r.key}`;
    case 'schedule': return `${r.schedule} → ${r.target}${r.ok ? '' : ' ✖'}`;
    case 'pipe': return `${r.pipe} ${r.action} ${r.records} records`;
    case 'reload': return r.error ?? `rebuilt ${r.functions.join(', ')}`;
    default: return r.message ?? JSON.stringify(r);
  }
}

function matches(r) {
  const q = $('#trace-filter').value.trim().toLowerCase();
  if ($('#trace-errors').checked && !isError(r)) return false;
  return !q || JSON.stringify(r).toLowerCase().includes(q);
}

function traceRow(r) {
  const li = el('li', { class: isError(r) ? 'error' : '', 'data-kind': r.kind }, el('span', { class: 'kind' }, r.kind), `${r.time.slice(11, 23)} ${summary(r)}`);
  li.addEventListener('click', () => {
    const open = li.querySelector('pre');
    if (open) open.remove();
    else li.append(el('pre', {}, pretty(r)));
  });
  return li;
}

function renderTrace() {
  const shown = records.filter(matches).slice(-400).reverse();
  $('#trace').replaceChildren(...shown.map(traceRow));
  $('#trace-count').textContent = `${shown.length} of ${records.length}`;
}

function addRecord(r) {
  records.push(r);
  if (records.length > 5000) records.shift();
  mark(r.hop);
  if (matches(r)) {
    $('#trace').prepend(traceRow(r));
    while ($('#trace').children.length > 400) $('#trace').lastChild.remove();
  }
  $('#trace-count').textContent = `${$('#trace').children.length} of ${records.length}`;
  if (r.kind === 'queue' || r.kind === 'invoke') refreshSoon('queues');
  if (r.kind === 'workflow' || r.kind === 'state') refreshSoon('workflows');
}

// ---- queues and workflows -------------------------------------------------------------
const timers = {};
function refreshSoon(what) {
  clearTimeout(timers[what]);
  timers[what] = setTimeout(() => (what === 'queues' ? loadQueues() : loadWorkflows()), 150);
}

function queueBlock(q) {
  const dlq = q.deadLetterFor.length > 0;
  const act = async (path, body) => {
    try { await api(path, body); } catch (error) { alert(error.message); }
    loadQueues();
  };
  const rows = q.messages.slice(0, 20).map((m) =>
    el('tr', {}, el('td', { class: 'body', title: m.body }, m.body), el('td', {}, String(m.receiveCount)), el('td', {}, m.state),
      el('td', {}, dlq ? el('button', { type: 'button', class: 'redrive', onclick: () => act(`/queues/${encodeURIComponent(q.name)}/redrive`, { messageId: m.messageId }) }, `redrive → ${q.deadLetterFor[0]}`) : '')));
  return el('div', { class: 'queue', 'data-queue': q.name },
    el('h3', {}, el('span', { class: dlq ? 'dlq' : '' }, q.name), el('span', { class: 'counts' }, 'depth ', el('b', { class: 'depth' }, String(q.depth)), `, in flight ${q.inFlight}`),
      el('button', { type: 'button', class: 'purge', onclick: () => confirm(`Purge ${q.name}?`) && act(`/queues/${encodeURIComponent(q.name)}/purge`, {}) }, 'purge')),
    q.messages.length ? el('table', {}, el('tr', {}, el('th', {}, 'body'), el('th', {}, 'receives'), el('th', {}, 'state'), el('th', {}, '')), rows) : el('div', { class: 'empty' }, 'empty'));
}

async function loadQueues() {
  const { queues } = await api('/queues');
  $('#queues').replaceChildren(...(queues.length ? queues.map(queueBlock) : [el('div', { class: 'empty' }, 'no queues')]));
}

function executionBlock(e) {
  return el('details', { class: 'execution' },
    el('summary', {}, el('span', { class: `status-${e.status}` }, e.status), ` ${e.name} `, el('span', { class: 'path' }, e.path.map((p) => p.state).join(' → '))),
    e.error ? el('div', { class: 'status-FAILED' }, `${e.error}: ${e.cause ?? ''}`) : '',
    el('pre', { class: 'result' }, `input ${pretty(e.input)}\n${e.path.map((p) => `${p.state} (${p.type})\n  in  ${p.input ?? ''}\n  out ${p.output ?? ''}`).join('\n')}\noutput ${pretty(e.output ?? null)}`));
}

async function loadWorkflows() {
  const { workflows } = await api('/workflows');
  $('#workflows').replaceChildren(...(workflows.length ? workflows.map((w) =>
    el('div', { class: 'workflow', 'data-workflow': w.name }, el('h3', {}, w.name, el('span', { class: 'counts' }, `${w.executions.length} executions`)), ...w.executions.slice(0, 15).map(executionBlock))) : [el('div', { class: 'empty' }, 'no workflows')]));
}

// ---- browse ---------------------------------------------------------------------------
function unmarshall(v) {
  if (v === null || typeof v !== 'object') return v;
  const [[type, x]] = Object.entries(v);
  switch (type) {
    case 'S': case 'B': return x;
    case 'N': return Number(x);
    case 'BOOL': return x;
    case 'NULL': return null;
    case 'L': return x.map(unmarshall);
    case 'M': return Object.fromEntries(Object.entries(x).map(([k, y]) => [k, unmarshall(y)]));
    case 'SS': case 'NS': case 'BS': return x;
    default: return v;
  }
}

async function browse() {
  const [kind, name] = $('#browse-select').value.split(':');
  if (!name) return;
  try {
    if (kind === 'table') {
      const r = await api(`/tables/${encodeURIComponent(name)}`);
      const items = r.items.map((i) => Object.fromEntries(Object.entries(i).map(([k, v]) => [k, unmarshall(v)])));
      $('#browse').replaceChildren(el('div', { class: 'counts' }, `${r.count} items${r.more ? ' (first 100)' : ''}`), el('pre', { class: 'result' }, items.map((i) => JSON.stringify(i)).join('\n') || 'no items'));
    } else {
      const r = await api(`/buckets/${encodeURIComponent(name)}`);
      $('#browse').replaceChildren(r.objects.length ? el('table', {}, el('tr', {}, el('th', {}, 'key'), el('th', {}, 'size'), el('th', {}, 'modified')), r.objects.map((o) => el('tr', {}, el('td', {}, o.key), el('td', {}, String(o.size)), el('td', {}, o.lastModified)))) : el('div', { class: 'empty' }, 'no objects'));
    }
  } catch (error) {
    $('#browse').textContent = error.message;
  }
}

// ---- send -----------------------------------------------------------------------------
function showSendFields() {
  const type = $('#send-type').value;
  for (const div of document.querySelectorAll('#send-form [data-for]')) div.hidden = div.dataset.for !== type;
  // an untouched body takes the chosen declared event's sample
  if (type === 'event' && $('#send-event').value && $('#send-body').value.trim() === '{}') prefillEvent();
}

let declaredEvents = [];

/** Fills bus, source, detail-type and the body from the chosen declared event (a detail its schema accepts). */
function prefillEvent() {
  const e = declaredEvents.find((x) => x.name === $('#send-event').value);
  if (!e) return;
  $('#send-bus').value = e.bus;
  $('#send-source').value = e.source;
  $('#send-detail-type').value = e.detailType;
  $('#send-body').value = JSON.stringify(e.sample, null, 2);
}

async function submitSend(event) {
  event.preventDefault();
  const form = new FormData($('#send-form'));
  const type = form.get('type');
  const body = form.get('body');
  let request;
  if (type === 'http') {
    const [api, method] = String(form.get('route')).split('|');
    request = { type, api, method: method.split(' ')[0], path: form.get('path'), body };
  } else if (type === 'event') {
    let detail;
    try { detail = JSON.parse(body || '{}'); } catch { return void ($('#send-result').textContent = 'the detail must be JSON'); }
    request = { type, bus: form.get('bus'), source: form.get('source'), detailType: form.get('detailType'), detail };
  } else request = { type, queue: form.get('queue'), body };
  $('#send-result').textContent = 'sending…';
  try {
    const r = await api('/send', request);
    $('#send-result').textContent = r.type === 'http' ? `${r.status}\n${pretty(r.body)}` : pretty(r);
  } catch (error) {
    $('#send-result').textContent = `✖ ${error.message}`;
  }
}

function fillForms(app) {
  $('#app-name').textContent = `— ${app.name} (${app.stage})`;
  const opts = (list) => list.map(([value, text]) => el('option', { value }, text));
  $('#send-route').replaceChildren(...opts(app.apis.flatMap((a) => a.routes.map((r) => [`${a.name}|${r}`, `${a.name}: ${r}`]))));
  $('#send-bus').replaceChildren(...opts(app.buses.map((b) => [b, b])));
  $('#send-queue').replaceChildren(...opts(app.queues.map((q) => [q, q])));
  declaredEvents = app.events ?? [];
  $('#send-event').append(...opts(declaredEvents.map((e) => [e.name, `${e.name} (${e.source} on ${e.bus})`])));
  if (declaredEvents.length) $('#send-event').value = declaredEvents[0].name;
  $('#send-event').addEventListener('change', prefillEvent);
  $('#browse-select').replaceChildren(...opts([...app.tables.map((t) => [`table:${t}`, `table ${t}`]), ...app.buckets.map((b) => [`bucket:${b}`, `bucket ${b}`])]));
  const syncPath = () => { $('#send-path').value = String($('#send-route').value.split('|')[1] ?? '').split(' ')[1] ?? ''; };
  $('#send-route').addEventListener('change', syncPath);
  syncPath();
}

// ---- start ----------------------------------------------------------------------------
function connect() {
  const source = new EventSource('/_eda/events');
  source.onopen = () => { $('#status').textContent = 'live'; $('#status').className = 'status live'; };
  source.onerror = () => { $('#status').textContent = 'disconnected — retrying'; $('#status').className = 'status'; };
  source.onmessage = (m) => addRecord(JSON.parse(m.data));
}

async function start() {
  $('#send-type').addEventListener('change', showSendFields);
  $('#send-form').addEventListener('submit', submitSend);
  $('#trace-filter').addEventListener('input', renderTrace);
  $('#trace-errors').addEventListener('change', renderTrace);
  $('#browse-button').addEventListener('click', browse);
  fillForms(await api('/app'));
  await loadDiagram();
  connect();
  await Promise.all([loadQueues(), loadWorkflows()]);
  setInterval(() => { loadQueues(); }, 3000);
  document.body.dataset.ready = 'true';
}

start().catch((error) => { $('#status').textContent = `✖ ${error.message}`; });
