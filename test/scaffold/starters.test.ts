import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { validateText } from '../../src/pipeline/validate.js';
import { appNameFrom, projectFiles } from '../../src/scaffold/project.js';
import { MODELINE } from '../../src/scaffold/manifest-doc.js';
import { starters } from '../../src/scaffold/starters/index.js';
import { compile } from '../../src/pipeline/index.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'eda-starters-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The starter's schema files (events:, message:), where validation reads them. */
async function writeSchemas(files: { path: string; content: string }[]): Promise<void> {
  for (const f of files.filter((f) => f.path.startsWith('schemas/'))) {
    await mkdir(path.dirname(path.join(dir, f.path)), { recursive: true });
    await writeFile(path.join(dir, f.path), f.content);
  }
}

describe.each(starters.map((s) => [s.name, s] as const))('starter %s', (_name, starter) => {
  it('has a valid, commented app.yaml and handlers for every function', async () => {
    const files = await projectFiles({ appName: 'shop', starter, packageManager: 'npm', edaSpec: '^0.1.0' });
    const byPath = new Map(files.map((f) => [f.path, f.content]));
    const appYaml = byPath.get('app.yaml')!;
    expect(appYaml.startsWith(`# ${MODELINE}\n`)).toBe(true);
    await writeSchemas(files);
    const result = validateText(appYaml, { cwd: dir });
    expect(result.diagnostics.map((d) => `${d.line}:${d.col} ${d.message}`)).toEqual([]); // no errors, no warnings (Lambda tasks retry)
    const compiled = await compile({ cwd: dir, text: appYaml });
    for (const fn of compiled.app.functions) {
      expect(byPath.has(fn.handlerFile), `${fn.handlerFile} is written by the starter`).toBe(true);
    }
    const pkg = JSON.parse(byPath.get('package.json')!);
    expect(Object.keys(pkg.scripts)).toEqual(['build', 'typecheck', 'test', 'synth', 'deploy', 'dev']);
    expect(pkg.devDependencies.eda).toBe('^0.1.0');
    for (const client of starter.sdk) expect(pkg.devDependencies[client]).toBeDefined();
    const imported = new Set([...files.map((f) => f.content).join('\n').matchAll(/from '(@aws-sdk\/[a-z-]+)'/g)].map((m) => m[1]));
    expect([...imported].sort()).toEqual([...starter.sdk].sort());
    expect([...byPath.keys()].some((p) => p.startsWith('test/') && p.endsWith('.test.ts'))).toBe(true);
    expect(parse(appYaml).name).toBe('shop');
  });

  it('handlers read resource names through the generated, typed module, not process.env', async () => {
    const files = await projectFiles({ appName: 'shop', starter, packageManager: 'npm', edaSpec: '^0.1.0' });
    const appYaml = files.find((f) => f.path === 'app.yaml')!.content;
    await writeSchemas(files);
    const compiled = await compile({ cwd: dir, text: appYaml });
    const generated = compiled.files.find((f) => f.path === 'src/generated/resources.ts')?.content ?? '';
    for (const f of files.filter((f) => f.path.startsWith('src/handlers/'))) {
      expect(f.content, f.path).not.toContain('process.env');
      const uses = [...f.content.matchAll(/resources\.(\w+)(?:\.([\w]+)|\['([^']+)'\])\.(\w+)/g)];
      if (uses.length === 0) continue;
      expect(f.content, f.path).toMatch(/import \{[^}]*\bresources\b[^}]*\} from '\.\.\/generated\/resources\.js';/);
      for (const [, , plain, quoted, attr] of uses) {
        expect(generated, `${f.path}: ${plain ?? quoted}.${attr}`).toContain(`"${plain ?? quoted}": {`);
        expect(generated, `${f.path}: ${plain ?? quoted}.${attr}`).toContain(`get ${attr}(): string`);
      }
    }
  });
});

describe('the order-pipeline starter declares its contracts', () => {
  it('events and messages with schema files, which its handlers use through the typed helpers', async () => {
    const starter = starters.find((s) => s.name === 'order-pipeline')!;
    const files = await projectFiles({ appName: 'shop', starter, packageManager: 'npm', edaSpec: '^0.1.0' });
    await writeSchemas(files);
    const compiled = await compile({ cwd: dir, text: files.find((f) => f.path === 'app.yaml')!.content });
    expect(compiled.app.events.map((e) => [e.name, e.bus, e.source, e.producers])).toEqual([['OrderPlaced', 'orders', 'shop.orders', ['createOrder']]]);
    expect(compiled.app.queues.filter((q) => q.message !== undefined).map((q) => q.name)).toEqual(['payments', 'audit']);
    const generated = compiled.files.find((f) => f.path === 'src/generated/resources.ts')!.content;
    const handler = (name: string) => files.find((f) => f.path === `src/handlers/${name}.ts`)!.content;
    for (const [name, call, helper] of [
      ['createOrder', 'events.orderPlaced.put(order)', 'put: (detail: OrderPlaced)'],
      ['processPayment', 'queues.payments.send(', 'send: (message: PaymentsQueueMessage'],
      ['settlePayment', 'queues.payments.parse(record.body)', 'parse: (body: string): PaymentsQueueMessage'],
      ['shipOrder', 'topics.notifications.publish(', 'publish: (message: NotificationsTopicMessage'],
    ]) {
      expect(handler(name!), name).toContain(call);
      expect(handler(name!), name).not.toMatch(/new (PutEvents|SendMessage|Publish)Command/);
      expect(generated, name).toContain(helper);
    }
    expect(handler('validateOrder')).toContain('handler(order: OrderPlaced): Promise<OrderPlaced>');
    expect(files.find((f) => f.path === 'README.md')!.content).toContain('## Contracts');
  });
});

describe('appNameFrom', () => {
  it('makes a valid name from a folder', () => {
    expect(appNameFrom('/tmp/My Shop!')).toBe('my-shop');
    expect(appNameFrom('orderService')).toBe('order-service');
    expect(appNameFrom('123')).toBe('my-app');
  });
});
