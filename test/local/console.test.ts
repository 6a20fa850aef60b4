// The local console's endpoints under /_eda on eda dev's services port: the page's files, the
// trace as Server-Sent Events (subscribed only while a page listens), the diagram, queues with
// a dead letter redriven and purged, workflow executions with their path, table items, bucket
// objects, the send actions, and the guard against other hosts and cross-site changes.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/kinds/build.js';
import type { AppManifest } from '../../src/manifest/app.types.js';
import { startLocal, type LocalRuntime } from '../../src/local/runtime.js';

let dir: string;
let rt: LocalRuntime;
const url = (p: string) => `${rt.endpoints.services}/_eda${p}`;
const get = async (p: string) => (await fetch(url(p))).json() as Promise<any>;
const post = async (p: string, body: unknown) => {
  const res = await fetch(url(p), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as any };
};

const manifest = {
  name: 'desk',
  region: 'eu-west-1',
  apis: { public: { type: 'http' } },
  functions: {
    take: { timeout: 1, uses: [{ table: 'items' }], triggers: [{ http: 'POST /items' }] },
    worker: { timeout: 1, triggers: [{ queue: 'work', batchSize: 1 }] },
  },
  tables: { items: { partitionKey: 'id' } },
  queues: { work: { visibilityTimeout: 1, dlq: { maxReceives: 1 } } },
  buckets: { files: {} },
  rules: { go: { pattern: { 'detail-type': ['Go'] }, targets: [{ workflow: 'flow' }] } },
  workflows: {
    flow: { definition: { StartAt: 'First', States: { First: { Type: 'Pass', Result: { step: 1 }, ResultPath: '$.first', Next: 'Second' }, Second: { Type: 'Pass', End: true } } } },
  },
} as unknown as AppManifest;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'eda-console-'));
  mkdirSync(join(dir, 'src/handlers'), { recursive: true });
  symlinkSync(resolve(import.meta.dirname, '../../node_modules'), join(dir, 'node_modules'), 'dir');
  writeFileSync(
    join(dir, 'src/handlers/take.ts'),
    [
      "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';",
      "import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';",
      'const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));',
      'export const handler = async (event: { body?: string }) => {',
      "  const item = JSON.parse(event.body ?? '{}');",
      '  await db.send(new PutCommand({ TableName: process.env.ITEMS_TABLE_NAME, Item: item }));',
      '  return { statusCode: 201, body: JSON.stringify(item) };',
      '};',
    ].join('\n'),
  );
  writeFileSync(
    join(dir, 'src/handlers/worker.ts'),
    "export const handler = async (event: { Records: { body: string }[] }) => { for (const r of event.Records) if (r.body.includes('poison')) throw new Error('cannot work on ' + r.body); };\n",
  );
  rt = await startLocal({ app: buildApp(manifest, 'dev'), cwd: dir, port: 0, watch: false });
  expect(rt.build.error).toBeUndefined();
}, 60_000);

afterAll(async () => {
  await rt?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** The SSE stream's records until one matches (or the timeout passes). */
async function readEvents(match: (r: any) => boolean, signal: AbortSignal, timeoutMs = 20_000): Promise<any[]> {
  const res = await fetch(url('/events'), { signal });
  expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const reader = res.body!.getReader();
  const seen: any[] = [];
  let text = '';
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { value, done } = await reader.read();
    if (done) break;
    text += Buffer.from(value).toString('utf8');
    let end: number;
    while ((end = text.indexOf('\n\n')) >= 0) {
      const chunk = text.slice(0, end);
      text = text.slice(end + 2);
      if (!chunk.startsWith('data: ')) continue;
      const record = JSON.parse(chunk.slice(6));
      seen.push(record);
      if (match(record)) return seen;
    }
  }
  throw new Error(`no matching record; saw ${seen.map((r) => r.kind).join(', ')}`);
}

const listeners = () => (rt.trace as unknown as { listeners: Set<unknown> }).listeners.size;

describe('the console page and guard', () => {
  it('serves index.html, one script and one style sheet under /_eda/', async () => {
    const html = await fetch(url('/'));
    expect(html.headers.get('content-type')).toMatch(/text\/html/);
    const text = await html.text();
    expect(text).toContain('src="console.js"');
    expect(text).toContain('href="console.css"');
    expect((await fetch(url('/console.js'))).headers.get('content-type')).toMatch(/javascript/);
    expect((await fetch(url('/console.css'))).headers.get('content-type')).toMatch(/text\/css/);
  });

  it('refuses another Host (DNS rebinding) and a change from another origin; the AWS endpoints still refuse browsers', async () => {
    const { request } = await import('node:http');
    const port = Number(new URL(rt.endpoints.services).port);
    const status = (headers: Record<string, string>, method = 'GET', path = '/_eda/app') =>
      new Promise<number>((done, fail) => {
        const r = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
          res.resume();
          done(res.statusCode!);
        });
        r.on('error', fail);
        r.end(method === 'POST' ? '{}' : undefined);
      });
    expect(await status({ host: `evil.example:${port}` })).toBe(403);
    expect(await status({ host: `127.0.0.1:${port}`, origin: 'http://evil.example' }, 'POST', '/_eda/queues/work/purge')).toBe(403);
    expect(await status({ host: `localhost:${port}`, origin: `http://localhost:${port}` }, 'POST', '/_eda/queues/work/purge')).toBe(200);
    expect(await status({ host: `127.0.0.1:${port}`, origin: `http://127.0.0.1:${port}` }, 'POST', '/')).toBe(403);
  });

  it('lists what the forms offer, and answers unknown names with 404 and a message', async () => {
    const app = await get('/app');
    expect(app).toMatchObject({ name: 'desk', apis: [{ name: 'public', routes: ['POST /items'] }], queues: ['work', 'work:dlq', 'rule:go:dlq'], tables: ['items'], buckets: ['files'], workflows: ['flow'] });
    const res = await fetch(url('/tables/nope'));
    expect(res.status).toBe(404);
    expect(((await res.json()) as { message: string }).message).toBe('no table nope in app.yaml (tables: items)');
    expect((await post('/send', { type: 'carrier-pigeon' })).status).toBe(400);
  });

  it('draws the same diagram as eda graph, with node and edge ids the page lights up', async () => {
    const { svg } = await get('/graph');
    expect(svg).toMatch(/^<svg/);
    expect(svg).toContain('data-id="queue:work"');
    expect(svg).toContain('data-from="queue:work" data-to="function:worker"');
    expect(svg).toContain('data-from="route:public:POST /items" data-to="function:take"');
  });
});

describe('the trace stream and the send form', () => {
  it('subscribes to the trace only while a page listens, and streams each hop with where it lands on the diagram', async () => {
    expect(listeners()).toBe(0);
    const abort = new AbortController();
    const records = readEvents((r) => r.kind === 'http' && r.path === '/items', abort.signal);
    await new Promise((r) => setTimeout(r, 200));
    expect(listeners()).toBe(1);
    const sent = await post('/send', { type: 'http', api: 'public', method: 'POST', path: '/items', body: JSON.stringify({ id: 'i-1', name: 'lamp' }) });
    expect(sent.body).toMatchObject({ type: 'http', status: 201 });
    const seen = await records;
    const http = seen.find((r) => r.kind === 'http');
    expect(http).toMatchObject({ method: 'POST', path: '/items', status: 201, hop: { edges: [['route:public:POST /items', 'function:take']], error: false } });
    expect(seen.find((r) => r.kind === 'invoke')).toMatchObject({ function: 'take', ok: true, hop: { nodes: ['function:take'], error: false } });
    expect(typeof http.time).toBe('string');
    abort.abort();
    await new Promise((r) => setTimeout(r, 200));
    expect(listeners()).toBe(0);
    expect((await get('/tables/items')).items).toEqual([{ id: { S: 'i-1' }, name: { S: 'lamp' } }]);
  }, 30_000);

  it('an event through the send form starts the workflow; its execution shows the path and each state\'s input and output', async () => {
    const r = await post('/send', { type: 'event', source: 'desk.test', detailType: 'Go', detail: { n: 7 } });
    expect(r.body.eventId).toMatch(/[0-9a-f-]{36}/);
    await rt.trace.waitFor((e) => e.kind === 'workflow' && e.action === 'succeed', 10_000);
    const { workflows } = await get('/workflows');
    const [e] = workflows[0].executions;
    expect(e.status).toBe('SUCCEEDED');
    expect(e.path.map((p: any) => [p.state, p.type])).toEqual([
      ['First', 'Pass'],
      ['Second', 'Pass'],
    ]);
    expect(JSON.parse(e.path[0].output).first).toEqual({ step: 1 });
    expect(e.output.detail).toEqual({ n: 7 });
  });
});

describe('queues: a poison message, its redrive and a purge', () => {
  it('shows the dead letter with its receive count, redrives it to its source as a new message, and purges', async () => {
    const sent = await post('/send', { type: 'queue', queue: 'work', body: 'poison pill' });
    const id = sent.body.messageId as string;
    await rt.trace.waitFor((e) => e.kind === 'queue' && e.action === 'dlq' && e.messageIds.includes(id), 20_000);
    const { queues } = await get('/queues');
    const dlq = queues.find((q: any) => q.deadLetterFor.includes('work'));
    expect(dlq).toMatchObject({ depth: 1, messages: [{ messageId: id, body: 'poison pill', receiveCount: 1 }] });
    expect(queues.find((q: any) => q.name === 'work')).toMatchObject({ redrive: { to: dlq.name, maxReceives: 1 } });

    const since = rt.trace.recent.length;
    const redriven = await post(`/queues/${dlq.name}/redrive`, { messageId: id });
    expect(redriven.body).toMatchObject({ to: 'work' });
    expect(redriven.body.messageId).not.toBe(id);
    await rt.trace.waitFor((e) => e.kind === 'queue' && e.queue === 'work' && e.action === 'send' && e.messageIds.includes(redriven.body.messageId), 5000, since);
    expect((await post(`/queues/${dlq.name}/redrive`, { messageId: id })).status).toBe(404);

    // it fails again and is dead-lettered again; then the DLQ is purged
    await rt.trace.waitFor((e) => e.kind === 'queue' && e.action === 'dlq' && e.messageIds.includes(redriven.body.messageId), 20_000, since);
    expect((await post(`/queues/${dlq.name}/purge`, {})).body).toEqual({ purged: 1 });
    expect((await get('/queues')).queues.find((q: any) => q.name === dlq.name).depth).toBe(0);
    expect((await post('/queues/work/redrive', { messageId: id })).body.message).toMatch(/no queue's dead-letter queue/);
  }, 60_000);
});

describe('buckets', () => {
  it('lists a bucket\'s objects', async () => {
    rt.buckets.put('files', 'a/report.txt', Buffer.from('hello'), 'text/plain');
    const { objects } = await get('/buckets/files');
    expect(objects).toEqual([expect.objectContaining({ key: 'a/report.txt', size: 5, contentType: 'text/plain' })]);
  });
});
