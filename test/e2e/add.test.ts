// eda add as a user runs it, on an app.yaml full of comments and odd formatting: the file
// changes only by the added lines, the template follows, refusals change nothing, and a
// failure while writing leaves every file as it was.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { lambdaRetry } from '../../src/manifest/asl.js';
import { lineChanges } from '../../src/manifest/edit.js';
import { eda, tempProject } from '../support/cli.js';
import { ensureBuilt } from '../scaffold/support/built.js';
import { oddManifest, oddProject, snapshot } from '../scaffold/support/odd.js';

const read = (dir: string, file: string) => readFileSync(path.join(dir, file), 'utf8');

/** The new app.yaml is the old one plus `added` lines, in one place: nothing else moved. */
function expectOnlyAdded(before: string, after: string): string[] {
  const change = lineChanges(before, after);
  expect(change.removed).toEqual([]);
  expect(change.added.length).toBeGreaterThan(0);
  return change.added;
}

beforeAll(async () => {
  await ensureBuilt();
}, 180_000);

describe('eda add, by flags, on a hand-written app.yaml', () => {
  it('queue: into a flow-style section, in the file’s own flow style, on its line', async () => {
    const dir = await oddProject();
    const run = await eda(['add', 'queue', 'refunds', '--fifo', '--dlq-max-receives', '5'], { cwd: dir });
    expect(run.exitCode, run.stderr).toBe(0);
    const after = read(dir, 'app.yaml');
    expect(after).toBe(
      oddManifest.replace('queues: {payments: {dlq: {maxReceives: 3}}}', 'queues: {payments: {dlq: {maxReceives: 3}}, refunds: {fifo: true, dlq: {maxReceives: 5}}}'),
    );
    expect(parse(read(dir, 'template.yaml')).Resources.RefundsQueue.Properties.FifoQueue).toBe(true);
  });

  it('function: keeps the four-space section style, creates a stub typed for its queue trigger', async () => {
    const dir = await oddProject();
    const templateBefore = read(dir, 'template.yaml');
    const run = await eda(['add', 'function', 'refundWorker', '--trigger', 'queue:payments', '--uses', 'table:orders:write'], { cwd: dir });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/CREATE src\/handlers\/refundWorker\.ts/);
    expect(run.stdout).toMatch(/UPDATE app\.yaml/);
    const after = read(dir, 'app.yaml');
    const added = expectOnlyAdded(oddManifest, after);
    expect(added.filter(Boolean)[0]).toBe('    refundWorker:');
    expect(added.filter(Boolean)[1]).toBe('        uses:');
    expect(parse(after).functions.refundWorker).toEqual({ uses: [{ table: 'orders', access: 'write' }], triggers: [{ queue: 'payments' }] });
    expect(read(dir, 'src/handlers/refundWorker.ts')).toContain('SQSEvent');
    expect(read(dir, 'template.yaml')).not.toBe(templateBefore);
    expect(read(dir, 'template.yaml')).toContain('RefundWorkerFunction');
  });

  it('route: appends to a flow list on the function’s own line', async () => {
    const dir = await oddProject();
    const run = await eda(['add', 'route', 'DELETE /orders/{id}', '--function', 'getOrder'], { cwd: dir });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(read(dir, 'app.yaml')).toBe(
      oddManifest.replace(
        "    getOrder: {triggers: [{http: 'GET /orders/{id}'}], uses",
        "    getOrder: {triggers: [{http: 'GET /orders/{id}'}, {http: \"DELETE /orders/{id}\"}], uses",
      ),
    );
  });

  it('route: appends to a block list with odd dashes', async () => {
    const dir = await oddProject();
    const run = await eda(['add', 'route', 'get /orders', '--function', 'createOrder'], { cwd: dir });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(expectOnlyAdded(oddManifest, read(dir, 'app.yaml'))).toEqual(['        - http: GET /orders']);
  });

  it('table, bus, rule, schedule, workflow, api: each adds only its own lines', async () => {
    const dir = await oddProject();
    const steps: [string[], (doc: Record<string, any>) => unknown, unknown][] = [
      [['table', 'customers', '--partition-key', 'id', '--sort-key', 'createdAt:number', '--stream', 'newAndOld'], (d) => d.tables.customers, { partitionKey: 'id', sortKey: 'createdAt:number', stream: 'newAndOld' }],
      [['bus', 'analytics', '--archive', '7'], (d) => d.buses.analytics, { archive: 7 }],
      [
        ['rule', 'order-placed', '--bus', 'orders', '--pattern', '{"detail-type":["OrderPlaced"]}', '--target', 'function:createOrder'],
        (d) => d.rules['order-placed'],
        { bus: 'orders', pattern: { 'detail-type': ['OrderPlaced'] }, targets: [{ function: 'createOrder' }] },
      ],
      [['schedule', 'cleanup', '--expression', 'cron(0 2 * * ? *)', '--timezone', 'Europe/Paris', '--target', 'function:getOrder'], (d) => d.schedules.cleanup, { expression: 'cron(0 2 * * ? *)', timezone: 'Europe/Paris', target: { function: 'getOrder' } }],
      [['rule', 'hourly', '--expression', 'rate(1 hour)', '--target', 'function:getOrder'], (d) => d.rules.hourly, { schedule: 'rate(1 hour)', targets: [{ function: 'getOrder' }] }],
      [['bucket', 'uploads', '--versioning'], (d) => d.buckets.uploads, { versioning: true }],
      [
        ['workflow', 'fulfil', '--task', 'createOrder', '--task', 'getOrder'],
        (d) => d.workflows.fulfil.definition,
        { StartAt: 'CreateOrder', States: { CreateOrder: { Type: 'Task', Resource: 'createOrder', Retry: lambdaRetry(), Next: 'GetOrder' }, GetOrder: { Type: 'Task', Resource: 'getOrder', Retry: lambdaRetry(), End: true } } },
      ],
      [['api', 'public', '--cors'], (d) => d.apis.public, { cors: true }],
    ];
    for (const [args, pick, expected] of steps) {
      const before = read(dir, 'app.yaml');
      const run = await eda(['add', ...args], { cwd: dir });
      expect(run.exitCode, `${args.join(' ')}\n${run.stderr}`).toBe(0);
      const after = read(dir, 'app.yaml');
      expectOnlyAdded(before, after);
      expect(pick(parse(after))).toEqual(expected);
    }
    const template = parse(read(dir, 'template.yaml'));
    for (const id of ['CustomersTable', 'AnalyticsBus', 'OrderPlacedRule', 'CleanupSchedule', 'SchedulesGroup', 'HourlyRule', 'UploadsBucket', 'UploadsBucketPolicy', 'FulfilStateMachine', 'PublicHttpApi']) expect(template.Resources[id], id).toBeDefined();
    // The file still has no trailing newline, and its last line is where it was.
    expect(read(dir, 'app.yaml').endsWith('outputs: {}')).toBe(true);
  });

  it('topic into an empty `{}` section, then a subscription to it', async () => {
    const dir = await oddProject();
    expect((await eda(['add', 'topic', 'order-events'], { cwd: dir })).exitCode).toBe(0);
    expect(read(dir, 'app.yaml')).toBe(oddManifest.replace('topics: {}\n', 'topics:\n  order-events: {}\n'));
    const sub = await eda(['add', 'subscription', 'order-events', '--queue', 'payments', '--raw', '--filter', '{"type":["placed"]}'], { cwd: dir });
    expect(sub.exitCode, sub.stderr).toBe(0);
    expect(parse(read(dir, 'app.yaml')).topics['order-events']).toEqual({ subscriptions: [{ queue: 'payments', raw: true, filter: { type: ['placed'] } }] });
    const fn = await eda(['add', 'subscription', 'order-events', '--function', 'createOrder'], { cwd: dir });
    expect(fn.exitCode, fn.stderr).toBe(0);
    expect(parse(read(dir, 'app.yaml')).functions.createOrder.triggers).toEqual([{ http: 'POST /orders' }, { topic: 'order-events' }]);
  });

  it('an HTTP function gets an API Gateway stub; an existing handler file is never overwritten', async () => {
    const dir = await oddProject();
    const http = await eda(['add', 'function', 'health', '--trigger', 'http:GET /health'], { cwd: dir });
    expect(http.exitCode, http.stderr).toBe(0);
    expect(read(dir, 'src/handlers/health.ts')).toContain('APIGatewayProxyEventV2');
    const mine = 'export const handler = async () => "mine";\n';
    writeFileSync(path.join(dir, 'src/handlers/audit.ts'), mine);
    const run = await eda(['add', 'function', 'audit', '--trigger', 'queue:payments'], { cwd: dir });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/SKIP\s+src\/handlers\/audit\.ts/);
    expect(read(dir, 'src/handlers/audit.ts')).toBe(mine);
  });
});

describe('eda add function --api', () => {
  it('puts its http triggers on that api; refused without an http trigger or with an unknown api', async () => {
    const dir = tempProject({ 'app.yaml': 'name: two\napis:\n  public: {}\n  admin: {}\nfunctions:\n  hello:\n    triggers:\n      - http: GET /hello\n        api: public\n' });
    const unknown = await eda(['add', 'function', 'stats', '--trigger', 'http:GET /stats', '--api', 'admn'], { cwd: dir });
    expect(unknown.exitCode).toBe(1);
    expect(unknown.stderr).toContain("did you mean 'admin'");
    const noHttp = await eda(['add', 'function', 'stats', '--trigger', 'schedule:rate(1 day)', '--api', 'admin'], { cwd: dir });
    expect(noHttp.exitCode).toBe(2);
    const run = await eda(['add', 'function', 'stats', '--trigger', 'http:GET /stats', '--api', 'admin'], { cwd: dir });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(parse(read(dir, 'app.yaml')).functions.stats).toEqual({ triggers: [{ http: 'GET /stats', api: 'admin' }] });
  });
});

describe('eda add function sharing a handler file', () => {
  it('lists the existing file once, as kept', async () => {
    const dir = await oddProject();
    const run = await eda(['add', 'function', 'createOrderAgain', '--handler', 'src/handlers/createOrder.ts', '--dry-run'], { cwd: dir });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout.match(/SKIP\s+src\/handlers\/createOrder\.ts/g)).toHaveLength(1);
  });
});

describe('eda add --dry-run', () => {
  it('prints the plan and the lines to add, and changes nothing', async () => {
    const dir = await oddProject();
    const before = snapshot(dir);
    const run = await eda(['add', 'function', 'worker', '--trigger', 'queue:payments', '--dry-run'], { cwd: dir });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/UPDATE app\.yaml/);
    expect(run.stdout).toMatch(/UPDATE template\.yaml/);
    expect(run.stdout).toMatch(/CREATE src\/handlers\/worker\.ts/);
    expect(run.stdout).toMatch(/\+ {5}worker:/);
    expect(run.stdout).toMatch(/\+ +- queue: payments/);
    expect(run.stdout).toContain('nothing was written');
    expect(snapshot(dir)).toEqual(before);
  });
});

describe('eda add refuses, exit 1, nothing changed', () => {
  const cases: [string, string[], RegExp][] = [
    ['a name that exists', ['queue', 'payments'], /already exists/],
    ['an invalid name', ['queue', 'Bad_Name'], /not a valid queue name/],
    ['a missing queue', ['function', 'f', '--trigger', 'queue:paymnts'], /no queue named 'paymnts'[\s\S]*did you mean 'payments'/],
    ['a missing table', ['function', 'f', '--uses', 'table:nope'], /no table named 'nope'/],
    ['a missing function', ['route', 'GET /x', '--function', 'nope'], /no function named 'nope'/],
    ['a missing target', ['rule', 'r', '--pattern', '{"source":["x"]}', '--target', 'workflow:nope'], /no workflow named 'nope'/],
    ['a route that exists', ['route', 'POST /orders', '--function', 'getOrder'], /already exists/],
    ['a change the compiler rejects', ['function', 'f', '--trigger', 'stream:orders'], /has no stream/],
  ];
  it.each(cases)('%s', async (_what, args, message) => {
    const dir = await oddProject();
    const before = snapshot(dir);
    const run = await eda(['add', ...args], { cwd: dir });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(message);
    expect(snapshot(dir)).toEqual(before);
  });

  it('without a terminal, names the missing flags (exit 2)', async () => {
    const dir = await oddProject();
    const run = await eda(['add', 'rule', 'r'], { cwd: dir });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('--pattern');
    expect(run.stderr).toContain('--target');
    const kind = await eda(['add', 'lambda', 'x'], { cwd: dir });
    expect(kind.exitCode).toBe(2);
  });

  it('a flag that does not apply to the kind is a usage error (exit 2) naming it, not silently dropped', async () => {
    const dir = await oddProject();
    const before = snapshot(dir);
    for (const [args, stray, takes] of [
      [['table', 'customers', '--fifo'], '--fifo', '--partition-key'],
      [['queue', 'refunds', '--pattern', '{"source":["x"]}'], '--pattern', '--dlq-max-receives'],
      [['route', 'GET /z', '--function', 'getOrder', '--trigger', 'queue:payments'], '--trigger', '--function'],
      [['schedule', 's', '--expression', 'rate(1 day)', '--target', 'function:getOrder', '--bus', 'orders'], '--bus', '--expression'],
      [['topic', 't', '--no-dlq'], '--no-dlq', '--fifo'],
    ] as const) {
      const run = await eda(['add', ...args], { cwd: dir });
      expect(run.exitCode, args.join(' ')).toBe(2);
      expect(run.stderr).toContain(`${stray} does not apply to eda add ${args[0]}`);
      expect(run.stderr).toContain(takes);
    }
    expect(snapshot(dir)).toEqual(before);
  });

  it('when app.yaml already has problems: says so, shows them, changes nothing', async () => {
    const dir = tempProject({ 'app.yaml': 'name: x\nfunctions:\n  f:\n    triggers:\n      - queue: missing\n' });
    const run = await eda(['add', 'queue', 'q'], { cwd: dir });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('already has problems');
    expect(run.stderr).toContain("queue 'missing'");
    expect(readFileSync(path.join(dir, 'app.yaml'), 'utf8')).toBe('name: x\nfunctions:\n  f:\n    triggers:\n      - queue: missing\n');
  });

  it('without app.yaml', async () => {
    const dir = tempProject({});
    const run = await eda(['add', 'queue', 'q'], { cwd: dir });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('no app.yaml');
  });
});

describe('eda add is atomic', { timeout: 180_000 }, () => {
  it('a failure part-way through writing leaves every file as it was', async () => {
    const dir = await oddProject();
    const before = snapshot(dir);
    for (const n of ['0', '1', '2']) {
      const run = await eda(['add', 'function', 'worker', '--trigger', 'queue:payments', '--uses', 'table:orders'], { cwd: dir, env: { EDA_TEST_FAIL_AFTER_WRITES: n } });
      expect(run.exitCode).toBe(1);
      expect(run.stderr).toContain('simulated failure');
      expect(snapshot(dir), `failing after ${n} writes`).toEqual(before);
    }
  });

  it('a real write error (src/handlers is a file, not a folder): refused, nothing changed', async () => {
    const dir = await oddProject();
    rmSync(path.join(dir, 'src', 'handlers'), { recursive: true });
    writeFileSync(path.join(dir, 'src', 'handlers'), 'not a folder\n');
    const before = snapshot(dir);
    const run = await eda(['add', 'function', 'worker', '--trigger', 'queue:payments'], { cwd: dir });
    expect(run.exitCode).toBe(1);
    expect(snapshot(dir)).toEqual(before);
  });
});
