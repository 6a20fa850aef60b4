// What the console's JSON endpoints answer: the app's parts, queues with their messages,
// workflow executions with their path through the states, table items, bucket objects; and
// the actions it offers (redrive one dead letter, purge, send an HTTP request, an event or a
// queue message), each done through the same local service a handler's SDK call reaches.
import type { App } from '../../model/types.js';
import type { Endpoints } from '../addresses.js';
import type { LocalBuckets } from '../buckets.js';
import type { EventBuses } from '../bus.js';
import type { LocalQueue } from '../queues.js';
import type { LocalTables } from '../tables.js';
import type { Addresses } from '../addresses.js';
import type { Execution, Workflows } from '../workflows.js';
import { sampleDetail } from '../event-samples.js';

export interface ConsoleDeps {
  app: App;
  endpoints: Endpoints;
  addresses: Addresses;
  queue(name: string): LocalQueue | undefined;
  buses(): EventBuses;
  workflows(): Workflows;
  tables(): LocalTables;
  buckets(): LocalBuckets;
}

/** A request the console cannot do, answered with its status and message. */
export class ConsoleError extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

/** Every queue name (dead-letter queues included) → the queues that move their failures into it. */
function deadLetterSources(app: App): Map<string, string[]> {
  const sources = new Map<string, string[]>();
  const add = (dlq: string, from: string) => sources.set(dlq, [...(sources.get(dlq) ?? []), from]);
  for (const q of app.queues) {
    if (q.dlq) add(q.dlq.name, q.name);
    if (q.redrive) add(q.redrive.queue, q.name);
  }
  return sources;
}

function queueNames(app: App): string[] {
  return app.queues.flatMap((q) => [q.name, ...(q.dlq ? [q.dlq.name] : [])]);
}

/** What the send form and the browse panels offer. */
export function appSummary(deps: ConsoleDeps) {
  const { app } = deps;
  return {
    name: app.name,
    stage: app.stage,
    apis: app.apis.map((a) => ({
      name: a.name,
      url: deps.endpoints.apis[a.name],
      routes: [...a.routes.map((r) => `${r.method} ${r.path}`), ...(a.directRoutes ?? []).map((r) => `${r.method} ${r.path}`)],
    })),
    buses: ['default', ...app.buses.map((b) => b.name).filter((b) => b !== 'default')],
    queues: queueNames(app),
    topics: app.topics.map((t) => t.name),
    tables: app.tables.map((t) => t.name),
    buckets: app.buckets.map((b) => b.name),
    workflows: app.workflows.map((w) => w.name),
    /** Declared events, each with a detail its schema accepts: the send form's prefill. */
    events: app.events.map((e) => ({ name: e.name, bus: e.bus, source: e.source, detailType: e.detailType, sample: sampleDetail(e.schema) })),
  };
}

export function queuesView(deps: ConsoleDeps) {
  const sources = deadLetterSources(deps.app);
  return queueNames(deps.app).map((name) => {
    const q = deps.queue(name)!;
    const counts = q.counts();
    return {
      name,
      fifo: q.config.fifo,
      deadLetterFor: sources.get(name) ?? [],
      redrive: q.config.redrive ? { to: q.config.redrive.deadLetter.name, maxReceives: q.config.redrive.maxReceives } : undefined,
      depth: counts.visible + counts.delayed,
      ...counts,
      messages: q.peek().map((m) => ({ messageId: m.messageId, body: m.body, receiveCount: m.receiveCount, state: m.state, attributes: m.attributes })),
    };
  });
}

function knownQueue(deps: ConsoleDeps, name: string): LocalQueue {
  const q = deps.queue(name);
  if (!q) throw new ConsoleError(`no queue ${name} in app.yaml (queues: ${queueNames(deps.app).join(', ') || 'none'})`, 404);
  return q;
}

export function purgeQueue(deps: ConsoleDeps, name: string): { purged: number } {
  const q = knownQueue(deps, name);
  const purged = q.peek().length;
  q.purge();
  return { purged };
}

/** Moves one message of a dead-letter queue back to its source queue, as a new message (receive count 0). */
export function redriveMessage(deps: ConsoleDeps, dlq: string, messageId: string, to?: string): { messageId: string; to: string } {
  const q = knownQueue(deps, dlq);
  const sources = deadLetterSources(deps.app).get(dlq) ?? [];
  if (!sources.length) throw new ConsoleError(`queue ${dlq} is no queue's dead-letter queue; nothing to redrive to`);
  const target = to ?? (sources.length === 1 ? sources[0]! : undefined);
  if (!target || !sources.includes(target)) throw new ConsoleError(`say which source queue to redrive to: one of ${sources.join(', ')}`);
  const m = q.take(messageId);
  if (!m) throw new ConsoleError(`no message ${messageId} waiting in ${dlq} (it may be in flight or gone)`, 404);
  const source = knownQueue(deps, target);
  const sent = source.send({ body: m.body, attributes: m.attributes, groupId: source.config.fifo ? (m.groupId ?? 'redrive') : undefined });
  return { messageId: sent.messageId, to: target };
}

/** The states an execution went through, in order, from its history (StateEntered events). */
function statePath(e: Execution): { state: string; type: string; input?: string; output?: string }[] {
  const path: { state: string; type: string; input?: string; output?: string }[] = [];
  for (const h of e.history.events) {
    const entered = /^(\w+)StateEntered$/.exec(h.type);
    const exited = /StateExited$/.test(h.type);
    if (entered) {
      const d = h.stateEnteredEventDetails as { name: string; input?: string };
      path.push({ state: d.name, type: entered[1]!, input: d.input });
    } else if (exited) {
      const d = h.stateExitedEventDetails as { name: string; output?: string };
      const step = [...path].reverse().find((p) => p.state === d.name && p.output === undefined);
      if (step) step.output = d.output;
    }
  }
  return path;
}

export function workflowsView(deps: ConsoleDeps) {
  return deps.app.workflows.map((w) => ({
    name: w.name,
    executions: deps
      .workflows()
      .list(w.name)
      .slice(0, 50)
      .map((e) => ({
        name: e.name,
        arn: e.arn,
        status: e.status,
        startDate: new Date(e.startDate).toISOString(),
        stopDate: e.stopDate ? new Date(e.stopDate).toISOString() : undefined,
        input: e.input,
        output: e.output,
        error: e.error,
        cause: e.cause,
        path: statePath(e),
      })),
  }));
}

export async function tableItems(deps: ConsoleDeps, name: string): Promise<{ table: string; items: unknown[]; count: number; more: boolean }> {
  if (!deps.app.tables.some((t) => t.name === name)) throw new ConsoleError(`no table ${name} in app.yaml (tables: ${deps.app.tables.map((t) => t.name).join(', ') || 'none'})`, 404);
  const r = (await deps.tables().call('Scan', { TableName: deps.addresses.tableName(name), Limit: 100 })) as { Items?: unknown[]; LastEvaluatedKey?: unknown };
  return { table: name, items: r.Items ?? [], count: r.Items?.length ?? 0, more: Boolean(r.LastEvaluatedKey) };
}

export function bucketObjects(deps: ConsoleDeps, name: string) {
  if (!deps.app.buckets.some((b) => b.name === name)) throw new ConsoleError(`no bucket ${name} in app.yaml (buckets: ${deps.app.buckets.map((b) => b.name).join(', ') || 'none'})`, 404);
  const buckets = deps.buckets();
  return {
    bucket: name,
    objects: buckets.keys(name).map((key) => {
      const o = buckets.get(name, key)!;
      return { key, size: o.body.length, etag: o.etag, contentType: o.contentType, lastModified: new Date(o.lastModified).toISOString() };
    }),
  };
}
