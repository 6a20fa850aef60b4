// The handler stubs synth writes compile under strict TypeScript with @types/aws-lambda, each
// typed for its trigger, and the generated resources module exposes what `uses` grants.
import { execa } from 'execa';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eda, repoRoot } from '../support/cli.js';

const app = `name: stubs
apis:
  public: {}
  admin: { type: rest }
functions:
  httpFn: { uses: [{ table: items, access: read }, { secret: stripe-key }], triggers: [{ http: "GET /items/{id}", api: public }] }
  restFn: { triggers: [{ http: POST /admin, api: admin }] }
  queueFn: { uses: [{ queue: jobs }, { bus: events }, { bus: default }], triggers: [{ queue: jobs }] }
  topicFn: { uses: [{ topic: order-events }], triggers: [{ topic: order-events }] }
  eventFn: { uses: [{ workflow: flow }], triggers: [{ event: { bus: events, pattern: { source: [x] } } }] }
  scheduleFn: { uses: [{ function: plainFn }], triggers: [{ schedule: rate(1 hour) }] }
  streamFn: { triggers: [{ stream: items }] }
  bucketFn: { uses: [{ bucket: media, access: read }], triggers: [{ bucket: media, events: [created, removed] }] }
  taskFn: {}
  pipeFn: {}
  plainFn: {}
pipes:
  jobs-to-pipeFn:
    source: { queue: inbox }
    target: { function: pipeFn }
buckets:
  media: {}
tables:
  items: { partitionKey: id, stream: newAndOld }
queues:
  jobs: {}
  inbox: {}
topics:
  order-events: {}
buses:
  events: {}
workflows:
  flow:
    definition: { StartAt: T, States: { T: { Type: Task, Resource: taskFn, End: true } } }
`;

let dir: string;
beforeAll(async () => {
  // Inside the repo, so the compiler finds @types/aws-lambda in its node_modules.
  dir = mkdtempSync(path.join(repoRoot, '.tmp-stubs-'));
  writeFileSync(path.join(dir, 'app.yaml'), app);
  const run = await eda(['synth', '--cwd', dir]);
  expect(run.exitCode, run.stderr).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const stub = (name: string) => readFileSync(path.join(dir, 'src', 'handlers', `${name}.ts`), 'utf8');

describe('handler stubs', () => {
  it.each([
    ['httpFn', 'APIGatewayProxyEventV2'],
    ['restFn', 'APIGatewayProxyEvent,'],
    ['queueFn', 'SQSBatchResponse'],
    ['topicFn', 'SNSEvent'],
    ['eventFn', 'EventBridgeEvent'],
    ['scheduleFn', 'ScheduledEvent'],
    ['streamFn', 'DynamoDBBatchResponse'],
    ['bucketFn', 'S3ObjectCreatedNotificationEvent | S3ObjectDeletedNotificationEvent'],
    ['taskFn', 'TaskInput'],
    ['pipeFn', 'PipeBatchResponse'],
    ['plainFn', 'event: unknown'],
  ])('%s is typed with %s', (name, type) => {
    expect(stub(name)).toContain(type);
  });

  it('compile under strict TypeScript, together with the resources module', async () => {
    const files =['httpFn', 'restFn', 'queueFn', 'topicFn', 'eventFn', 'scheduleFn', 'streamFn', 'taskFn', 'pipeFn', 'plainFn'].map((n) => path.join(dir, 'src', 'handlers', `${n}.ts`), 'bucketFn');
    files.push(path.join(dir, 'src', 'generated', 'resources.ts'));
    const probe = path.join(dir, 'src', 'probe.ts');
    writeFileSync(
      probe,
      [
        "import { resources } from './generated/resources.js';",
        'export const names: string[] = [',
        "  resources.tables.items.name, resources.queues.jobs.url, resources.topics['order-events'].arn,",
        '  resources.buses.events.name, resources.buses.default.name, resources.workflows.flow.arn,',
        "  resources.functions.plainFn.name, resources.secrets['stripe-key'].id, resources.buckets.media.name,",
        '];',
      ].join('\n'),
    );
    const tsc = path.join(repoRoot, 'node_modules', '.bin', 'tsc');
    const r = await execa(tsc, ['--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--types', 'node,aws-lambda', '--skipLibCheck', ...files, probe], { reject: false, cwd: dir });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
  }, 120_000);

  it('the HTTP and REST stubs answer 400 with a message to a body that is not JSON, and 200 to JSON', async () => {
    type Res = { statusCode: number; body?: string };
    const load = async (name: string) => ((await import(path.join(dir, 'src', 'handlers', `${name}.ts`))) as { handler: (e: unknown) => Promise<Res> }).handler;
    for (const name of ['httpFn', 'restFn']) {
      const handler = await load(name);
      const bad = await handler({ routeKey: 'GET /items/{id}', httpMethod: 'POST', path: '/admin', body: '{not json', isBase64Encoded: false });
      expect(bad.statusCode, name).toBe(400);
      expect(JSON.parse(bad.body!)).toEqual({ error: 'the request body is not valid JSON' });
      const base64 = await handler({ body: Buffer.from('nope{').toString('base64'), isBase64Encoded: true });
      expect(base64.statusCode, name).toBe(400);
      const good = await handler({ body: Buffer.from('{"a":1}').toString('base64'), isBase64Encoded: true });
      expect(good.statusCode, name).toBe(200);
      expect(JSON.parse(good.body!).input).toEqual({ a: 1 });
    }
  });

  it('the resources module reads the environment, and says what to add to app.yaml when a variable is missing', async () => {
    const { resources } = (await import(path.join(dir, 'src', 'generated', 'resources.ts'))) as { resources: { tables: { items: { name: string } } } };
    delete process.env.ITEMS_TABLE_NAME;
    expect(() => resources.tables.items.name).toThrow("ITEMS_TABLE_NAME is not set: add `- table: items` to the function's uses in app.yaml");
    process.env.ITEMS_TABLE_NAME = 'stubs-dev-ItemsTable-1';
    try {
      expect(resources.tables.items.name).toBe('stubs-dev-ItemsTable-1');
    } finally {
      delete process.env.ITEMS_TABLE_NAME;
    }
  });
});
