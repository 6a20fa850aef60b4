// The trace: every hop an event takes through the local app, emitted as it happens and
// rendered either as aligned terminal lines or as one JSON object per line (--json).
import type { ChalkInstance } from 'chalk';

export interface ErrorInfo {
  type: string;
  message: string;
}

export type TraceEvent =
  | { kind: 'http'; api: string; method: string; path: string; route?: string; function?: string; status: number; ms: number; requestId: string }
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
      action: 'send' | 'deliver' | 'delete' | 'retry' | 'dlq' | 'expire';
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
  | { kind: 'stream'; table: string; function: string; action: 'deliver' | 'retry' | 'discard'; records: number; attempt?: number; error?: ErrorInfo }
  | { kind: 'async'; function: string; action: 'retry' | 'failed'; requestId: string; attempt: number; delayMs?: number; to?: string; error?: ErrorInfo }
  | { kind: 'reload'; functions: string[]; ms: number; error?: string }
  | { kind: 'info'; message: string }
  | { kind: 'warn'; message: string };

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

/** One terminal line per event. */
export function formatEvent(e: Traced, c: ChalkInstance): string {
  const t = new Date(e.time);
  const clock = c.dim(
    `${String(t.getHours()).padStart(2, '0')}:${String(t.getMinutes()).padStart(2, '0')}:${String(t.getSeconds()).padStart(2, '0')}.${String(t.getMilliseconds()).padStart(3, '0')}`,
  );
  const tag = (name: string, paint: (s: string) => string) => paint(name.padEnd(9));
  const err = (x?: ErrorInfo) => (x ? c.red(`${x.type}: ${x.message}`) : '');
  let body: string;
  switch (e.kind) {
    case 'http': {
      const status = e.status >= 500 ? c.red(String(e.status)) : e.status >= 400 ? c.yellow(String(e.status)) : c.green(String(e.status));
      body = `${tag('http', c.cyan)}${e.method} ${e.path} ${e.function ? `→ ${c.bold(e.function)} ` : ''}${status} ${c.dim(ms(e.ms))}`;
      break;
    }
    case 'invoke': {
      const outcome = e.ok ? c.green('ok') : c.red('error');
      const cold = e.coldStartMs !== undefined ? c.dim(` (cold start ${ms(e.coldStartMs)})`) : '';
      const attempt = e.attempt && e.attempt > 1 ? c.yellow(` attempt ${e.attempt}`) : '';
      body = `${tag('λ', c.magenta)}${c.bold(e.function)} ← ${e.trigger} ${outcome} ${c.dim(ms(e.ms))}${cold}${attempt} ${c.dim(`req ${shortId(e.requestId)}`)}${e.error ? ` ${err(e.error)}` : ''}`;
      break;
    }
    case 'log':
      body = `${tag('log', c.dim)}${c.dim(e.function)} ${e.level === 'ERROR' ? c.red(e.text) : e.level === 'WARN' ? c.yellow(e.text) : e.text}`;
      break;
    case 'queue': {
      const ids = e.messageIds.map(shortId).join(', ');
      const n = e.messageIds.length;
      const count = `${n} message${n === 1 ? '' : 's'}`;
      switch (e.action) {
        case 'send':
          body = `${tag('queue', c.blue)}${c.bold(e.queue)} ← ${c.dim(`msg ${ids}`)}${e.groupId ? c.dim(` group ${e.groupId}`) : ''}`;
          break;
        case 'deliver':
          body = `${tag('queue', c.blue)}${c.bold(e.queue)} → ${c.bold(e.function ?? '?')} ${count} ${c.dim(ids)}`;
          break;
        case 'delete':
          body = `${tag('queue', c.blue)}${c.bold(e.queue)} ${c.green('✔')} deleted ${count} ${c.dim(ids)}`;
          break;
        case 'retry':
          body = `${tag('queue', c.blue)}${c.bold(e.queue)} ${c.yellow('↻')} ${count} ${c.dim(ids)} failed (receive ${e.receiveCount}${e.maxReceives ? `/${e.maxReceives}` : ''}), visible again in ${secs(e.visibleInMs ?? 0)}${e.error ? ` ${err(e.error)}` : ''}`;
          break;
        case 'dlq':
          body = `${tag('queue', c.blue)}${c.bold(e.queue)} ${c.red('⇢ dlq')} ${c.bold(e.to ?? '?')} ${c.dim(ids)} after ${e.receiveCount} receives`;
          break;
        case 'expire':
          body = `${tag('queue', c.blue)}${c.bold(e.queue)} expired ${count} ${c.dim(ids)}`;
          break;
      }
      break;
    }
    case 'topic':
      body =
        e.action === 'publish'
          ? `${tag('topic', c.blue)}${c.bold(e.topic)} ← ${c.dim(`msg ${shortId(e.messageId)}`)}`
          : e.action === 'deliver'
            ? `${tag('topic', c.blue)}${c.bold(e.topic)} → ${e.to}${e.raw ? c.dim(' (raw)') : ''}`
            : `${tag('topic', c.blue)}${c.bold(e.topic)} ${c.dim(`✗ ${e.to} (filter policy)`)}`;
      break;
    case 'bus':
      body = `${tag('bus', c.yellow)}${c.bold(e.bus)} ← ${e.detailType} ${c.dim(`from ${e.source} evt ${shortId(e.eventId)}`)}`;
      break;
    case 'rule':
      body = `${tag('rule', c.yellow)}${c.bold(e.rule)}${e.schedule ? c.dim(` ${e.schedule}`) : ''} → ${e.targets.join(', ') || c.dim('no targets')}`;
      break;
    case 'delivery':
      body = `${tag('rule', c.yellow)}${c.bold(e.rule)} ${c.red('✖')} ${e.target} ${err(e.error)}${e.dlq ? ` ${c.red(`⇢ dlq ${e.dlq}`)}` : ''}`;
      break;
    case 'workflow': {
      const exec = c.dim(shortId(e.execution));
      if (e.action === 'start') body = `${tag('workflow', c.green)}${c.bold(e.workflow)} ${exec} ▶ started`;
      else if (e.action === 'succeed') body = `${tag('workflow', c.green)}${c.bold(e.workflow)} ${exec} ${c.green('✔ succeeded')} ${c.dim(ms(e.ms))}`;
      else body = `${tag('workflow', c.green)}${c.bold(e.workflow)} ${exec} ${c.red(e.action === 'abort' ? '■ aborted' : '✖ failed')} ${c.dim(ms(e.ms))} ${err(e.error)}`;
      break;
    }
    case 'state': {
      const head = `${tag('workflow', c.green)}${c.bold(e.workflow)} ${c.dim(shortId(e.execution))} `;
      if (e.action === 'enter') body = `${head}→ ${e.state} ${c.dim(`(${e.type})`)}`;
      else if (e.action === 'exit') body = `${head}${c.green('✔')} ${e.state} ${c.dim(ms(e.ms))}${e.next ? c.dim(` → ${e.next}`) : ''}`;
      else if (e.action === 'retry') body = `${head}${c.yellow('↻')} ${e.state} retry ${e.attempt} in ${secs(e.delayMs ?? 0)} ${err(e.error)}`;
      else if (e.action === 'catch') body = `${head}${c.yellow('⤷')} ${e.state} caught ${err(e.error)} → ${e.next}`;
      else body = `${head}${c.red('✖')} ${e.state} ${err(e.error)}`;
      break;
    }
    case 'table':
      body = `${tag('table', c.cyan)}${c.bold(e.table)} ${e.eventName} ${c.dim(JSON.stringify(e.keys))}`;
      break;
    case 'stream':
      body =
        e.action === 'deliver'
          ? `${tag('stream', c.cyan)}${c.bold(e.table)} → ${c.bold(e.function)} ${e.records} record${e.records === 1 ? '' : 's'}`
          : e.action === 'retry'
            ? `${tag('stream', c.cyan)}${c.bold(e.table)} ${c.yellow('↻')} ${e.function} retry ${e.attempt} ${err(e.error)}`
            : `${tag('stream', c.cyan)}${c.bold(e.table)} ${c.red('✖')} ${e.function} gave up on ${e.records} records ${err(e.error)}`;
      break;
    case 'async':
      body =
        e.action === 'retry'
          ? `${tag('λ', c.magenta)}${c.bold(e.function)} ${c.yellow('↻')} async retry ${e.attempt} in ${secs(e.delayMs ?? 0)} ${err(e.error)}`
          : `${tag('λ', c.magenta)}${c.bold(e.function)} ${c.red('✖')} async invocation failed after ${e.attempt} attempts${e.to ? ` ${c.red(`⇢ ${e.to}`)}` : ''}`;
      break;
    case 'reload':
      body = e.error
        ? `${tag('reload', c.red)}${c.red(e.error)}`
        : `${tag('reload', c.cyan)}${e.functions.length ? e.functions.join(', ') : 'no handler changed'} ${c.dim(ms(e.ms))}`;
      break;
    case 'info':
      body = `${tag('info', c.dim)}${e.message}`;
      break;
    case 'warn':
      body = `${tag('warn', c.yellow)}${c.yellow(e.message)}`;
      break;
  }
  return `${clock} ${body}`;
}

/** One JSON object per line: {"time":"…","kind":"http",…}. */
export function formatEventJson(e: Traced): string {
  return JSON.stringify({ ...e, time: new Date(e.time).toISOString() });
}
