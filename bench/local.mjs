// Benchmarks of the local runtime, measured from outside like a developer would: the built
// CLI runs `eda dev --json` on a small generated project; requests, SQS messages and
// EventBridge events go in over loopback; timings come from the client and the trace.
// Runnable alone (`node bench/local.mjs` after `npm run build`); bench/run.mjs imports benchLocal().
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = path.join(root, 'bin', 'eda.js');

const APP = `name: bench
functions:
  hello:
    triggers:
      - http: GET /hello
  worker:
    triggers:
      - queue: work
        batchSize: 1
  onEvent:
    triggers:
      - event:
          pattern: { source: [bench] }
queues:
  work: {}
`;

const HANDLERS = {
  hello: "export const handler = async () => ({ statusCode: 200, body: 'hi' });",
  worker: 'export const handler = async () => ({ batchItemFailures: [] });',
  onEvent: 'export const handler = async () => undefined;',
};

function project() {
  const dir = mkdtempSync(path.join(tmpdir(), 'eda-bench-local-'));
  mkdirSync(path.join(dir, 'src', 'handlers'), { recursive: true });
  writeFileSync(path.join(dir, 'app.yaml'), APP);
  for (const [name, code] of Object.entries(HANDLERS)) writeFileSync(path.join(dir, 'src', 'handlers', `${name}.ts`), code);
  symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return dir;
}

/** Starts `eda dev --json`; resolves once ready, with the parsed trace lines as they come. */
function startDev(dir) {
  const started = performance.now();
  const child = spawn(process.execPath, [bin, 'dev', '--cwd', dir, '--port', '0', '--json'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  const lines = [];
  const listeners = new Set();
  let buffer = '';
  let stderr = '';
  child.stderr.on('data', (c) => (stderr += c));
  child.stdout.on('data', (chunk) => {
    buffer += chunk;
    let i;
    while ((i = buffer.indexOf('\n')) >= 0) {
      const text = buffer.slice(0, i);
      buffer = buffer.slice(i + 1);
      if (!text.trim()) continue;
      const line = JSON.parse(text);
      line.receivedAt = performance.now();
      lines.push(line);
      for (const l of listeners) l(line);
    }
  });
  const waitFor = (match, timeoutMs = 60_000) =>
    new Promise((resolve, reject) => {
      const seen = lines.find(match);
      if (seen) return resolve(seen);
      const timer = setTimeout(() => {
        listeners.delete(on);
        reject(new Error(`bench: timed out waiting for eda dev\n${stderr}`));
      }, timeoutMs);
      const on = (line) => {
        if (!match(line)) return;
        clearTimeout(timer);
        listeners.delete(on);
        resolve(line);
      };
      listeners.add(on);
    });
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGINT');
    });
  return { child, lines, waitFor, stop, started };
}

function get(agent, url) {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', reject);
    req.end();
  });
}

function awsCall(services, target, body, version = '1.0') {
  return fetch(services, {
    method: 'POST',
    headers: {
      'content-type': `application/x-amz-json-${version}`,
      'x-amz-target': target,
      authorization: 'AWS4-HMAC-SHA256 Credential=bench/20250101/us-east-1/x/aws4_request, SignedHeaders=host, Signature=0',
    },
    body: JSON.stringify(body),
  }).then((r) => r.json());
}

const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

/**
 * `concurrency` clients, each on its own keep-alive connection, send `total` requests in
 * all; returns per-request latencies, throughput and the non-200 answers.
 */
async function load(url, { concurrency, total }) {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const times = [];
  const statuses = {};
  let next = 0;
  const t0 = performance.now();
  const client = async () => {
    while (next < total) {
      next++;
      const t = performance.now();
      const status = await get(agent, url).catch(() => 'error');
      times.push(performance.now() - t);
      if (status !== 200) statuses[status] = (statuses[status] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, client));
  const seconds = (performance.now() - t0) / 1000;
  agent.destroy();
  return { times, rate: total / seconds, errors: Object.values(statuses).reduce((a, b) => a + b, 0), statuses };
}

export async function benchLocal({ requests = 400, messages = 40, events = 1000, concurrency = 50, loadRequests = 3000 } = {}) {
  const dir = project();
  const dev = startDev(dir);
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const rows = [];
  try {
    const ready = await dev.waitFor((l) => l.kind === 'ready');
    const startup = ready.receivedAt - dev.started;
    rows.push({ name: 'eda dev: spawn → ready', value: Math.round(startup), unit: 'ms', target: '≤ 2000 ms', ok: startup <= 2000 });

    // warm route: a few requests start the worker, then sequential keep-alive requests
    const url = `${ready.apis.api}/hello`;
    for (let i = 0; i < 30; i++) await get(agent, url);
    const times = [];
    for (let i = 0; i < requests; i++) {
      const t = performance.now();
      const status = await get(agent, url);
      times.push(performance.now() - t);
      if (status !== 200) throw new Error(`GET /hello answered ${status}`);
    }
    const p50 = percentile(times, 50);
    rows.push({ name: 'warm route GET /hello, p50', value: +p50.toFixed(2), unit: 'ms', target: '≤ 5 ms', ok: p50 <= 5 });
    rows.push({ name: 'warm route GET /hello, p95', value: +percentile(times, 95).toFixed(2), unit: 'ms', target: '', ok: undefined });

    // concurrent load on the same route: workers scale with it (one round to warm them)
    await load(url, { concurrency, total: concurrency * 4 });
    const burst = await load(url, { concurrency, total: loadRequests });
    const loadP50 = percentile(burst.times, 50);
    rows.push({ name: `${concurrency} concurrent GET /hello, p50`, value: +loadP50.toFixed(2), unit: 'ms', target: '≤ 20 ms', ok: loadP50 <= 20 });
    rows.push({ name: `${concurrency} concurrent GET /hello, p99`, value: +percentile(burst.times, 99).toFixed(2), unit: 'ms', target: '', ok: undefined });
    rows.push({ name: `${concurrency} concurrent GET /hello, throughput`, value: Math.round(burst.rate), unit: 'req/s', target: '', ok: undefined });
    rows.push({ name: `${concurrency} concurrent GET /hello, errors (${loadRequests} requests)`, value: burst.errors, unit: '', target: '0', ok: burst.errors === 0 });

    // queue hop: SendMessage → the worker's invocation starts (trace times)
    const queueUrl = ready.queues.work;
    await awsCall(ready.services, 'AmazonSQS.SendMessage', { QueueUrl: queueUrl, MessageBody: 'warm-up' });
    await dev.waitFor((l) => l.kind === 'invoke' && l.function === 'worker');
    const hops = [];
    for (let i = 0; i < messages; i++) {
      const { MessageId } = await awsCall(ready.services, 'AmazonSQS.SendMessage', { QueueUrl: queueUrl, MessageBody: `m${i}` });
      const sent = await dev.waitFor((l) => l.kind === 'queue' && l.action === 'send' && l.messageIds[0] === MessageId);
      const delivered = await dev.waitFor((l) => l.kind === 'queue' && l.action === 'deliver' && l.messageIds.includes(MessageId));
      const invoked = await dev.waitFor((l) => l.kind === 'invoke' && l.function === 'worker' && Date.parse(l.time) >= Date.parse(delivered.time) && l.receivedAt >= delivered.receivedAt);
      hops.push(Date.parse(invoked.time) - invoked.ms - Date.parse(sent.time));
    }
    const hop = percentile(hops, 50);
    rows.push({ name: 'queue hop SendMessage → worker invoked, p50', value: Math.max(0, +hop.toFixed(1)), unit: 'ms', target: '≤ 50 ms', ok: hop <= 50 });

    // events through a rule to a function
    const before = dev.lines.filter((l) => l.kind === 'invoke' && l.function === 'onEvent').length;
    const t0 = performance.now();
    const batches = [];
    for (let i = 0; i < events; i += 10) {
      const Entries = Array.from({ length: Math.min(10, events - i) }, (_, j) => ({ Source: 'bench', DetailType: 'Tick', Detail: JSON.stringify({ n: i + j }) }));
      batches.push(awsCall(ready.services, 'AWSEvents.PutEvents', { Entries }, '1.1'));
      if (batches.length >= 8) await Promise.all(batches.splice(0));
    }
    await Promise.all(batches);
    let count = before;
    await dev.waitFor((l) => l.kind === 'invoke' && l.function === 'onEvent' && ++count - before >= events, 120_000);
    const seconds = (performance.now() - t0) / 1000;
    const rate = events / seconds;
    rows.push({ name: `events through a rule to a function (${events})`, value: Math.round(rate), unit: 'events/s', target: '≥ 500 events/s', ok: rate >= 500 });
  } finally {
    await dev.stop();
    agent.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const rows = await benchLocal();
  const width = Math.max(...rows.map((r) => r.name.length));
  for (const r of rows) {
    const mark = r.ok === undefined ? ' ' : r.ok ? '✓' : '✗';
    console.log(`${mark} ${r.name.padEnd(width)}  ${String(r.value).padStart(8)} ${r.unit.padEnd(9)} ${r.target}`);
  }
}
