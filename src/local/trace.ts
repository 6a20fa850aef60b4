// The trace: every hop an event takes through the local app, emitted as it happens and
// rendered either as aligned terminal lines or as one JSON object per line (--json).
import type { ChalkInstance } from 'chalk';

export interface ErrorInfo {
  type: string;
  message: string;
}

export type TraceEvent =
  | { kind: 'http'; api: string; method: string; path: string; route?: string; function?: string; status: number; ms: number; requestId: string; /** A direct route's target: "queue orders". */ target?: string }
  | {
      kind: 'invoke';
      function: string;
      requestId: string;
      /** What caused the invocation: "http POST /orders", "queue orders", "rule order-placed", ... */
      trigger: string;
      ms: number;
      ok: boolean;
      error?: ErrorInfo;
      /** Milliseconds spent loading the handler when this invocation started a new worker. */
      coldStartMs?: number;
      attempt?: number;
    }
  | { kind: 'log'; function: string; requestId?: string; level: string; text: string }
  | {
      kind: 'queue';
      queue: string;
      action: 'send' | 'deliver' | 'delete' | 'retry' | 'dlq' | 'expire' | 'filtered';
      messageIds: string[];
      function?: string;
      receiveCount?: number;
      maxReceives?: number;
      visibleInMs?: number;
      to?: string;
      groupId?: string;
      error?: ErrorInfo;
    }
  | { kind: 'topic'; topic: string; action: 'publish' | 'deliver' | 'filtered'; messageId: string; to?: string; raw?: boolean }
  | { kind: 'bus'; bus: string; eventId: string; source: string; detailType: string }
  | { kind: 'rule'; rule: string; bus: string; eventId: string; targets: string[]; schedule?: string }
  | { kind: 'delivery'; rule: string; target: string; eventId: string; ok: boolean; error?: ErrorInfo; dlq?: string }
  /** A rule target outside the app (a bus in another account or region): traced, not delivered. */
  | { kind: 'external'; rule: string; arn: string; eventId: string }
  | { kind: 'workflow'; workflow: string; execution: string; action: 'start' | 'succeed' | 'fail' | 'abort'; ms?: number; error?: ErrorInfo }
  | {
      kind: 'state';
      workflow: string;
      execution: string;
      state: string;
      type: string;
      action: 'enter' | 'exit' | 'retry' | 'catch' | 'fail';
      ms?: number;
      error?: ErrorInfo;
      attempt?: number;
      delayMs?: number;
      next?: string;
    }
  | { kind: 'table'; table: string; action: 'stream'; eventName: string; keys: Record<string, unknown>; sequenceNumber: string }
  | { kind: 'stream'; table: string; function: string; action: 'deliver' | 'retry' | 'discard' | 'filtered'; records: number; attempt?: number; error?: ErrorInfo }
  | { kind: 'async'; function: string; action: 'retry' | 'failed' | 'succeeded'; requestId: string; attempt: number; delayMs?: number; to?: string; error?: ErrorInfo }
  | { kind: 'reload'; functions: string[]; ms: number; error?: string }
  | {
      kind: 'pipe';
      pipe: string;
      action: 'poll' | 'filtered' | 'enrich' | 'deliver' | 'retry' | 'dlq';
      records: number;
      /** poll: the source; enrich, deliver: the enrichment or target; dlq: the queue. */
      to?: string;
      /** enrich: how many records the enrichment returned. */
      out?: number;
      attempt?: number;
      visibleInMs?: number;
      error?: ErrorInfo;
    }
  /** An API destination call (a rule's http target); called: false when eda dev only says it would call it. */
  | { kind: 'destination'; rule: string; method: string; url: string; called: boolean; status?: number; ms?: number; error?: ErrorInfo }
  | { kind: 'bucket'; bucket: string; action: 'put' | 'delete'; key: string; size?: number }
  | { kind: 'schedule'; schedule: string; target: string; expression: string; ok: boolean; error?: ErrorInfo; dlq?: string }
  | { kind: 'info'; message: string }
  | { kind: 'warn'; message: string }
  /** An event put on a bus that breaks the JSON Schema its `events:` entry declares (it still flows). */
  | { kind: 'contract'; event: string; bus: string; source: string; eventId: string; producers: string[]; violations: { path: string; message: string }[] }
  /** A message sent to a queue or published to a topic that breaks the JSON Schema of its `message:` (it is still delivered). */
  | { kind: 'message-contract'; target: 'queue' | 'topic'; name: string; messageId: string; producers: string[]; violations: { path: string; message: string }[] };

export type Traced = TraceEvent & { time: number };

export type TraceListener = (event: Traced) => void;

export class Trace {
  private listeners = new Set<TraceListener>();
  /** The most recent events, oldest first (bounded). */
  readonly recent: Traced[] = [];

  constructor(
    private readonly now: () => number = Date.now,
    private readonly keep = 5000,
  ) {}

  emit(event: TraceEvent): void {
    const traced = { ...event, time: this.now() } as Traced;
    this.recent.push(traced);
    if (this.recent.length > this.keep) this.recent.splice(0, this.recent.length - this.keep);
    for (const listener of this.listeners) listener(traced);
  }

  on(listener: TraceListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves with the first event (already seen or future) that matches. */
  waitFor(match: (e: Traced) => boolean, timeoutMs = 10_000, since = 0): Promise<Traced> {
    const seen = this.recent.slice(since).find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(new Error(`no matching trace event within ${timeoutMs} ms`));
      }, timeoutMs);
      const off = this.on((e) => {
        if (!match(e)) return;
        clearTimeout(timer);
        off();
        resolve(e);
      });
    });
  }
}

const ms = (n: number | undefined) => (n === undefined ? '' : n < 1 ? `${n.toFixed(2)}ms` : n < 10 ? `${n.toFixed(1)}ms` : `${Math.round(n)}ms`);
const secs = (n: number) => (n < 1000 ? `${Math.round(n)}ms` : `${+(n / 1000).toFixed(1)}s`);
const shortId = (id: string) => (id.length > 8 ? id.slice(0, 8) : id);

/** What every line's formatter paints with: the colours, a padded tag, an error. */
interface Paint {
  c: ChalkInstance;
  tag(name: string, paint: (s: string) => string): string;
  err(x?: ErrorInfo): string;
}

type Of<K extends TraceEvent['kind']> = Extract<Traced, { kind: K }>;

function httpLine(e: Of<'http'>, { c, tag }: Paint): string {
  const status = e.status >= 500 ? c.red(String(e.status)) : e.status >= 400 ? c.yellow(String(e.status)) : c.green(String(e.status));
  return `${tag('http', c.cyan)}${e.method} ${e.path} ${e.function ? `→ ${c.bold(e.function)} ` : e.target ? `→ ${c.bold(e.target)} ` : ''}${status} ${c.dim(ms(e.ms))}`;
}

function invokeLine(e: Of<'invoke'>, { c, tag, err }: Paint): string {
  const outcome = e.ok ? c.green('ok') : c.red('error');
  const cold = e.coldStartMs !== undefined ? c.dim(` (cold start ${ms(e.coldStartMs)})`) : '';
  const attempt = e.attempt && e.attempt > 1 ? c.yellow(` attempt ${e.attempt}`) : '';
  return `${tag('λ', c.magenta)}${c.bold(e.function)} ← ${e.trigger} ${outcome} ${c.dim(ms(e.ms))}${cold}${attempt} ${c.dim(`req ${shortId(e.requestId)}`)}${e.error ? ` ${err(e.error)}` : ''}`;
}

function queueLine(e: Of<'queue'>, { c, tag, err }: Paint): string {
  const ids = e.messageIds.map(shortId).join(', ');
  const n = e.messageIds.length;
  const count = `${n} message${n === 1 ? '' : 's'}`;
  const head = `${tag('queue', c.blue)}${c.bold(e.queue)}`;
  switch (e.action) {
    case 'send':
      return `${head} ← ${c.dim(`msg ${ids}`)}${e.groupId ? c.dim(` group ${e.groupId}`) : ''}`;
    case 'deliver':
      return `${head} → ${c.bold(e.function ?? '?')} ${count} ${c.dim(ids)}`;
    case 'delete':
      return `${head} ${c.green('✔')} deleted ${count} ${c.dim(ids)}`;
    case 'retry':
      return `${head} ${c.yellow('↻')} ${count} ${c.dim(ids)} failed (receive ${e.receiveCount}${e.maxReceives ? `/${e.maxReceives}` : ''}), visible again in ${secs(e.visibleInMs ?? 0)}${e.error ? ` ${err(e.error)}` : ''}`;
    case 'dlq':
      return `${head} ${c.red('⇢ dlq')} ${c.bold(e.to ?? '?')} ${c.dim(ids)} after ${e.receiveCount} receives`;
    case 'expire':
      return `${head} expired ${count} ${c.dim(ids)}`;
    case 'filtered':
      return `${head} ${c.dim(`✗ ${count} matched no filter of ${e.function ?? '?'}, deleted ${ids}`)}`;
  }
}

function topicLine(e: Of<'topic'>, { c, tag }: Paint): string {
  const head = `${tag('topic', c.blue)}${c.bold(e.topic)}`;
  if (e.action === 'publish') return `${head} ← ${c.dim(`msg ${shortId(e.messageId)}`)}`;
  if (e.action === 'deliver') return `${head} → ${e.to}${e.raw ? c.dim(' (raw)') : ''}`;
  return `${head} ${c.dim(`✗ ${e.to} (filter policy)`)}`;
}

function workflowLine(e: Of<'workflow'>, { c, tag, err }: Paint): string {
  const head = `${tag('workflow', c.green)}${c.bold(e.workflow)} ${c.dim(shortId(e.execution))}`;
  if (e.action === 'start') return `${head} ▶ started`;
  if (e.action === 'succeed') return `${head} ${c.green('✔ succeeded')} ${c.dim(ms(e.ms))}`;
  return `${head} ${c.red(e.action === 'abort' ? '■ aborted' : '✖ failed')} ${c.dim(ms(e.ms))} ${err(e.error)}`;
}

function stateLine(e: Of<'state'>, { c, tag, err }: Paint): string {
  const head = `${tag('workflow', c.green)}${c.bold(e.workflow)} ${c.dim(shortId(e.execution))} `;
  if (e.action === 'enter') return `${head}→ ${e.state} ${c.dim(`(${e.type})`)}`;
  if (e.action === 'exit') return `${head}${c.green('✔')} ${e.state} ${c.dim(ms(e.ms))}${e.next ? c.dim(` → ${e.next}`) : ''}`;
  if (e.action === 'retry') return `${head}${c.yellow('↻')} ${e.state} retry ${e.attempt} in ${secs(e.delayMs ?? 0)} ${err(e.error)}`;
  if (e.action === 'catch') return `${head}${c.yellow('⤷')} ${e.state} caught ${err(e.error)} → ${e.next}`;
  return `${head}${c.red('✖')} ${e.state} ${err(e.error)}`;
}

function streamLine(e: Of<'stream'>, { c, tag, err }: Paint): string {
  const head = `${tag('stream', c.cyan)}${c.bold(e.table)}`;
  if (e.action === 'deliver') return `${head} → ${c.bold(e.function)} ${e.records} record${e.records === 1 ? '' : 's'}`;
  if (e.action === 'retry') return `${head} ${c.yellow('↻')} ${e.function} retry ${e.attempt} ${err(e.error)}`;
  if (e.action === 'filtered') return `${head} ${c.dim(`✗ ${e.function} skipped ${e.records} record${e.records === 1 ? '' : 's'} (no filter matched)`)}`;
  return `${head} ${c.red('✖')} ${e.function} gave up on ${e.records} records ${err(e.error)}`;
}

function asyncLine(e: Of<'async'>, { c, tag, err }: Paint): string {
  const head = `${tag('λ', c.magenta)}${c.bold(e.function)}`;
  if (e.action === 'succeeded') return `${head} ${c.green('✔')} async result ${c.dim(`⇢ ${e.to}`)}`;
  if (e.action === 'retry') return `${head} ${c.yellow('↻')} async retry ${e.attempt} in ${secs(e.delayMs ?? 0)} ${err(e.error)}`;
  return `${head} ${c.red('✖')} async invocation failed after ${e.attempt} attempts${e.to ? ` ${c.red(`⇢ ${e.to}`)}` : ''}`;
}

function pipeLine(e: Of<'pipe'>, { c, tag, err }: Paint): string {
  const head = `${tag('pipe', c.yellow)}${c.bold(e.pipe)}`;
  const n = `${e.records} record${e.records === 1 ? '' : 's'}`;
  switch (e.action) {
    case 'poll':
      return `${head} ← ${n} from ${e.to}`;
    case 'filtered':
      return `${head} ${c.dim(`✗ ${n} filtered out`)}`;
    case 'enrich':
      return `${head} ⇄ ${e.to} ${n} in, ${e.out} out`;
    case 'deliver':
      return `${head} → ${c.bold(e.to ?? '?')} ${n}`;
    case 'retry':
      return `${head} ${c.yellow('↻')} ${n} failed${e.attempt ? `, attempt ${e.attempt} next` : `, visible again in ${secs(e.visibleInMs ?? 0)}`} ${err(e.error)}`;
    case 'dlq':
      return `${head} ${c.red('⇢ dlq')} ${c.bold(e.to ?? '?')} ${n} after ${e.attempt} attempts ${err(e.error)}`;
  }
}

function destinationLine(e: Of<'destination'>, { c, tag, err }: Paint): string {
  const head = `${tag('http out', c.cyan)}${c.bold(e.rule)} ${e.method} ${e.url}`;
  if (!e.called) return `${head} ${c.dim('would call (eda dev calls loopback URLs only)')}`;
  if (e.status === undefined) return `${head} ${c.red('✖')} ${err(e.error)} ${c.dim(ms(e.ms))}`;
  const status = e.status >= 400 ? c.red(String(e.status)) : c.green(String(e.status));
  return `${head} ${status} ${c.dim(ms(e.ms))}`;
}

const lines: { [K in TraceEvent['kind']]: (e: Of<K>, p: Paint) => string } = {
  http: httpLine,
  invoke: invokeLine,
  log: (e, { c, tag }) => `${tag('log', c.dim)}${c.dim(e.function)} ${e.level === 'ERROR' ? c.red(e.text) : e.level === 'WARN' ? c.yellow(e.text) : e.text}`,
  queue: queueLine,
  topic: topicLine,
  bus: (e, { c, tag }) => `${tag('bus', c.yellow)}${c.bold(e.bus)} ← ${e.detailType} ${c.dim(`from ${e.source} evt ${shortId(e.eventId)}`)}`,
  rule: (e, { c, tag }) => `${tag('rule', c.yellow)}${c.bold(e.rule)}${e.schedule ? c.dim(` ${e.schedule}`) : ''} → ${e.targets.join(', ') || c.dim('no targets')}`,
  delivery: (e, { c, tag, err }) => `${tag('rule', c.yellow)}${c.bold(e.rule)} ${c.red('✖')} ${e.target} ${err(e.error)}${e.dlq ? ` ${c.red(`⇢ dlq ${e.dlq}`)}` : ''}`,
  external: (e, { c, tag }) => `${tag('rule', c.yellow)}${c.bold(e.rule)} → would deliver to ${e.arn} ${c.dim('(outside this app: not delivered)')}`,
  workflow: workflowLine,
  state: stateLine,
  table: (e, { c, tag }) => `${tag('table', c.cyan)}${c.bold(e.table)} ${e.eventName} ${c.dim(JSON.stringify(e.keys))}`,
  stream: streamLine,
  async: asyncLine,
  reload: (e, { c, tag }) =>
    e.error ? `${tag('reload', c.red)}${c.red(e.error)}` : `${tag('reload', c.cyan)}${e.functions.length ? e.functions.join(', ') : 'no handler changed'} ${c.dim(ms(e.ms))}`,
  pipe: pipeLine,
  destination: destinationLine,
  bucket: (e, { c, tag }) => `${tag('bucket', c.cyan)}${c.bold(e.bucket)} ${e.action === 'put' ? '←' : '✖'} ${e.key}${e.size !== undefined ? c.dim(` ${e.size} bytes`) : ''}`,
  schedule: (e, { c, tag, err }) =>
    `${tag('schedule', c.yellow)}${c.bold(e.schedule)} ${c.dim(e.expression)} → ${e.target}${e.ok ? '' : ` ${c.red('✖')} ${err(e.error)}${e.dlq ? ` ${c.red(`⇢ dlq ${e.dlq}`)}` : ''}`}`,
  info: (e, { c, tag }) => `${tag('info', c.dim)}${e.message}`,
  warn: (e, { c, tag }) => `${tag('warn', c.yellow)}${c.yellow(e.message)}`,
  contract: (e, { c, tag }) =>
    `${tag('contract', c.red)}${c.bold(e.bus)} ← ${e.event} ${c.red(`breaks its schema: ${e.violations.map((v) => `${v.path} ${v.message}`).join('; ')}`)} ${c.dim(`from ${e.source}${e.producers.length ? ` (producers: ${e.producers.join(', ')})` : ''} evt ${shortId(e.eventId)}`)}`,
  'message-contract': (e, { c, tag }) =>
    `${tag('contract', c.red)}${e.target} ${c.bold(e.name)} ← message ${c.red(`breaks its schema: ${e.violations.map((v) => `${v.path} ${v.message}`).join('; ')}`)} ${c.dim(`${e.producers.length ? `(producers: ${e.producers.join(', ')}) ` : ''}msg ${shortId(e.messageId)}`)}`,
};

const two = (n: number) => String(n).padStart(2, '0');

/** One terminal line per event. */
export function formatEvent(e: Traced, c: ChalkInstance): string {
  const t = new Date(e.time);
  const clock = c.dim(`${two(t.getHours())}:${two(t.getMinutes())}:${two(t.getSeconds())}.${String(t.getMilliseconds()).padStart(3, '0')}`);
  const paint: Paint = {
    c,
    tag: (name, color) => color(name.padEnd(9)),
    err: (x) => (x ? c.red(`${x.type}: ${x.message}`) : ''),
  };
  const line = lines[e.kind] as (e: Traced, p: Paint) => string;
  return `${clock} ${line(e, paint)}`;
}

/** One JSON object per line: {"time":"…","kind":"http",…}. */
export function formatEventJson(e: Traced): string {
  return JSON.stringify({ ...e, time: new Date(e.time).toISOString() });
}
