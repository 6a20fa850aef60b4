// App model → event-flow graph: a node per route, function, table, queue (its DLQ too), topic,
// subscription endpoint, bus, rule, schedule, workflow and Task state; an edge per trigger,
// target, `uses` entry, subscription, dead-letter and failure destination, each labelled.
// Grouped by API (routes), bus (the bus and its rules), schedules and workflow (its tasks).
import type { App, BucketModel, DirectTarget, FunctionModel, PipeModel, QueueModel, RuleModel, ScheduleModel, TableModel, UseModel } from '../model/types.js';
import { summarizePattern } from './summary.js';
import type { Graph, GraphEdge, GraphGroup, GraphNode } from './types.js';
import { workflowTasks } from './workflow.js';

/** Finds the app.yaml line of a source path (the caller's: the graph itself reads no YAML). */
export type Locate = (path: (string | number)[]) => number | undefined;

const USE_LABEL: Record<Exclude<UseModel['kind'], 'table' | 'bucket' | 'secret'>, string> = {
  queue: 'send',
  topic: 'publish',
  bus: 'put events',
  workflow: 'start',
  function: 'invoke',
  api: 'post to connections',
};
const ACCESS_LABEL = { read: 'read', write: 'write', readWrite: 'read/write' } as const;

class GraphBuilder {
  readonly graph: Graph;
  constructor(app: App) {
    this.graph = { app: app.name, stage: app.stage, groups: [], nodes: [], edges: [] };
  }
  group(g: GraphGroup): string {
    if (!this.graph.groups.some((x) => x.id === g.id)) this.graph.groups.push(g);
    return g.id;
  }
  node(n: GraphNode): void {
    if (!this.graph.nodes.some((x) => x.id === n.id)) this.graph.nodes.push(n);
  }
  edge(e: GraphEdge): void {
    if (!this.graph.edges.some((x) => x.from === e.from && x.to === e.to && x.kind === e.kind && x.label === e.label)) this.graph.edges.push(e);
  }
}

const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

/** What a direct route asks of its target, as its edge says it. */
function directLabel(t: DirectTarget): string {
  if (t.kind === 'queue') return t.messageGroupId ? `send, group $request.${t.messageGroupId.from}.${t.messageGroupId.name}` : 'send';
  if (t.kind === 'bus') return `put ${t.detailType}`;
  if (t.kind === 'workflow') return t.sync ? 'start sync' : 'start';
  return t.action;
}

function addApis(b: GraphBuilder, app: App): void {
  for (const api of app.apis) {
    if (!api.routes.length && !api.directRoutes?.length) continue;
    const group = b.group({ id: `group:api:${api.name}`, kind: 'api', label: api.implicit ? `${api.type.toUpperCase()} API` : `API ${api.name} (${api.type})` });
    for (const r of api.routes) {
      const name = `${r.method} ${r.path}`;
      const id = `route:${api.name}:${name}`;
      b.node({ id, kind: 'route', name, label: name, group, source: r.source, settings: { api: api.name, method: r.method, path: r.path, auth: (r.auth ?? api.auth).type } });
      b.edge({ from: id, to: `function:${r.function}`, kind: 'route', label: '' });
    }
    for (const r of api.directRoutes ?? []) {
      const name = `${r.method} ${r.path}`;
      const id = `route:${api.name}:${name}`;
      b.node({ id, kind: 'route', name, label: name, group, source: r.source, settings: { api: api.name, method: r.method, path: r.path, auth: api.auth.type, target: `${r.target.kind}:${r.target.name}` } });
      b.edge({ from: id, to: `${r.target.kind}:${r.target.name}`, kind: 'route', label: directLabel(r.target) });
    }
  }
  addWebSocketApis(b, app);
}

/** A websocket api: a route node per route key, and its @connections (what `uses: - api:` posts to) when a function uses it. */
function addWebSocketApis(b: GraphBuilder, app: App): void {
  for (const api of app.websocketApis) {
    const used = app.functions.some((f) => f.uses.some((u) => u.kind === 'api' && u.name === api.name));
    if (!api.routes.length && !used) continue;
    const group = b.group({ id: `group:api:${api.name}`, kind: 'api', label: `WebSocket API ${api.name}` });
    for (const r of api.routes) {
      const id = `route:${api.name}:${r.key}`;
      b.node({ id, kind: 'route', name: r.key, label: r.key, group, source: r.source, settings: { api: api.name, routeKey: r.key, routeSelection: api.routeSelection, auth: api.auth } });
      b.edge({ from: id, to: `function:${r.function}`, kind: 'route', label: '' });
    }
    if (used) b.node({ id: `api:${api.name}`, kind: 'route', name: '@connections', label: '@connections', detail: 'post to connections', group, source: api.path, settings: { api: api.name } });
  }
}

function functionSettings(f: FunctionModel): Record<string, unknown> {
  const { name, handlerFile, runtime, architecture, memory, timeout, tracing, reservedConcurrency, onFailure, description } = f;
  return { name, description, handler: handlerFile, runtime, architecture, memory, timeout, tracing, reservedConcurrency, onFailure: onFailure && (onFailure.kind === 'queue' ? onFailure.name : `${onFailure.kind} ${onFailure.name}`), onSuccess: f.onSuccess && `${f.onSuccess.kind} ${f.onSuccess.name}` };
}

function addFunction(b: GraphBuilder, f: FunctionModel): void {
  const id = `function:${f.name}`;
  b.node({ id, kind: 'function', name: f.name, label: f.name, source: f.path, settings: functionSettings(f) });
  for (const u of f.uses) {
    if (u.kind === 'secret') continue;
    const to = `${u.kind}:${u.name}`;
    b.edge({ from: id, to, kind: 'uses', label: u.kind === 'table' || u.kind === 'bucket' ? ACCESS_LABEL[u.access] : USE_LABEL[u.kind] });
  }
  for (const t of f.triggers) {
    if (t.type === 'queue') {
      const label = [`batch ${t.batchSize}`, t.batchWindow ? `window ${t.batchWindow}s` : '', t.maxConcurrency ? `max ${t.maxConcurrency} concurrent` : ''];
      b.edge({ from: `queue:${t.queue}`, to: id, kind: 'trigger', label: label.filter(Boolean).join(', ') });
    } else if (t.type === 'stream') {
      b.edge({ from: `table:${t.table}`, to: id, kind: 'trigger', label: `stream, batch ${t.batchSize}, retries ${t.maxRetries}` });
    } else if (t.type === 'bucket') {
      // the bucket's object events reach the default bus, where the trigger's rule matches them
      b.edge({ from: `bucket:${t.bucket}`, to: 'bus:default', kind: 'events', label: t.events.map((e) => (e === 'created' ? 'Object Created' : 'Object Deleted')).join(', ') });
    }
    // http: the API's routes; topic: the topic's subscriptions; event and schedule: their rules.
  }
  if (f.onFailure) b.edge({ from: id, to: `${f.onFailure.kind}:${f.onFailure.name}`, kind: 'failure', label: 'on failure' });
  if (f.onSuccess) b.edge({ from: id, to: `${f.onSuccess.kind}:${f.onSuccess.name}`, kind: 'uses', label: 'on success' });
}

function tableDetail(t: TableModel): string {
  return [`key ${t.partitionKey.name}${t.sortKey ? ` + ${t.sortKey.name}` : ''}`, t.indexes.length ? plural(t.indexes.length, 'index').replace('indexs', 'indexes') : '', t.stream ? 'stream' : ''].filter(Boolean).join(', ');
}

/** A queue's name for people: eda's own queues are named after what they serve (function:x:dlq → x). */
function queueLabel(q: QueueModel): string {
  if (!q.implicit) return q.name;
  const owner = q.name.split(':')[1] ?? q.name;
  return q.implicit === 'function-failures' ? `${owner} failures` : `${owner} DLQ`;
}

function addQueue(b: GraphBuilder, q: QueueModel): void {
  const id = `queue:${q.name}`;
  const settings = { fifo: q.fifo, visibilityTimeout: q.visibilityTimeout, retentionSeconds: q.retentionSeconds, delaySeconds: q.delaySeconds, implicit: q.implicit };
  const detail = q.implicit === 'function-failures' ? 'failed invocations' : q.implicit === 'rule-dlq' ? 'undeliverable events' : q.implicit === 'pipe-dlq' ? 'failed batches' : q.fifo ? 'FIFO' : undefined;
  b.node({ id, kind: 'queue', name: q.name, label: queueLabel(q), detail, source: q.implicit ? undefined : q.path, settings });
  // a shared dead-letter queue is a declared queue with its own node
  if (q.redrive) b.edge({ from: id, to: `queue:${q.redrive.queue}`, kind: 'dlq', label: `after ${plural(q.redrive.maxReceives, 'receive')}` });
  if (!q.dlq) return;
  const dlq = `queue:${q.dlq.name}`;
  b.node({ id: dlq, kind: 'queue', name: q.dlq.name, label: `${queueLabel(q)} DLQ`, detail: 'dead letters', source: q.implicit ? undefined : [...q.path, 'dlq'], settings: { dlqOf: q.name, maxReceives: q.dlq.maxReceives } });
  b.edge({ from: id, to: dlq, kind: 'dlq', label: `after ${plural(q.dlq.maxReceives, 'receive')}` });
}

function addTopics(b: GraphBuilder, app: App): void {
  for (const t of app.topics) {
    const id = `topic:${t.name}`;
    b.node({ id, kind: 'topic', name: t.name, label: t.name, detail: t.fifo ? 'FIFO' : undefined, source: t.path, settings: { fifo: t.fifo } });
    for (const s of t.subscriptions) {
      let to: string;
      if (s.protocol === 'sqs') to = `queue:${s.queue}`;
      else if (s.protocol === 'lambda') to = `function:${s.function}`;
      else {
        to = `endpoint:${s.protocol}:${s.endpoint}`;
        b.node({ id: to, kind: 'endpoint', name: s.endpoint, label: s.endpoint, detail: s.protocol, source: s.source, settings: { protocol: s.protocol } });
      }
      const label = [summarizePattern(s.filter), 'raw' in s && s.raw ? 'raw' : ''].filter(Boolean).join(', ');
      b.edge({ from: id, to, kind: 'subscription', label });
    }
  }
}

function busGroup(b: GraphBuilder, app: App, bus: string): string {
  const group = b.group({ id: `group:bus:${bus}`, kind: 'bus', label: bus === 'default' ? 'default bus' : `bus ${bus}` });
  const declared = app.buses.find((x) => x.name === bus);
  b.node({ id: `bus:${bus}`, kind: 'bus', name: bus, label: bus === 'default' ? 'default bus' : bus, group, source: declared?.path, settings: { archiveDays: declared?.archiveDays, description: declared?.description } });
  return group;
}

function addRule(b: GraphBuilder, app: App, r: RuleModel): void {
  const id = `rule:${r.name}`;
  const group = r.schedule ? b.group({ id: 'group:schedules', kind: 'schedules', label: 'schedules' }) : busGroup(b, app, r.bus);
  const settings = { bus: r.bus, pattern: r.pattern, schedule: r.schedule, enabled: r.enabled, implicit: r.implicit, description: r.description };
  b.node({ id, kind: r.schedule ? 'schedule' : 'rule', name: r.name, label: r.name, detail: r.schedule ?? summarizePattern(r.pattern), group, source: r.path, settings });
  if (!r.schedule) b.edge({ from: `bus:${r.bus}`, to: id, kind: 'events', label: '' });
  for (const t of r.targets) {
    let to = `${t.kind}:${t.name}`;
    if (t.arn !== undefined) {
      // A bus in another account or region: drawn as an endpoint, like a subscription's URL.
      to = `endpoint:bus:${t.name}`;
      b.node({ id: to, kind: 'endpoint', name: t.name, label: t.name, detail: 'event bus', source: t.source, settings: { protocol: 'events' } });
    } else if (t.http) {
      to = `endpoint:http:${t.http.method} ${t.http.url}`;
      b.node({ id: to, kind: 'endpoint', name: t.http.url, label: t.http.url, detail: `${t.http.method} via ${t.http.connection}`, source: t.source, settings: { method: t.http.method, connection: t.http.connection, rateLimit: t.http.rateLimit } });
    }
    // Every target retries for a day, up to 185 times (rule/synth.ts), then goes to the rule's DLQ.
    b.edge({ from: id, to, kind: 'target', label: ['retries 185', t.input !== undefined ? 'input' : '', t.inputPath ? `input ${t.inputPath}` : ''].filter(Boolean).join(', ') });
  }
  if (r.dlq) b.edge({ from: id, to: `queue:${r.dlq}`, kind: 'failure', label: 'undeliverable' });
}

/** A pipe: its source feeding it, its enrichment, its target; a stream source's dead letters. */
function addPipe(b: GraphBuilder, p: PipeModel): void {
  const id = `pipe:${p.name}`;
  const s = p.source;
  const detail = [p.filter ? `filter ${summarizePattern(p.filter)}` : '', p.enabled ? '' : 'stopped'].filter(Boolean).join(', ') || undefined;
  b.node({ id, kind: 'pipe', name: p.name, label: p.name, detail, source: p.path, settings: { source: s, filter: p.filter, enrichment: p.enrichment, target: p.target, enabled: p.enabled, description: p.description } });
  const batch = [s.kind === 'table' ? 'stream' : '', `batch ${s.batchSize}`, s.batchWindow ? `window ${s.batchWindow}s` : '', s.kind === 'table' ? `retries ${s.maxRetries}` : ''];
  b.edge({ from: `${s.kind}:${s.name}`, to: id, kind: 'trigger', label: batch.filter(Boolean).join(', ') });
  if (p.enrichment) b.edge({ from: id, to: `${p.enrichment.kind}:${p.enrichment.name}`, kind: 'enrichment', label: 'enrich' });
  const t = p.target;
  b.edge({ from: id, to: `${t.kind}:${t.name}`, kind: 'target', label: [t.invocation === 'FIRE_AND_FORGET' ? 'async' : '', t.input !== undefined ? 'input' : ''].filter(Boolean).join(', ') });
  if (p.dlq) b.edge({ from: id, to: `queue:${p.dlq}`, kind: 'failure', label: 'gave up' });
}

function addBucket(b: GraphBuilder, bucket: BucketModel): void {
  const detail = [bucket.encryption === 'kms' ? 'SSE-KMS' : '', bucket.versioning ? 'versioned' : ''].filter(Boolean).join(', ') || undefined;
  const { encryption, versioning, eventBridge, lifecycle, cors } = bucket;
  b.node({ id: `bucket:${bucket.name}`, kind: 'bucket', name: bucket.name, label: bucket.name, detail, source: bucket.path, settings: { encryption, versioning, eventBridge, lifecycle, cors: cors?.origins } });
}

/** An EventBridge Scheduler schedule: drawn with the scheduled rules, delivering to its target. */
function addSchedule(b: GraphBuilder, s: ScheduleModel): void {
  const id = `schedule:${s.name}`;
  const group = b.group({ id: 'group:schedules', kind: 'schedules', label: 'schedules' });
  const detail = [s.expression, s.timezone !== 'UTC' ? s.timezone : '', s.windowMinutes ? `window ${s.windowMinutes}m` : ''].filter(Boolean).join(' ');
  const { expression, timezone, windowMinutes, start, end, enabled, description } = s;
  b.node({ id, kind: 'schedule', name: s.name, label: s.name, detail, group, source: s.path, settings: { scheduler: true, expression, timezone, windowMinutes, start, end, enabled, description } });
  b.edge({ from: id, to: `${s.target.kind}:${s.target.name}`, kind: 'target', label: `retries ${s.maxRetries}` });
  if (s.dlq) b.edge({ from: id, to: `queue:${s.dlq}`, kind: 'failure', label: 'undeliverable' });
}

function addWorkflows(b: GraphBuilder, app: App): void {
  for (const w of app.workflows) {
    const group = b.group({ id: `group:workflow:${w.name}`, kind: 'workflow', label: `workflow ${w.name}` });
    b.node({ id: `workflow:${w.name}`, kind: 'workflow', name: w.name, label: w.name, detail: w.type, group, source: w.path, settings: { type: w.type, description: w.description } });
    const tasks = workflowTasks(w, group);
    tasks.nodes.forEach((n) => b.node(n));
    tasks.edges.forEach((e) => b.edge(e));
  }
}

/** The app's event flow as nodes, edges and groups; `locate` adds each node's app.yaml line. */
export function buildGraph(app: App, locate?: Locate): Graph {
  const b = new GraphBuilder(app);
  addApis(b, app);
  app.functions.forEach((f) => addFunction(b, f));
  for (const t of app.tables) b.node({ id: `table:${t.name}`, kind: 'table', name: t.name, label: t.name, detail: tableDetail(t), source: t.path, settings: { partitionKey: t.partitionKey, sortKey: t.sortKey, stream: t.stream, ttl: t.ttl, billing: t.billing } });
  app.queues.forEach((q) => addQueue(b, q));
  addTopics(b, app);
  for (const bus of app.buses) busGroup(b, app, bus.name);
  app.rules.forEach((r) => addRule(b, app, r));
  app.buckets.forEach((bucket) => addBucket(b, bucket));
  app.schedules.forEach((s) => addSchedule(b, s));
  addWorkflows(b, app);
  app.pipes.forEach((p) => addPipe(b, p));
  // A `uses: bus: default` or a target on the default bus with no rule on it still needs its node.
  if (b.graph.edges.some((e) => e.to === 'bus:default')) busGroup(b, app, 'default');
  if (locate) for (const n of b.graph.nodes) if (n.source) n.line = locate(n.source);
  return b.graph;
}
