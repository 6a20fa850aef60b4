// eda add / eda remove for pipes and connections, as a user runs them: what lands in app.yaml
// and template.yaml, what is refused (and why), and removals refused while something uses it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { eda, tempProject } from '../support/cli.js';
import { ensureBuilt } from '../scaffold/support/built.js';

const read = (dir: string, file: string) => readFileSync(path.join(dir, file), 'utf8');

const manifest = `name: shop
functions:
  enrich: {}
tables:
  plain: { partitionKey: id }
queues:
  orders: {}
buses:
  app: {}
workflows:
  fulfil:
    type: express
    definition: { StartAt: P, States: { P: { Type: Pass, End: true } } }
`;

beforeAll(async () => {
  await ensureBuilt();
}, 180_000);

describe('eda add pipe / connection, eda remove', () => {
  it('adds a connection by secret reference and a pipe, refuses what cannot work, and guards removals', async () => {
    const dir = tempProject({ 'app.yaml': manifest });
    const conn = await eda(['add', 'connection', 'hooks', '--auth', 'apiKey', '--secret', 'hooks-key', '--yes'], { cwd: dir });
    expect(conn.exitCode, conn.stderr).toBe(0);
    expect(read(dir, 'app.yaml')).toContain('connections:\n  hooks:\n    auth:\n      apiKey: { header: x-api-key, value: "${secret:hooks-key}" }\n');

    const noStream = await eda(['add', 'pipe', 'p', '--source', 'table:plain', '--target', 'function:enrich', '--yes'], { cwd: dir });
    expect(noStream.exitCode).toBe(1);
    expect(noStream.stderr).toContain('--source table:plain: the table has no stream');

    const unknown = await eda(['add', 'pipe', 'p', '--source', 'queue:order', '--target', 'workflow:fulfil', '--yes'], { cwd: dir });
    expect(unknown.exitCode).toBe(1);
    expect(unknown.stderr).toContain("there is no queue named 'order'");

    const added = await eda(['add', 'pipe', 'orders-to-fulfil', '--source', 'queue:orders', '--enrichment', 'function:enrich', '--target', 'workflow:fulfil', '--filter', '{"body":{"type":["placed"]}}', '--batch-size', '5', '--yes'], { cwd: dir });
    expect(added.exitCode, added.stderr).toBe(0);
    expect(read(dir, 'app.yaml')).toContain('pipes:\n  orders-to-fulfil:\n    source: { queue: orders, batchSize: 5 }\n    filter:\n      body: { type: [ placed ] }\n    enrichment: { function: enrich }\n    target: { workflow: fulfil }\n');
    const template = read(dir, 'template.yaml');
    expect(template).toContain('Type: AWS::Pipes::Pipe');
    expect(template).toContain('HooksConnection:');

    const queueInUse = await eda(['remove', 'queue', 'orders', '--yes'], { cwd: dir });
    expect(queueInUse.exitCode).toBe(1);
    expect(queueInUse.stderr).toContain('pipes.orders-to-fulfil.source');

    const removed = await eda(['remove', 'pipe', 'orders-to-fulfil', '--yes'], { cwd: dir });
    expect(removed.exitCode, removed.stderr).toBe(0);
    expect(read(dir, 'app.yaml')).not.toContain('orders-to-fulfil');
    expect(read(dir, 'template.yaml')).not.toContain('AWS::Pipes::Pipe');
  }, 120_000);

  it('refuses to remove a connection an http target uses', async () => {
    const dir = tempProject({
      'app.yaml': `${manifest}connections:\n  hooks:\n    auth:\n      apiKey: { header: x-api-key, value: '\${secret:hooks-key}' }\nrules:\n  notify:\n    bus: app\n    pattern: { source: [shop] }\n    targets:\n      - http: { url: 'https://hooks.example.com/x', connection: hooks }\n`,
    });
    const r = await eda(['remove', 'connection', 'hooks', '--yes'], { cwd: dir });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('rules.notify.targets[0].http.connection');
  }, 60_000);
});
