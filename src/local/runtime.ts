// The local runtime: every resource of the App model running in this process — handlers
// in worker threads, the APIs on loopback, queues, topics, buses and rules, schedules,
// workflows, tables with streams — plus the AWS API endpoints handlers' SDK calls reach.
import { join } from 'node:path';
import type { App, FunctionModel } from '../model/types.js';
import { Addresses, type Endpoints } from './addresses.js';
import { handleEvents } from './aws/events.js';
import { handleLambda } from './aws/lambda.js';
import { ServicesServer } from './aws/server.js';
import { handleSfn } from './aws/sfn.js';
import { handleSns } from './aws/sns.js';
import { handleSecrets } from './aws/secrets.js';
import { handleSqs } from './aws/sqs.js';
import { HandlerBundles } from './bundler.js';
import { EventBuses } from './bus.js';
import { realClock, type TimerClock } from './clock.js';
import { functionEnvironment } from './env.js';
import { Functions, type InvokeResult } from './functions.js';
import { HttpApis } from './http.js';
import { QueueTrigger } from './queue-triggers.js';
import { LocalQueue, type QueueConfig } from './queues.js';
import { StreamTrigger } from './stream-triggers.js';
import { LocalTables } from './tables.js';
import { LocalTopic } from './topics.js';
import { Trace } from './trace.js';
import { Workflows } from './workflows.js';

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
  queue(name: string): LocalQueue | undefined;
  topic(name: string): LocalTopic | undefined;
  /** Runs one handler once (RequestResponse). */
  invoke(name: string, event: unknown, trigger?: string): Promise<InvokeResult>;
  /** The first handler build (errors included). */
  build: { ms: number; error?: string };
  stop(): Promise<void>;
}

export async function startLocal(options: LocalOptions): Promise<LocalRuntime> {
  const { app, cwd } = options;
  const clock = options.clock ?? realClock;
  const trace = options.trace ?? new Trace(() => clock.now());
  const stateDir = options.stateDir ?? join(cwd, '.eda', 'dev');
  const endpoints: Endpoints = { services: 'http://127.0.0.1:0', apis: {} };
  const addresses = new Addresses(app, endpoints);
  const queues = new Map<string, LocalQueue>();
  const queue = (name: string) => queues.get(name);
  const topics = new Map<string, LocalTopic>();
  const topic = (name: string) => topics.get(name);
  // assigned below; the services server only calls these after startLocal resolves
  let functions!: Functions;
  let buses!: EventBuses;
  let workflows!: Workflows;
  let tables!: LocalTables;
  const services = new ServicesServer({
    dynamodb: async (action, body) => {
      const r = await tables.handle(action, body.toString('utf8'));
      return { status: r.status, headers: { 'content-type': 'application/x-amz-json-1.0', ...r.headers }, body: r.body };
    },
    sqs: (req) => handleSqs({ addresses, clock, queue, queues: () => [...queues.values()], signal: closing.signal }, req),
    sns: (req) => handleSns({ addresses, topic, topics: () => [...topics.values()] }, req),
    events: (req) => handleEvents({ app, addresses, buses: () => buses }, req),
    sfn: (req) => handleSfn({ addresses, workflows: () => workflows }, req),
    lambda: (req) => handleLambda({ addresses, functions }, req),
    secrets: (req) => handleSecrets({ addresses, file: options.secretsFile ?? join(cwd, '.eda', 'secrets.json') }, req),
  });
  const closing = new AbortController();
  const cleanups: (() => Promise<void> | void)[] = [];
  const stopAll = async () => {
    closing.abort();
    for (const c of cleanups.reverse()) await c();
  };

  try {
    endpoints.services = await services.listen(options.servicesPort ?? 0);
    cleanups.push(() => services.close());

    const bundles = new HandlerBundles(cwd, app.functions, join(stateDir, 'handlers'), (report) => {
      if (report.error) trace.emit({ kind: 'reload', functions: [], ms: report.ms, error: report.error });
      else if (report.changed.length) {
        trace.emit({ kind: 'reload', functions: report.changed, ms: report.ms });
        if (options.prewarm) void functions?.prewarm(report.changed).catch(() => undefined);
      }
    });
    cleanups.push(() => bundles.close());

    functions = new Functions({
      functions: app.functions,
      addresses,
      bundles,
      trace,
      clock,
      environment: (fn: FunctionModel) => functionEnvironment(fn, addresses, { cwd, stateDir }),
      maxConcurrency: options.maxConcurrency,
      asyncRetryDelaysMs: options.asyncRetryDelaysMs,
      // the on-failure destination synth configures (EventInvokeConfig) gets an invocation record
      onAsyncFailure: async (fn, event, error, requestId, attempts) => {
        if (!fn.onFailure) return undefined;
        const q = queue(fn.onFailure.queue);
        q?.send({
          body: JSON.stringify({
            version: '1.0',
            timestamp: new Date(clock.now()).toISOString(),
            requestContext: { requestId, functionArn: `${addresses.functionArn(fn.name)}:$LATEST`, condition: 'RetriesExhausted', approximateInvokeCount: attempts },
            requestPayload: event,
            responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
            responsePayload: { errorType: error.errorType, errorMessage: error.errorMessage, ...(error.trace ? { trace: error.trace } : {}) },
          }),
        });
        return q ? `queue ${fn.onFailure.queue}` : undefined;
      },
    });
    cleanups.push(() => functions.close());

    // queues: each DLQ before the queue that redrives into it
    for (const q of app.queues) {
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
        queues.set(q.dlq.name, dlq);
        redrive = { deadLetter: dlq, maxReceives: q.dlq.maxReceives };
      }
      queues.set(q.name, new LocalQueue(config(q.name, { redrive }), clock, trace));
    }
    cleanups.push(() => {
      for (const q of queues.values()) q.close();
    });

    buses = new EventBuses({
      app,
      addresses,
      trace,
      clock,
      sinks: {
        function: (name, payload, trigger) => void functions.invokeAsync(name, payload, { trigger }),
        queue: (name, body, groupId) => {
          const q = queue(name);
          if (!q) throw new Error(`queue ${name} does not exist`);
          q.send({ body, groupId: q.config.fifo ? groupId : undefined });
        },
        topic: (name, message) => {
          const t = topic(name);
          if (!t) throw new Error(`topic ${name} does not exist`);
          t.publish({ message, groupId: t.model.fifo ? name : undefined });
        },
        workflow: async (name, input) => workflows.start(name, input),
        bus: (name, event) => buses.route(name, event),
        deadLetter: (name, event, error, rule, target) => {
          queue(name)?.send({
            body: JSON.stringify(event),
            attributes: {
              RULE_ARN: { DataType: 'String', StringValue: addresses.ruleArn(rule.name, rule.bus) },
              TARGET_ARN: { DataType: 'String', StringValue: `${target.kind}:${target.name}` },
              ERROR_CODE: { DataType: 'String', StringValue: error.type },
              ERROR_MESSAGE: { DataType: 'String', StringValue: error.message.slice(0, 1000) },
            },
          });
        },
      },
    });
    cleanups.push(() => buses.stop());

    for (const t of app.topics) topics.set(t.name, new LocalTopic(t, { addresses, functions, queue, trace, clock }));

    tables = new LocalTables(app, addresses, trace, clock);
    await tables.start();
    cleanups.push(() => tables.close());

    workflows = new Workflows({ app, addresses, trace, clock, functions, queue, topic, buses: () => buses, tables: () => tables });
    cleanups.push(() => workflows.close());

    const first = await bundles.build();
    if (first.error) trace.emit({ kind: 'reload', functions: [], ms: first.ms, error: first.error });

    if (options.triggers !== false) {
      const queueTriggers: QueueTrigger[] = [];
      const streamTriggers: StreamTrigger[] = [];
      for (const fn of app.functions) {
        for (const t of fn.triggers) {
          if (t.type === 'queue') {
            const q = queue(t.queue);
            if (!q) continue;
            queueTriggers.push(
              new QueueTrigger({ queue: q, function: fn.name, batchSize: t.batchSize, batchWindow: t.batchWindow, maxConcurrency: t.maxConcurrency, functions, clock, trace, region: addresses.region }),
            );
          } else if (t.type === 'stream') {
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
              onDiscard: (info) => {
                if (!fn.onFailure) return undefined;
                queue(fn.onFailure.queue)?.send({ body: JSON.stringify(info) });
                return fn.onFailure.queue;
              },
            });
            streamTriggers.push(trigger);
            const off = tables.onStream(t.table, (record) => trigger.push(record));
            cleanups.push(() => void off());
          }
        }
      }
      for (const t of queueTriggers) t.start();
      buses.startSchedules();
      // stopping a trigger does not wait for its batch: the workers are ended right after
      cleanups.push(() => {
        for (const t of [...queueTriggers, ...streamTriggers]) void t.stop();
      });
    }

    if (options.http !== false && app.apis.length) {
      const http = new HttpApis({ apis: app.apis, functions, addresses, trace, now: () => clock.now() });
      endpoints.apis = await http.listen(options.port ?? 3000);
      cleanups.push(() => http.close());
    }

    if (options.watch !== false) bundles.watch();
    if (options.prewarm) void functions.prewarm().catch(() => undefined);

    let stopped: Promise<void> | undefined;
    return {
      app,
      addresses,
      trace,
      clock,
      endpoints,
      functions,
      buses,
      workflows,
      tables,
      queue,
      topic,
      build: { ms: first.ms, error: first.error },
      invoke: (name, event, trigger = 'eda invoke') => functions.invoke(name, event, { trigger }),
      stop: () => (stopped ??= stopAll()),
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
