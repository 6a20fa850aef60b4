// startApp: the whole app of a project, running in this process as `eda dev` runs it (handlers
// bundled from the user's code, in worker threads; queues, topics, buses, workflows and tables
// with AWS's semantics), driven by a test: send it events, settle it, move its clock, read what
// it did. Ports are chosen free; stop() leaves nothing running.
import { request } from 'node:http';
import path from 'node:path';
import { InvalidAppError } from '../core/errors.js';
import { loadProject } from '../pipeline/index.js';
import { DEFAULT_SEED, sampleDetail, withOverrides } from '../local/event-samples.js';
import { seedIds } from '../local/ids.js';
import { startLocal, type LocalRuntime } from '../local/runtime.js';
import { Trace } from '../local/trace.js';
import { VirtualClock, WatchedRealClock, type WatchedClock } from '../local/virtual-clock.js';
import { Activity } from './activity.js';
import { toMs } from './duration.js';
import { Driver } from './settle.js';
import { errorsOf, hopOf } from './hops.js';
import type { Hop, HttpRequest, HttpResponse, StartOptions, TestApp } from './types.js';
import { executions, known, queueView, tableView } from './views.js';






const asText = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
const attributesOf = (a: Record<string, string> = {}) => Object.fromEntries(Object.entries(a).map(([k, v]) => [k, { DataType: 'String', StringValue: v }]));

function httpCall(base: string, method: string, urlPath: string, init: HttpRequest): Promise<HttpResponse> {
  const body = init.body === undefined ? undefined : typeof init.body === 'string' || Buffer.isBuffer(init.body) ? init.body : JSON.stringify(init.body);
  const headers: Record<string, string> = { ...(init.body !== undefined && typeof init.body !== 'string' && !Buffer.isBuffer(init.body) ? { 'content-type': 'application/json' } : {}), ...init.headers };
  return new Promise((resolve, reject) => {
    const req = request(new URL(urlPath, base), { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: unknown = text;
        try {
          parsed = text ? JSON.parse(text) : undefined;
        } catch {
          /* not JSON: the text */
        }
        const flat = Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v)]));
        resolve({ status: res.statusCode ?? 0, headers: flat, body: parsed, text });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

export async function startApp(options: StartOptions = {}): Promise<TestApp> {
  const cwd = path.resolve(options.cwd ?? process.env.EDA_PROJECT_DIR ?? '.');
  const virtual = (options.clock ?? 'virtual') === 'virtual';
  if (options.clock && !['virtual', 'real'].includes(options.clock)) throw new Error(`clock must be 'virtual' or 'real', not '${options.clock}'`);
  const start = options.startTime === undefined ? undefined : new Date(options.startTime).getTime();
  const clock: WatchedClock = virtual ? new VirtualClock(start) : new WatchedRealClock();
  seedIds(virtual ? String(options.seed ?? 'eda') : options.seed === undefined ? undefined : String(options.seed));
  const project = await loadProject({ cwd, stage: options.stage ?? process.env.EDA_STAGE }).catch((error: unknown) => {
    seedIds(undefined);
    if (!(error instanceof InvalidAppError)) throw error;
    const lines = error.diagnostics.map((d) => `${path.relative(process.cwd(), d.file) || d.file}:${d.line}:${d.col} ${d.message}${d.hint ? ` (${d.hint})` : ''}`);
    throw new InvalidAppError(error.diagnostics, `${error.message}:\n${lines.join('\n')}`);
  });
  const trace = new Trace(() => clock.now(), 100_000);
  const hops: Hop[] = [];
  trace.on((e) => hops.push(hopOf(e)));
  const runtime = await startLocal({
    app: project.app,
    cwd,
    port: 0,
    servicesPort: 0,
    clock,
    trace,
    watch: false,
    stateDir: path.join(cwd, '.eda', 'test'),
    // under the virtual clock, Lambda's own delays before the two retries of an async invocation
    ...(virtual ? { asyncRetryDelaysMs: [60_000, 120_000] as [number, number] } : {}),
  });
  const stallMs = options.stallMs ?? 5000;
  const activity = new Activity(runtime, { serial: virtual, stallMs });
  const driver = new Driver(runtime, clock, activity, stallMs);
  return testApp(runtime, { activity, driver, hops, clock });
}

interface Parts {
  activity: Activity;
  driver: Driver;
  hops: Hop[];
  clock: WatchedClock;
}

function testApp(runtime: LocalRuntime, { activity, driver, hops, clock }: Parts): TestApp {
  const { app } = runtime;
  const names = (list: { name: string }[]) => list.map((x) => x.name);
  let stopped: Promise<void> | undefined;
  return {
    name: app.name,
    stage: app.stage,
    now: () => new Date(clock.now()),
    async http(method, urlPath, init = {}) {
      const api = init.api ?? app.apis[0]?.name;
      if (api === undefined) throw new Error('app.yaml declares no API');
      known('api', api, names(app.apis));
      // time moves while the request is answered, so a handler's timeout can fire
      return driver.runUntil(httpCall(runtime.endpoints.apis[api]!, method.toUpperCase(), urlPath, init));
    },
    async putEvent(e) {
      const r = runtime.buses.putEvents([{ EventBusName: e.bus, Source: e.source, DetailType: e.detailType, Detail: asText(e.detail), Resources: e.resources }]);
      const entry = r.Entries[0]!;
      if ('ErrorCode' in entry) throw new Error(`PutEvents: ${entry.ErrorCode}: ${entry.ErrorMessage}`);
      return entry.EventId;
    },
    sampleEvent(name, overrides = {}, o = {}) {
      known('event', name, names(app.events));
      const e = app.events.find((x) => x.name === name)!;
      return { bus: e.bus, source: e.source, detailType: e.detailType, detail: withOverrides(sampleDetail(e.schema, o.seed ?? DEFAULT_SEED), overrides) };
    },
    async send(queue, body, o = {}) {
      known('queue', queue, runtime.app.queues.flatMap((q) => [q.name, ...(q.dlq ? [q.dlq.name] : [])]));
      const q = runtime.queue(queue)!;
      return q.send({ body: asText(body), delaySeconds: o.delaySeconds, groupId: o.groupId ?? (q.config.fifo ? 'default' : undefined), attributes: attributesOf(o.attributes) }).messageId;
    },
    async publish(topic, message, o = {}) {
      known('topic', topic, names(app.topics));
      const t = runtime.topic(topic)!;
      return t.publish({ message: asText(message), subject: o.subject, attributes: attributesOf(o.attributes), groupId: t.model.fifo ? topic : undefined }).messageId;
    },
    async invoke(fn, event) {
      known('function', fn, names(app.functions));
      const r = await driver.runUntil(runtime.invoke(fn, event, 'eda/testing'));
      return r.ok ? { ok: true, value: r.value } : { ok: false, error: { errorType: r.error.errorType, errorMessage: r.error.errorMessage } };
    },
    async startWorkflow(workflow, input = {}) {
      known('workflow', workflow, names(app.workflows));
      return runtime.workflows.start(workflow, input).name;
    },
    settle: (o = {}) => driver.settle(toMs(o.within ?? '24h')),
    advance: (d) => driver.advance(toMs(d)),
    queue: (name) => queueView(runtime, name),
    table: (name) => tableView(runtime, name),
    workflow: (name) => ({ executions: executions(runtime, name, hops) }),
    get trace() {
      return [...hops];
    },
    get errors() {
      return errorsOf(hops);
    },
    mock(fn, handler) {
      known('function', fn, names(app.functions));
      activity.mocks.set(fn, handler);
    },
    unmock(fn) {
      if (fn === undefined) activity.mocks.clear();
      else activity.mocks.delete(fn);
    },
    stop() {
      stopped ??= (async () => {
        activity.close();
        await runtime.stop();
        seedIds(undefined);
        // closed servers release their handles in the close phase of the event loop's next turn
        for (let i = 0; i < 2; i++) await new Promise((resolve) => setImmediate(resolve));
      })();
      return stopped;
    },
  };
}
