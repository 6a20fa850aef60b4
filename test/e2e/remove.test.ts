// eda remove as a user runs it: add-then-remove gives back the very same bytes; what is still
// used is refused with the list of who uses it; handler files stay.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { lineChanges } from '../../src/manifest/edit.js';
import { eda } from '../support/cli.js';
import { ensureBuilt } from '../scaffold/support/built.js';
import { oddManifest, oddProject, snapshot } from '../scaffold/support/odd.js';

const read = (dir: string, file: string) => readFileSync(path.join(dir, file), 'utf8');

beforeAll(async () => {
  await ensureBuilt();
}, 180_000);

describe('eda add then eda remove: app.yaml byte for byte as before', () => {
  const roundTrips: [string, string[], string[]][] = [
    ['queue (flow section)', ['queue', 'refunds', '--fifo'], ['queue', 'refunds']],
    ['function (four-space section)', ['function', 'worker', '--trigger', 'queue:payments'], ['function', 'worker']],
    ['table', ['table', 'customers', '--sort-key', 'createdAt:number'], ['table', 'customers']],
    ['route (flow list)', ['route', 'PUT /orders/{id}', '--function', 'getOrder'], ['route', 'PUT /orders/{id}']],
    ['route (block list)', ['route', 'GET /orders', '--function', 'createOrder'], ['route', 'GET /orders']],
    ['bus', ['bus', 'analytics'], ['bus', 'analytics']],
    ['rule', ['rule', 'placed', '--pattern', '{"detail-type":["OrderPlaced"]}', '--target', 'function:createOrder'], ['rule', 'placed']],
    ['scheduled rule', ['rule', 'hourly', '--expression', 'rate(1 hour)', '--target', 'function:getOrder'], ['rule', 'hourly']],
  ];

  it.each(roundTrips)('%s', async (_what, add, remove) => {
    const dir = await oddProject();
    const templateBefore = read(dir, 'template.yaml');
    const added = await eda(['add', ...add], { cwd: dir });
    expect(added.exitCode, added.stderr).toBe(0);
    expect(read(dir, 'app.yaml')).not.toBe(oddManifest);
    const removed = await eda(['remove', ...remove, '--yes'], { cwd: dir });
    expect(removed.exitCode, removed.stderr).toBe(0);
    expect(read(dir, 'app.yaml')).toBe(oddManifest);
    expect(read(dir, 'template.yaml')).toBe(templateBefore);
  });

  it.each([
    ['workflow', ['workflow', 'fulfil', '--task', 'getOrder'], 'workflows'],
    ['api', ['api', 'public', '--cors'], 'apis'],
    ['schedule', ['schedule', 'hourly', '--expression', 'rate(1 hour)', '--target', 'function:getOrder'], 'schedules'],
    ['bucket', ['bucket', 'uploads', '--versioning'], 'buckets'],
  ])('%s in a section that did not exist: the section stays, empty', async (kind, add, section) => {
    const dir = await oddProject();
    expect((await eda(['add', ...add], { cwd: dir })).exitCode).toBe(0);
    const removed = await eda(['remove', kind, add[1]!], { cwd: dir });
    expect(removed.exitCode, removed.stderr).toBe(0);
    const change = lineChanges(oddManifest, read(dir, 'app.yaml'));
    expect(change.removed).toEqual([]);
    expect(change.added.filter(Boolean)).toEqual([`${section}: {}`]);
  });

  it('topic and subscription: back to `topics: {}`', async () => {
    const dir = await oddProject();
    expect((await eda(['add', 'topic', 'events'], { cwd: dir })).exitCode).toBe(0);
    const withTopic = read(dir, 'app.yaml');
    expect((await eda(['add', 'subscription', 'events', '--email', 'ops@example.com'], { cwd: dir })).exitCode).toBe(0);
    expect((await eda(['add', 'subscription', 'events', '--function', 'getOrder'], { cwd: dir })).exitCode).toBe(0);
    const fn = await eda(['remove', 'subscription', 'events', '--function', 'getOrder'], { cwd: dir });
    expect(fn.exitCode, fn.stderr).toBe(0);
    const email = await eda(['remove', 'subscription', 'events', '--email', 'ops@example.com'], { cwd: dir });
    expect(email.exitCode, email.stderr).toBe(0);
    // The emptied list stays as `subscriptions: []`; removing the topic restores the file.
    const change = lineChanges(withTopic, read(dir, 'app.yaml'));
    expect(change.removed).toEqual(['  events: {}']);
    expect(change.added).toEqual(['  events:', '    subscriptions: []']);
    expect((await eda(['remove', 'topic', 'events'], { cwd: dir })).exitCode).toBe(0);
    expect(read(dir, 'app.yaml')).toBe(oddManifest);
  });
});

describe('eda remove refuses what is still used', () => {
  it('lists every referrer, exits 1 and changes nothing', async () => {
    const dir = await oddProject();
    const before = snapshot(dir);
    const table = await eda(['remove', 'table', 'orders', '--yes'], { cwd: dir });
    expect(table.exitCode).toBe(1);
    expect(table.stderr).toContain('table orders is still used by');
    expect(table.stderr).toContain('functions.createOrder.uses[0]');
    expect(table.stderr).toContain('functions.getOrder.uses[0]');
    const fn = await eda(['remove', 'function', 'getOrder'], { cwd: dir });
    expect(fn.exitCode).toBe(1);
    expect(fn.stderr).toContain('rules.nightly.targets[0]');
    const bus = await eda(['remove', 'bus', 'orders'], { cwd: dir });
    expect(bus.exitCode).toBe(1);
    expect(bus.stderr).toContain('functions.createOrder.uses[1]');
    expect(snapshot(dir)).toEqual(before);
  });

  it('refuses an unknown name with a suggestion', async () => {
    const dir = await oddProject();
    const run = await eda(['remove', 'queue', 'paymnts'], { cwd: dir });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain("did you mean 'payments'");
    const schedule = await eda(['remove', 'schedule', 'nope'], { cwd: dir });
    expect(schedule.exitCode).toBe(1);
  });
});

describe('eda remove with a flag that does not apply', () => {
  it('is a usage error (exit 2) naming the flag; nothing changed', async () => {
    const dir = await oddProject();
    const before = snapshot(dir);
    const run = await eda(['remove', 'queue', 'payments', '--queue', 'payments'], { cwd: dir });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('--queue does not apply to eda remove queue');
    const api = await eda(['remove', 'function', 'createOrder', '--api', 'public', '--yes'], { cwd: dir });
    expect(api.exitCode).toBe(2);
    expect(snapshot(dir)).toEqual(before);
  });
});

describe('eda remove function', () => {
  it('leaves its handler file in place and says so', async () => {
    const dir = await oddProject();
    // Nothing uses createOrder, so it can go.
    const before = read(dir, 'src/handlers/createOrder.ts');
    const run = await eda(['remove', 'function', 'createOrder', '--yes'], { cwd: dir });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toContain('Kept src/handlers/createOrder.ts');
    expect(read(dir, 'src/handlers/createOrder.ts')).toBe(before);
    const change = lineChanges(oddManifest, read(dir, 'app.yaml'));
    expect(change.added).toEqual([]);
    expect(change.removed).toEqual([
      '    # Four-space indentation in this section.',
      '    createOrder:',
      '        triggers:',
      '        -   http: POST /orders        # dash with extra spaces',
      '        uses: [ {table: orders}, {bus: orders} ]',
      '',
    ]);
    expect(read(dir, 'template.yaml')).not.toContain('CreateOrderFunction');
  });

  it('--dry-run prints the lines to remove and changes nothing', async () => {
    const dir = await oddProject();
    const before = snapshot(dir);
    const run = await eda(['remove', 'function', 'createOrder', '--dry-run'], { cwd: dir });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/UPDATE app\.yaml/);
    expect(run.stdout).toMatch(/- {5}createOrder:/);
    expect(run.stdout).toContain('nothing was written');
    expect(snapshot(dir)).toEqual(before);
    expect(existsSync(path.join(dir, 'src/handlers/createOrder.ts'))).toBe(true);
  });

  it('is atomic too', async () => {
    const dir = await oddProject();
    const before = snapshot(dir);
    const run = await eda(['remove', 'function', 'createOrder'], { cwd: dir, env: { EDA_TEST_FAIL_AFTER_WRITES: '1' } });
    expect(run.exitCode).toBe(1);
    expect(snapshot(dir)).toEqual(before);
  });
});
