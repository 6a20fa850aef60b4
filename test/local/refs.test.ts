// eda dev with parameters, SSM references, physical names and rule targets outside the app:
// handlers see the stage's parameter values and the local SSM file's values, named resources
// keep their names, a missing value stops dev with a message naming it, and an event for a bus
// in another account or region is traced, not delivered.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EdaError } from '../../src/core/errors.js';
import { startLocal, type LocalRuntime } from '../../src/local/runtime.js';
import { loadProject } from '../../src/pipeline/index.js';
import { eda } from '../support/cli.js';

const manifest = (extra = '') =>
  [
    'name: shop',
    'parameters:',
    '  Env: { default: test }',
    '  Central: { default: "arn:aws:events:us-west-2:111122223333:event-bus/central" }',
    '  Host: { type: "AWS::SSM::Parameter::Value<String>", default: /shop/host }',
    'stages:',
    '  prod: { parameters: { Env: production } }',
    'functions:',
    '  env:',
    '    environment: { ENV: "${parameters.Env}", URL: "https://${ssm:/shop/host}/x", QUEUE: "${queues.jobs.url}", HOST: "${parameters.Host}" }',
    'queues:',
    '  jobs: { name: "${AWS::StackName}-work" }',
    'buses:',
    '  orders: {}',
    'rules:',
    '  forward:',
    '    bus: orders',
    '    pattern: { source: [shop] }',
    '    targets:',
    '      - bus: { arn: "${parameters.Central}" }',
    extra,
    '',
  ].join('\n');

function project(extra = ''): string {
  const dir = mkdtempSync(join(tmpdir(), 'eda-plumbing-'));
  mkdirSync(join(dir, 'src/handlers'), { recursive: true });
  mkdirSync(join(dir, '.eda'), { recursive: true });
  writeFileSync(join(dir, 'app.yaml'), manifest(extra));
  writeFileSync(join(dir, 'src/handlers/env.ts'), 'export const handler = async () => ({ env: process.env.ENV, url: process.env.URL, queue: process.env.QUEUE, host: process.env.HOST });');
  return dir;
}

describe('eda dev: parameters, SSM values, names and buses outside the app', () => {
  let dir: string;
  let rt: LocalRuntime;

  beforeAll(async () => {
    dir = project();
    writeFileSync(join(dir, '.eda/ssm.json'), JSON.stringify({ '/shop/host': 'api.example.com' }));
    const { app } = await loadProject({ cwd: dir, stage: 'prod' });
    rt = await startLocal({ app, cwd: dir, http: false, watch: false, port: 0 });
  }, 60_000);

  afterAll(async () => {
    await rt?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("gives handlers the stage's parameter value, the SSM values (a reference, an SSM-typed parameter), and the queue's own name", async () => {
    const r = await rt.invoke('env', {});
    expect(r).toMatchObject({ ok: true });
    expect((r as { value: unknown }).value).toEqual({ env: 'production', url: 'https://api.example.com/x', queue: `${rt.endpoints.services}/000000000000/shop-prod-work`, host: 'api.example.com' });
  });

  it('traces an event for a bus outside the app as "would deliver", and delivers nothing', async () => {
    const seen = rt.trace.waitFor((e) => e.kind === 'external');
    const buses: string[] = [];
    const off = rt.trace.on((e) => void (e.kind === 'bus' && buses.push(e.bus)));
    rt.buses.route('orders', { version: '0', id: 'e1', 'detail-type': 'x', source: 'shop', account: '000000000000', time: '2025-01-01T00:00:00Z', region: 'us-east-1', resources: [], detail: {} });
    expect(await seen).toMatchObject({ kind: 'external', rule: 'forward', arn: 'arn:aws:events:us-west-2:111122223333:event-bus/central', eventId: 'e1' });
    off();
    expect(buses).toEqual(['orders']);
  });
});

describe('eda dev: values it cannot find', () => {
  it('stops before starting, naming each missing value and where to put it', async () => {
    const dir = project();
    writeFileSync(join(dir, 'app.yaml'), manifest().replace('  Env: { default: test }', '  Env: {}'));
    try {
      const { app } = await loadProject({ cwd: dir });
      const error = await startLocal({ app, cwd: dir, http: false, watch: false, port: 0 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EdaError);
      const message = (error as Error).message;
      expect(message).toContain("${parameters.Env}: it has no default and stage 'dev' gives it no value (stages.dev.parameters.Env)");
      expect(message).toContain(`\${ssm:/shop/host}: add "/shop/host" to ${join(dir, '.eda', 'ssm.json')}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('eda dev (the CLI) with a value it cannot find', () => {
  it('exits 1 with the message and a hint, no stack trace', async () => {
    const dir = project();
    try {
      const run = await eda(['dev', '--cwd', dir, '--port', '0']);
      expect(run.exitCode).toBe(1);
      expect(run.stderr).toContain('eda dev has no local value for:');
      expect(run.stderr).toContain(`\${ssm:/shop/host}: add "/shop/host" to ${join(dir, '.eda', 'ssm.json')}`);
      expect(run.stderr).toContain('hint');
      expect(run.stderr).not.toMatch(/\n\s+at /);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
