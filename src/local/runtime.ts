// The local runtime: every resource of the App model running in this process — handlers
// in worker threads, the APIs on loopback, queues, topics, buses and rules, schedules,
// workflows, tables with streams — plus the AWS API endpoints handlers' SDK calls reach.
import { join } from 'node:path';
import type { App, FunctionModel, TriggerModel } from '../model/types.js';
import { Addresses, type Endpoints } from './addresses.js';
import { handleEvents } from './aws/events.js';
import { handleLambda } from './aws/lambda.js';
import { ServicesServer } from './aws/server.js';
import { handleSfn } from './aws/sfn.js';
import { handleSns } from './aws/sns.js';
import { handleSecrets } from './aws/secrets.js';
import { handleSqs } from './aws/sqs.js';
import { ApiDestinations } from './api-destinations.js';
import { handleS3 } from './aws/s3.js';
import { LocalBuckets } from './buckets.js';
import { LocalSchedules } from './schedules.js';
import { HandlerBundles, type RebuildReport } from './bundler.js';
import { EventBuses, type TargetSinks } from './bus.js';
import { deliverRecord, invocationRecord, type DestinationDeps, type InvocationOutcome } from './destinations.js';
import { realClock, type TimerClock } from './clock.js';
import { functionEnvironment } from './env.js';
import { Functions, type FunctionsOptions, type InvokeResult } from './functions.js';
import { pythonWarnings } from './python/interpreter.js';
import { LocalAuth } from './authorizers.js';
import { devApiKey, HttpApis } from './http.js';
import { JwtVerifier } from './jwt.js';
import { handleConnections } from './aws/connections.js';
import { FunctionUrls } from './function-urls.js';
import { WebSocketApis } from './websockets.js';
import { QueueTrigger } from './queue-triggers.js';
import { LocalQueue, type QueueConfig } from './queues.js';
import { localPipe, type LocalPipe } from './pipes.js';
import { StreamTrigger } from './stream-triggers.js';
import { LocalTables } from './tables.js';
import { LocalTopic } from './topics.js';
import { Trace } from './trace.js';
import { LocalConsole } from './console/server.js';
import { Workflows } from './workflows.js';
import { LocalValues, modelValues } from './values.js';
import { messageContract } from './event-contracts.js';

export interface LocalOptions {
  app: App;
  /** The project folder (handler paths are relative to it). */
  cwd: string;
  /** Port of the first API; the next APIs take the following ports. 0: any free port. */
  port?: number;
  /** Port of the AWS API endpoints (default: any free port). */
  servicesPort?: number;
  clock?: TimerClock;
  trace?: Trace;
  /** Rebuild handlers when their sources change (default true). */
  watch?: boolean;
  /** Run queue pollers, stream triggers and schedules (default true; `eda invoke` turns them off). */
  triggers?: boolean;
  /** Serve the APIs (default true). */
  http?: boolean;
  /** Where bundles go (default <cwd>/.eda/dev). */
  stateDir?: string;
  asyncRetryDelaysMs?: [number, number];
  maxConcurrency?: number;
  /** Values for the local Secrets Manager (default <cwd>/.eda/secrets.json). */
  secretsFile?: string;
  /** Start a worker per function before the first event, and again after each rebuild. */
  prewarm?: boolean;
  /** JWT keys: a JWKS file (relative to cwd) or URL (default EDA_DEV_JWKS; unset: each issuer's discovery). */
  jwks?: string;
  /** The API key routes that need one accept (default EDA_DEV_API_KEY, else random). */
  apiKey?: string;
  /** Values of ${ssm:...} references (default <cwd>/.eda/ssm.json). */
  ssmFile?: string;
}

export interface LocalRuntime {
  app: App;
  addresses: Addresses;
  trace: Trace;
  clock: TimerClock;
  endpoints: Endpoints;
  functions: Functions;
  buses: EventBuses;
  workflows: Workflows;
  tables: LocalTables;
  buckets: LocalBuckets;
  /** EventBridge Scheduler's schedules (armed with the triggers). */
  schedules: LocalSchedules;
  queue(name: string): LocalQueue | undefined;
  topic(name: string): LocalTopic | undefined;
  /** Runs one handler once (RequestResponse). */
  invoke(name: string, event: unknown, trigger?: string): Promise<InvokeResult>;
  /** The first handler build (errors included). */
  build: { ms: number; error?: string };
  /** What the APIs' authorizers check against: the dev API key (when an api requires keys) and where JWT keys come from. */
  auth?: { apiKey?: string; jwtKeys?: string };
  stop(): Promise<void>;
}

/**
 * The runtime's parts as they are wired together. functions, buses, workflows and tables are
 * set as startParts starts them; the services server and the sinks read them only after
 * startLocal resolves.
 */
interface Wiring {
  app: App;
  cwd: string;
  stateDir: string;
  addresses: Addresses;
  clock: TimerClock;
  trace: Trace;
  queues: Map<string, LocalQueue>;
  topics: Map<string, LocalTopic>;
  queue(name: string): LocalQueue | undefined;
  topic(name: string): LocalTopic | undefined;
  functions: Functions;
  buses: EventBuses;
  workflows: Workflows;
  tables: LocalTables;
  /** The local Secrets Manager's values (.eda/secrets.json). */
  secretsFile: string;
  buckets: LocalBuckets;
  schedules: LocalSchedules;
  /** Aborted when the runtime stops (long polls end). */
  closing: AbortSignal;
  /** Run in reverse order on stop. */
  cleanups: (() => Promise<void> | void)[];
  /** The WebSocket APIs, once they listen. */
  websockets?: WebSocketApis;
}

/** The AWS API endpoints handlers' SDK calls reach, each served by its local service. */
function servicesServer(w: Wiring): ServicesServer {
  const { app, addresses, clock, queue, topic } = w;
  return new ServicesServer({
    dynamodb: async (action, body) => {
      const r = await w.tables.handle(action, body.toString('utf8'));
      return { status: r.status, headers: { 'content-type': 'application/x-amz-json-1.0', ...r.headers }, body: r.body };
    },
    sqs: (req) => handleSqs({ addresses, clock, queue, queues: () => [...w.queues.values()], signal: w.closing }, req),
    sns: (req) => handleSns({ addresses, topic, topics: () => [...w.topics.values()] }, req),
    events: (req) => handleEvents({ app, addresses, buses: () => w.buses }, req),
    sfn: (req) => handleSfn({ addresses, workflows: () => w.workflows }, req),
    lambda: (req) => handleLambda({ addresses, functions: w.functions }, req),
    secrets: (req) => handleSecrets({ addresses, file: w.secretsFile }, req),
    connections: (req) => handleConnections(w.websockets, app.stage, req),
    s3: (req) => handleS3(w.buckets, req),
  }, consoleOf(w));
}

/** The local console at /_eda/ (its parts are read when a request comes, after startLocal resolves). */
function consoleOf(w: Wiring): ConstructorParameters<typeof ServicesServer>[1] {
  const local = new LocalConsole({
    app: w.app,
    trace: w.trace,
    addresses: w.addresses,
    get endpoints() {
      return w.addresses.endpoints;
    },
    queue: w.queue,
    buses: () => w.buses,
    workflows: () => w.workflows,
    tables: () => w.tables,
    buckets: () => w.buckets,
  });
  return (req, res, url) => local.serve(req, res, url);
}

/** The destinations synth configures (EventInvokeConfig) get an invocation record. */
function asyncDestinations(w: Wiring): Pick<FunctionsOptions, 'onAsyncFailure' | 'onAsyncSuccess'> {
  const deps: DestinationDeps = { addresses: w.addresses, clock: w.clock, queue: w.queue, topic: w.topic, functions: () => w.functions, buses: () => w.buses };
  const record = (fn: FunctionModel, event: unknown, requestId: string, attempts: number, outcome: InvocationOutcome) =>
    invocationRecord(w.addresses.functionArn(fn.name), event, requestId, attempts, outcome, w.clock.now());
  return {
    onAsyncFailure: async (fn, event, error, requestId, attempts, condition = 'RetriesExhausted') =>
      fn.onFailure ? deliverRecord(deps, fn, fn.onFailure, record(fn, event, requestId, attempts, { condition, error })) : undefined,
    onAsyncSuccess: async (fn, event, response, requestId, attempts) =>
      fn.onSuccess ? deliverRecord(deps, fn, fn.onSuccess, record(fn, event, requestId, attempts, { condition: 'Success', response })) : undefined,
  };
}

/** Every queue of the app, each DLQ before the queue that redrives into it. */
function createQueues(w: Wiring): void {
  const { addresses, clock, trace } = w;
  for (const q of w.app.queues) {
    const config = (name: string, over: Partial<QueueConfig>): QueueConfig => ({
      name,
      physicalName: addresses.queueName(name),
      url: addresses.queueUrl(name),
      arn: addresses.queueArn(name),
      fifo: q.fifo,
      contentBasedDeduplication: q.fifo,
      visibilityTimeoutSeconds: q.visibilityTimeout,
      retentionSeconds: q.retentionSeconds,
      delaySeconds: q.delaySeconds,
      ...over,
    });
    let redrive: QueueConfig['redrive'];
    if (q.dlq) {
      const dlq = new LocalQueue(config(q.dlq.name, { visibilityTimeoutSeconds: 30, retentionSeconds: 14 * 86400, delaySeconds: 0 }), clock, trace);
      w.queues.set(q.dlq.name, dlq);
      redrive = { deadLetter: dlq, maxReceives: q.dlq.maxReceives };
    }
    w.queues.set(q.name, new LocalQueue(config(q.name, { redrive, contract: messageContract(w.app, 'queue', q.name) }), clock, trace));
  }
  // queues sharing a declared dead-letter queue, once every queue exists
  for (const q of w.app.queues) {
    const target = q.redrive && w.queues.get(q.redrive.queue);
    if (target) w.queues.get(q.name)!.config.redrive = { deadLetter: target, maxReceives: q.redrive!.maxReceives };
  }
}

/** Where rules deliver: functions, queues, topics, workflows, buses, and a target's dead-letter queue. */
function busSinks(w: Wiring): TargetSinks {
  const destinations = new ApiDestinations({ connections: w.app.connections, trace: w.trace, secretsFile: w.secretsFile });
  return {
    http: (rule, target, body) => destinations.call(rule, target, body),
    function: (name, payload, trigger) => void w.functions.invokeAsync(name, payload, { trigger }),
    queue: (name, body, groupId) => {
      const q = w.queue(name);
      if (!q) throw new Error(`queue ${name} does not exist`);
      q.send({ body, groupId: q.config.fifo ? groupId : undefined });
    },
    topic: (name, message) => {
      const t = w.topic(name);
      if (!t) throw new Error(`topic ${name} does not exist`);
      t.publish({ message, groupId: t.model.fifo ? name : undefined });
    },
    workflow: async (name, input) => w.workflows.start(name, input),
    bus: (name, event) => w.buses.route(name, event),
    deadLetter: (name, event, error, rule, target) => {
      w.queue(name)?.send({
        body: JSON.stringify(event),
        attributes: {
          RULE_ARN: { DataType: 'String', StringValue: w.addresses.ruleArn(rule.name, rule.bus) },
          TARGET_ARN: { DataType: 'String', StringValue: `${target.kind}:${target.name}` },
          ERROR_CODE: { DataType: 'String', StringValue: error.type },
          ERROR_MESSAGE: { DataType: 'String', StringValue: error.message.slice(0, 1000) },
        },
      });
    },
  };
}

/** A stream trigger for one function, fed by its table's stream; discarded batches go to its on-failure queue. */
function streamTrigger(w: Wiring, fn: FunctionModel, t: Extract<TriggerModel, { type: 'stream' }>): StreamTrigger {
  const { addresses, functions, clock, trace } = w;
  const trigger = new StreamTrigger({
    table: t.table,
    streamArn: addresses.streamArn(t.table),
    function: fn.name,
    functionArn: addresses.functionArn(fn.name),
    batchSize: t.batchSize,
    batchWindow: t.batchWindow,
    maxRetries: t.maxRetries,
    functions,
    clock,
    trace,
    filters: t.filters,
    onDiscard: (info) => {
      if (!fn.onFailure) return undefined;
      if (fn.onFailure.kind === 'queue') w.queue(fn.onFailure.name)?.send({ body: JSON.stringify(info) });
      else if (fn.onFailure.kind === 'topic') w.topic(fn.onFailure.name)?.publish({ message: JSON.stringify(info) });
      return fn.onFailure.name;
    },
  });
  const off = w.tables.onStream(t.table, (record) => trigger.push(record));
  w.cleanups.push(() => void off());
  return trigger;
}

/** Queue pollers, stream triggers and schedules. */
function startTriggers(w: Wiring): void {
  const { addresses, functions, clock, trace } = w;
  const queueTriggers: QueueTrigger[] = [];
  const streamTriggers: StreamTrigger[] = [];
  for (const fn of w.app.functions) {
    for (const t of fn.triggers) {
      if (t.type === 'queue') {
        const q = w.queue(t.queue);
        if (!q) continue;
        queueTriggers.push(
          new QueueTrigger({ queue: q, function: fn.name, batchSize: t.batchSize, batchWindow: t.batchWindow, maxConcurrency: t.maxConcurrency, filters: t.filters, functions, clock, trace, region: addresses.region }),
        );
      } else if (t.type === 'stream') streamTriggers.push(streamTrigger(w, fn, t));
    }
  }
  for (const t of queueTriggers) t.start();
  w.buses.startSchedules();
  const pipes = startPipes(w);
  w.schedules.start();
  // stopping a trigger does not wait for its batch: the workers are ended right after
  w.cleanups.push(() => {
    for (const t of [...queueTriggers, ...streamTriggers, ...pipes]) void t.stop();
  });
}

/** Every enabled pipe, polling its queue or following its table's stream. */
function startPipes(w: Wiring): LocalPipe[] {
  const deps = { addresses: w.addresses, functions: w.functions, workflows: () => w.workflows, queue: w.queue, topic: w.topic, buses: () => w.buses, trace: w.trace, clock: w.clock, onStream: (table: string, listener: Parameters<LocalTables['onStream']>[1]) => w.tables.onStream(table, listener) };
  const pipes = w.app.pipes.flatMap((p) => localPipe(p, deps) ?? []);
  for (const p of pipes) p.start();
  return pipes;
}

export async function startLocal(options: LocalOptions): Promise<LocalRuntime> {
  const { app, cwd } = options;
  const clock = options.clock ?? realClock;
  const trace = options.trace ?? new Trace(() => clock.now());
  const stateDir = options.stateDir ?? join(cwd, '.eda', 'dev');
  const endpoints: Endpoints = { services: 'http://127.0.0.1:0', apis: {} };
  const secretsFile = options.secretsFile ?? join(cwd, '.eda', 'secrets.json');
  const values = new LocalValues(app, { ssmFile: options.ssmFile ?? join(cwd, '.eda', 'ssm.json'), secretsFile });
  values.checkResolvable(modelValues(app));
  const addresses = new Addresses(app, endpoints, values);
  const queues = new Map<string, LocalQueue>();
  const topics = new Map<string, LocalTopic>();
  const closing = new AbortController();
  // functions, buses, workflows and tables are assigned as startParts starts them
  const wiring: Omit<Wiring, 'functions' | 'buses' | 'workflows' | 'tables' | 'buckets' | 'schedules'> = {
    app,
    cwd,
    stateDir,
    addresses,
    clock,
    trace,
    queues,
    topics,
    queue: (name: string) => queues.get(name),
    topic: (name: string) => topics.get(name),
    secretsFile,
    closing: closing.signal,
    cleanups: [],
  };
  const w = wiring as Wiring;
  const services = servicesServer(w);
  const stopAll = async () => {
    closing.abort();
    for (const c of w.cleanups.reverse()) await c();
  };

  try {
    endpoints.services = await services.listen(options.servicesPort ?? 0);
    w.cleanups.push(() => services.close());
    const { bundles, first } = await startParts(w, options);

    if (options.triggers !== false) startTriggers(w);

    let authInfo: LocalRuntime['auth'];
    if (options.http !== false && app.apis.length) {
      const direct = { addresses, queue: w.queue, buses: () => w.buses, workflows: () => w.workflows, tables: () => w.tables };
      const jwt = new JwtVerifier(options.jwks ?? process.env.EDA_DEV_JWKS, cwd);
      const apiKey = options.apiKey ?? devApiKey();
      const auth = new LocalAuth({ functions: w.functions, addresses, trace, now: () => clock.now(), jwt, apiKey });
      authInfo = {
        apiKey: app.apis.some((a) => a.apiKeys) ? apiKey : undefined,
        jwtKeys: app.apis.some((a) => a.authorizers?.some((z) => z.type === 'jwt' || z.type === 'cognito')) ? jwt.describe() : undefined,
      };
      const http = new HttpApis({ apis: app.apis, functions: w.functions, addresses, trace, now: () => clock.now(), auth, direct });
      endpoints.apis = await http.listen(options.port ?? 3000);
      w.cleanups.push(() => http.close());
    }
    if (options.http !== false) await listenWebSocketsAndUrls(w, options.port ?? 3000, endpoints);

    if (options.watch !== false) bundles.watch();
    if (options.prewarm) void w.functions.prewarm().catch(() => undefined);

    let stopped: Promise<void> | undefined;
    return {
      app,
      addresses,
      trace,
      clock,
      endpoints,
      functions: w.functions,
      buses: w.buses,
      workflows: w.workflows,
      tables: w.tables,
      buckets: w.buckets,
      schedules: w.schedules,
      queue: w.queue,
      topic: w.topic,
      build: { ms: first.ms, error: first.error },
      auth: authInfo,
      invoke: (name, event, trigger = 'eda invoke') => w.functions.invoke(name, event, { trigger }),
      stop: () => (stopped ??= stopAll()),
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** Handler bundles, functions, queues, buses, topics, tables and workflows, in that order; then the first build. */
async function startParts(w: Wiring, options: LocalOptions): Promise<{ bundles: HandlerBundles; first: RebuildReport }> {
  const { app, cwd, stateDir, addresses, clock, trace } = w;
  const bundles = new HandlerBundles(cwd, app.functions, join(stateDir, 'handlers'), (report) => {
    if (report.error) trace.emit({ kind: 'reload', functions: [], ms: report.ms, error: report.error });
    else if (report.changed.length) {
      trace.emit({ kind: 'reload', functions: report.changed, ms: report.ms });
      if (options.prewarm) void w.functions?.prewarm(report.changed).catch(() => undefined);
    }
  });
  w.cleanups.push(() => bundles.close());

  w.functions = new Functions({
    functions: app.functions,
    addresses,
    bundles,
    trace,
    clock,
    environment: (fn: FunctionModel) => functionEnvironment(fn, addresses, { cwd, stateDir }),
    cwd,
    maxConcurrency: options.maxConcurrency,
    asyncRetryDelaysMs: options.asyncRetryDelaysMs,
    ...asyncDestinations(w),
  });
  w.cleanups.push(() => w.functions.close());

  createQueues(w);
  w.cleanups.push(() => {
    for (const q of w.queues.values()) q.close();
  });

  w.buses = new EventBuses({ app, addresses, trace, clock, sinks: busSinks(w) });
  w.cleanups.push(() => w.buses.stop());

  const deadLetter = (queue: string, body: string, attributes: Record<string, string>) =>
    w.queue(queue)?.send({ body, attributes: Object.fromEntries(Object.entries(attributes).map(([k, v]) => [k, { DataType: 'String', StringValue: v }])) });
  w.schedules = new LocalSchedules({ app, addresses, trace, clock, sinks: busSinks(w), deadLetter });
  w.cleanups.push(() => w.schedules.stop());

  for (const t of app.topics) w.topics.set(t.name, new LocalTopic(t, { addresses, functions: w.functions, queue: w.queue, trace, clock, contract: messageContract(app, 'topic', t.name) }));

  w.buckets = new LocalBuckets({ app, addresses, clock, trace, emit: (event) => w.buses.route('default', event) });

  w.tables = new LocalTables(app, addresses, trace, clock);
  await w.tables.start();
  w.cleanups.push(() => w.tables.close());

  w.workflows = new Workflows({ app, addresses, trace, clock, functions: w.functions, queue: w.queue, topic: w.topic, buses: () => w.buses, tables: () => w.tables, buckets: () => w.buckets });
  w.cleanups.push(() => w.workflows.close());

  // a missing or older local Python is said once, at start; its functions' invocations fail
  for (const message of pythonWarnings(app.functions.map((f) => f.runtime))) trace.emit({ kind: 'warn', message });
  const first = await bundles.build();
  if (first.error) trace.emit({ kind: 'reload', functions: [], ms: first.ms, error: first.error });
  return { bundles, first };
}

/** WebSocket APIs, then function URLs, on the ports after the HTTP APIs' (any free port when `port` is 0). */
async function listenWebSocketsAndUrls(w: Wiring, port: number, endpoints: Endpoints): Promise<void> {
  const { app, addresses, trace, clock } = w;
  const after = () => (port === 0 ? 0 : Math.max(port - 1, ...Object.values(endpoints.apis).map((u) => Number(new URL(u).port))) + 1);
  if (app.websocketApis.length) {
    const websockets = new WebSocketApis({ apis: app.websocketApis, functions: w.functions, addresses, trace, now: () => clock.now() });
    Object.assign(endpoints.apis, await websockets.listen(after()));
    w.websockets = websockets;
    w.cleanups.push(() => websockets.close());
  }
  if (app.functions.some((f) => f.url)) {
    const urls = new FunctionUrls({ functions: app.functions, invoker: w.functions, addresses, trace, now: () => clock.now() });
    endpoints.functionUrls = await urls.listen(after());
    w.cleanups.push(() => urls.close());
  }
}
