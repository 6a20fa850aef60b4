// What the graph must show, derived from the App model on its own (not from src/graph/): every
// resource of app.yaml as a node id and every relation between them as an edge, by kind.
import type { App } from '../../src/model/types.js';

export interface Expected {
  nodes: string[];
  edges: { from: string; to: string; kind: string }[];
  /** Workflows' calls: a task state of `workflow` has an edge to `to`. */
  taskCalls: { workflow: string; to: string }[];
}

const busId = (name: string) => `bus:${name}`;

export function expectedGraph(app: App): Expected {
  const nodes: string[] = [];
  const edges: Expected['edges'] = [];
  for (const api of app.apis) {
    for (const r of api.routes) {
      nodes.push(`route:${api.name}:${r.method} ${r.path}`);
      edges.push({ from: `route:${api.name}:${r.method} ${r.path}`, to: `function:${r.function}`, kind: 'route' });
    }
  }
  for (const f of app.functions) {
    nodes.push(`function:${f.name}`);
    for (const u of f.uses) if (u.kind !== 'secret') edges.push({ from: `function:${f.name}`, to: u.kind === 'bus' ? busId(u.name) : `${u.kind}:${u.name}`, kind: 'uses' });
    for (const t of f.triggers) {
      if (t.type === 'queue') edges.push({ from: `queue:${t.queue}`, to: `function:${f.name}`, kind: 'trigger' });
      if (t.type === 'stream') edges.push({ from: `table:${t.table}`, to: `function:${f.name}`, kind: 'trigger' });
      if (t.type === 'topic') edges.push({ from: `topic:${t.topic}`, to: `function:${f.name}`, kind: 'subscription' });
      if (t.type === 'bucket') edges.push({ from: `bucket:${t.bucket}`, to: busId('default'), kind: 'events' });
    }
    if (f.onFailure) edges.push({ from: `function:${f.name}`, to: `${f.onFailure.kind}:${f.onFailure.name}`, kind: 'failure' });
    if (f.onSuccess) edges.push({ from: `function:${f.name}`, to: `${f.onSuccess.kind}:${f.onSuccess.name}`, kind: 'uses' });
  }
  for (const t of app.tables) nodes.push(`table:${t.name}`);
  for (const q of app.queues) {
    nodes.push(`queue:${q.name}`);
    if (q.redrive) edges.push({ from: `queue:${q.name}`, to: `queue:${q.redrive.queue}`, kind: 'dlq' });
    if (q.dlq) {
      nodes.push(`queue:${q.dlq.name}`);
      edges.push({ from: `queue:${q.name}`, to: `queue:${q.dlq.name}`, kind: 'dlq' });
    }
  }
  for (const t of app.topics) {
    nodes.push(`topic:${t.name}`);
    for (const s of t.subscriptions) {
      const to = s.protocol === 'sqs' ? `queue:${s.queue}` : s.protocol === 'lambda' ? `function:${s.function}` : `endpoint:${s.protocol}:${s.endpoint}`;
      if (s.protocol === 'email' || s.protocol === 'https') nodes.push(to);
      edges.push({ from: `topic:${t.name}`, to, kind: 'subscription' });
    }
  }
  for (const b of app.buses) nodes.push(busId(b.name));
  for (const r of app.rules) {
    nodes.push(`rule:${r.name}`);
    if (!r.schedule) {
      nodes.push(busId(r.bus));
      edges.push({ from: busId(r.bus), to: `rule:${r.name}`, kind: 'events' });
    }
    for (const t of r.targets) {
      const to = t.http ? `endpoint:http:${t.http.method} ${t.http.url}` : t.kind === 'bus' ? busId(t.name) : `${t.kind}:${t.name}`;
      if (t.http) nodes.push(to);
      edges.push({ from: `rule:${r.name}`, to, kind: 'target' });
    }
    if (r.dlq) edges.push({ from: `rule:${r.name}`, to: `queue:${r.dlq}`, kind: 'failure' });
  }
  for (const p of app.pipes) {
    const id = `pipe:${p.name}`;
    nodes.push(id);
    edges.push({ from: `${p.source.kind}:${p.source.name}`, to: id, kind: 'trigger' });
    if (p.enrichment) edges.push({ from: id, to: `${p.enrichment.kind}:${p.enrichment.name}`, kind: 'enrichment' });
    edges.push({ from: id, to: p.target.kind === 'bus' ? busId(p.target.name) : `${p.target.kind}:${p.target.name}`, kind: 'target' });
    if (p.dlq) edges.push({ from: id, to: `queue:${p.dlq}`, kind: 'failure' });
  }
  for (const b of app.buckets) nodes.push(`bucket:${b.name}`);
  for (const s of app.schedules) {
    nodes.push(`schedule:${s.name}`);
    edges.push({ from: `schedule:${s.name}`, to: s.target.kind === 'bus' ? busId(s.target.name) : `${s.target.kind}:${s.target.name}`, kind: 'target' });
    if (s.dlq) edges.push({ from: `schedule:${s.name}`, to: `queue:${s.dlq}`, kind: 'failure' });
  }
  const taskCalls: Expected['taskCalls'] = [];
  for (const w of app.workflows) {
    nodes.push(`workflow:${w.name}`);
    for (const f of w.invokes) taskCalls.push({ workflow: w.name, to: `function:${f}` });
    for (const i of w.integrations) taskCalls.push({ workflow: w.name, to: i.target.kind === 'bus' ? busId(i.target.name) : `${i.target.kind}:${i.target.name}` });
  }
  return { nodes: [...new Set(nodes)], edges, taskCalls };
}
