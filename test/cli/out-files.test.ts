// --out of eda graph and eda export asyncapi: a new file or an earlier output is written; any
// other file that is already there (app.yaml, a schema, a handler) is refused with exit 2 and kept.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyExample, eda } from '../support/cli.js';

describe('--out never overwrites a file that is not an earlier output', () => {
  it('eda graph --out app.yaml: exit 2, app.yaml unchanged', async () => {
    const dir = copyExample('order-pipeline');
    const before = readFileSync(path.join(dir, 'app.yaml'), 'utf8');
    const run = await eda(['graph', '--cwd', dir, '--out', 'app.yaml']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('error --out app.yaml already exists and is not a mermaid diagram eda wrote: eda does not overwrite it');
    expect(run.stderr).toContain('hint  write to a new file (or delete app.yaml first, if it is an old one)');
    expect(run.stderr).not.toMatch(/\bat .*\.(js|cjs|ts):\d+/);
    expect(readFileSync(path.join(dir, 'app.yaml'), 'utf8')).toBe(before);
  });

  it('eda graph --out <a handler>: exit 2, the handler unchanged', async () => {
    const dir = copyExample('order-pipeline');
    const handler = path.join(dir, 'src/handlers/getOrder.ts');
    const before = readFileSync(handler, 'utf8');
    const run = await eda(['graph', '--cwd', dir, '--out', 'src/handlers/getOrder.ts']);
    expect(run.exitCode).toBe(2);
    expect(readFileSync(handler, 'utf8')).toBe(before);
  });

  it('eda graph --out <a folder> says to name a file', async () => {
    const dir = copyExample('order-pipeline');
    const run = await eda(['graph', '--cwd', dir, '--out', 'src', '--format', 'svg']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('error --out src is a folder; eda writes a svg diagram to a file');
    expect(run.stderr).toContain(`hint  name a file, e.g. ${path.join('src', 'graph.svg')}`);
  });

  it('eda graph --out rewrites its own earlier file, in every format', async () => {
    const dir = copyExample('order-pipeline');
    for (const file of ['g.mmd', 'g.svg', 'g.html', 'g.dot', 'g.json']) {
      expect((await eda(['graph', '--cwd', dir, '--out', file])).exitCode).toBe(0);
      const again = await eda(['graph', '--cwd', dir, '--out', file]);
      expect(again.exitCode).toBe(0);
      expect(again.stdout).toContain('(unchanged)');
    }
  });

  it('eda export asyncapi --out <a message schema>: exit 2, the schema unchanged', async () => {
    const dir = copyExample('order-pipeline');
    const run0 = await eda(['export', 'asyncapi', '--cwd', dir, '--out', 'app.yaml']);
    expect(run0.exitCode).toBe(2);
    expect(run0.stderr).toContain('error --out app.yaml already exists and is not an AsyncAPI document eda wrote: eda does not overwrite it');
    const schema = path.join(dir, 'order.schema.json');
    writeFileSync(schema, '{ "type": "object", "properties": { "id": { "type": "string" } } }\n');
    const before = readFileSync(schema, 'utf8');
    const run = await eda(['export', 'asyncapi', '--cwd', dir, '--out', 'order.schema.json']);
    expect(run.exitCode).toBe(2);
    expect(readFileSync(schema, 'utf8')).toBe(before);
  });

  it('eda export asyncapi --out rewrites its own earlier export (YAML and JSON)', async () => {
    const dir = copyExample('order-pipeline');
    for (const file of ['asyncapi.yaml', 'asyncapi.json']) {
      expect((await eda(['export', 'asyncapi', '--cwd', dir, '--out', file])).exitCode).toBe(0);
      const again = await eda(['export', 'asyncapi', '--cwd', dir, '--out', file]);
      expect(again.exitCode).toBe(0);
      expect(again.stdout).toContain('(unchanged)');
    }
  });

  it('eda export with an unknown target: exit 2, did you mean, the targets', async () => {
    const typo = await eda(['export', 'asyncapy']);
    expect(typo.exitCode).toBe(2);
    expect(typo.stderr).toContain("error eda export has no target 'asyncapy'");
    expect(typo.stderr).toContain("hint  did you mean 'asyncapi'? the targets are asyncapi and eventcatalog");
    const nope = await eda(['export', 'nope']);
    expect(nope.exitCode).toBe(2);
    expect(nope.stderr).toContain('hint  the targets are asyncapi and eventcatalog');
  });
});
