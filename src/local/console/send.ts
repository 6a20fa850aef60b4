// The console's send form: an HTTP request to a route, an event put on a bus, a message sent
// to a queue — the same entry points a client, PutEvents or SendMessage reach.
import { ConsoleError, type ConsoleDeps } from './data.js';

export type SendRequest =
  | { type: 'http'; api?: string; method: string; path: string; body?: string; headers?: Record<string, string> }
  | { type: 'event'; bus?: string; source: string; detailType: string; detail: unknown }
  | { type: 'queue'; queue: string; body: string; groupId?: string };

const text = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

async function sendHttp(deps: ConsoleDeps, r: Extract<SendRequest, { type: 'http' }>) {
  const api = r.api ?? deps.app.apis[0]?.name;
  const base = api === undefined ? undefined : deps.endpoints.apis[api];
  if (!base) throw new ConsoleError(api === undefined ? 'app.yaml declares no API' : `no api ${api} in app.yaml (apis: ${Object.keys(deps.endpoints.apis).join(', ')})`, 404);
  if (!r.path?.startsWith('/')) throw new ConsoleError('the path must start with /');
  const method = (r.method || 'GET').toUpperCase();
  const hasBody = r.body !== undefined && r.body !== '' && method !== 'GET' && method !== 'HEAD';
  const res = await fetch(new URL(r.path, base), {
    method,
    headers: { ...(hasBody ? { 'content-type': 'application/json' } : {}), ...r.headers },
    body: hasBody ? r.body : undefined,
  });
  return { type: 'http', status: res.status, headers: Object.fromEntries(res.headers), body: await res.text() };
}

export async function send(deps: ConsoleDeps, r: SendRequest): Promise<Record<string, unknown>> {
  switch (r?.type) {
    case 'http':
      return sendHttp(deps, r);
    case 'event': {
      if (!r.source || !r.detailType) throw new ConsoleError('an event needs a source and a detail-type');
      const result = deps.buses().putEvents([{ EventBusName: r.bus ?? 'default', Source: r.source, DetailType: r.detailType, Detail: text(r.detail ?? {}) }]);
      const entry = result.Entries[0]!;
      if ('ErrorCode' in entry) throw new ConsoleError(`PutEvents: ${entry.ErrorCode}: ${entry.ErrorMessage}`);
      return { type: 'event', eventId: entry.EventId };
    }
    case 'queue': {
      const q = deps.queue(r.queue);
      if (!q) throw new ConsoleError(`no queue ${r.queue} in app.yaml`, 404);
      try {
        const sent = q.send({ body: text(r.body ?? ''), groupId: q.config.fifo ? (r.groupId ?? 'console') : undefined });
        return { type: 'queue', messageId: sent.messageId };
      } catch (error) {
        throw new ConsoleError((error as Error).message);
      }
    }
    default:
      throw new ConsoleError('type must be http, event or queue');
  }
}
