// `eda add route` / `eda remove route` for a direct route: the entry under apis.<api>.routes,
// checked against what app.yaml declares, validated before anything is written.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { eda, tempProject } from '../support/cli.js';

const app = ['name: shop', 'apis:', '  ingest: {}', '  store: { type: rest }', 'queues:', '  orders: {}', '  payments: { fifo: true }', 'tables:', '  orders: { partitionKey: id }', 'functions:', '  worker:', '    triggers: [{ queue: orders }]', ''].join('\n');
const read = (dir: string) => parse(readFileSync(path.join(dir, 'app.yaml'), 'utf8'));

describe('eda add route to a service', () => {
  it('adds the route under the api and writes a template with its role', async () => {
    const dir = tempProject({ 'app.yaml': app });
    const run = await eda(['add', 'route', 'POST /orders', '--queue', 'orders', '--api', 'ingest', '--cwd', dir]);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(read(dir).apis.ingest.routes).toEqual({ 'POST /orders': { queue: 'orders' } });
    expect(readFileSync(path.join(dir, 'template.yaml'), 'utf8')).toContain('IngestHttpApiPostOrdersRole:');
    const table = await eda(['add', 'route', 'GET /orders/{id}', '--table', 'orders', '--action', 'get', '--api', 'store', '--cwd', dir]);
    expect(table.exitCode, table.stderr).toBe(0);
    expect(read(dir).apis.store.routes).toEqual({ 'GET /orders/{id}': { table: 'orders', action: 'get' } });
  });

  it('refuses an unknown target, a taken route, a second target and an invalid result, changing nothing', async () => {
    const dir = tempProject({ 'app.yaml': app });
    const unknown = await eda(['add', 'route', 'POST /orders', '--queue', 'ordrs', '--api', 'ingest', '--cwd', dir]);
    expect(unknown.exitCode).toBe(1);
    expect(unknown.stderr).toContain("--queue ordrs: there is no queue named 'ordrs' in app.yaml");
    expect(unknown.stderr).toContain("did you mean 'orders'?");
    const two = await eda(['add', 'route', 'POST /orders', '--queue', 'orders', '--table', 'orders', '--api', 'ingest', '--cwd', dir]);
    expect(two.exitCode).toBe(2);
    expect(two.stderr).toContain('a route has one target; got --queue and --table');
    const fifo = await eda(['add', 'route', 'POST /pay', '--queue', 'payments', '--api', 'ingest', '--cwd', dir]);
    expect(fifo.exitCode).toBe(1);
    expect(fifo.stderr + fifo.stdout).toContain("queue 'payments' is FIFO: the route must say which request value is the message group");
    expect(readFileSync(path.join(dir, 'app.yaml'), 'utf8')).toBe(app);
    expect((await eda(['add', 'route', 'POST /orders', '--queue', 'orders', '--api', 'ingest', '--cwd', dir])).exitCode).toBe(0);
    const taken = await eda(['add', 'route', 'POST /orders', '--queue', 'orders', '--api', 'ingest', '--cwd', dir]);
    expect(taken.exitCode).toBe(1);
    expect(taken.stderr).toContain('the route POST /orders already exists on api ingest');
  });

  it('eda remove route removes a direct route', async () => {
    const dir = tempProject({ 'app.yaml': app.replace('  ingest: {}', '  ingest:\n    routes:\n      POST /orders: { queue: orders }') });
    const run = await eda(['remove', 'route', 'POST /orders', '--yes', '--cwd', dir]);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toContain('Removed route POST /orders (from apis.ingest.routes)');
    expect(read(dir).apis.ingest.routes).toEqual({});
  });
});
