import { mkdtempSync, rmSync, writeFileSync, mkdirSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HandlerBundles } from '../../src/local/bundler.js';
import { realClock } from '../../src/local/clock.js';
import { functionEnvironment } from '../../src/local/env.js';
import { Functions } from '../../src/local/functions.js';
import { Trace } from '../../src/local/trace.js';
import { addresses, makeApp, makeFunction } from './helpers.js';

let dir: string;
let functions: Functions;
let bundles: HandlerBundles;
const trace = new Trace();
const failures: { fn: string; event: unknown; error: string; requestId: string }[] = [];

const handlers: Record<string, string> = {
  whoami: `export const handler = async (event: { wait?: number }, context: any) => {
    await new Promise((r) => setTimeout(r, event.wait ?? 0));
    return { who: process.env.WHO, table: process.env.ORDERS_TABLE_NAME, fn: context.functionName, id: context.awsRequestId, left: context.getRemainingTimeInMillis(), region: process.env.AWS_REGION, sqs: process.env.AWS_ENDPOINT_URL_SQS, key: process.env.AWS_ACCESS_KEY_ID };
  };`,
  other: `export const handler = async (event: { wait?: number }) => { await new Promise((r) => setTimeout(r, event.wait ?? 0)); return { who: process.env.WHO }; };`,
  spin: `export const handler = async (event: { spin?: boolean }) => { if (event.spin) { for (;;) {} } return 'alive'; };`,
  fails: `class PaymentDeclined extends Error { override name = 'PaymentDeclined'; }
    export const handler = async () => { console.log('about to fail', { code: 42 }); console.error('really'); throw new PaymentDeclined('card declined'); };`,
  version: `import { value } from './lib/value.js';\nexport const handler = async () => value;`,
  callback: `export const handler = (event: unknown, _context: unknown, callback: (e: unknown, v?: unknown) => void) => { callback(null, { echoed: event }); };`,
  nothing: `export const handler = async () => undefined;`,
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'eda-fn-'));
  mkdirSync(join(dir, 'src/handlers/lib'), { recursive: true });
  for (const [name, code] of Object.entries(handlers)) writeFileSync(join(dir, `src/handlers/${name}.ts`), code);
  writeFileSync(join(dir, 'src/handlers/lib/value.ts'), `export const value = 'v1';`);
  const app = makeApp({
    functions: [
      makeFunction('whoami', { environment: [{ name: 'WHO', value: 'first' }, { name: 'ORDERS_TABLE_NAME', value: '${tables.orders.name}' }], timeout: 5 }),
      makeFunction('other', { environment: [{ name: 'WHO', value: 'second' }] }),
      makeFunction('spin', { timeout: 1 }),
      makeFunction('fails'),
      makeFunction('version'),
      makeFunction('callback'),
      makeFunction('nothing'),
    ],
  });
  const addr = addresses(app);
  bundles = new HandlerBundles(dir, app.functions, join(dir, '.eda/dev/handlers'));
  await bundles.build();
  functions = new Functions({
    functions: app.functions,
    addresses: addr,
    bundles,
    trace,
    clock: realClock,
    environment: (fn) => functionEnvironment(fn, addr, { cwd: dir, stateDir: join(dir, '.eda/dev') }),
    asyncRetryDelaysMs: [20, 40],
    onAsyncFailure: async (fn, event, error, requestId) => {
      failures.push({ fn: fn.name, event, error: error.errorType, requestId });
      return 'queue function:fails:dlq';
    },
  });
});

afterAll(async () => {
  await functions?.close();
  await bundles?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('handlers in worker threads', () => {
  it('gives each function its own environment, even when invocations overlap', async () => {
    const [a, b] = await Promise.all([functions.invoke('whoami', { wait: 50 }, { trigger: 'test' }), functions.invoke('other', { wait: 10 }, { trigger: 'test' })]);
    expect(a.ok && a.value).toMatchObject({ who: 'first', table: 'shop-dev-orders', fn: 'shop-dev-whoami', region: 'eu-west-1', sqs: 'http://127.0.0.1:4566', key: 'AKIAEDALOCAL00000000' });
    expect(b.ok && b.value).toEqual({ who: 'second' });
    const value = (a as { value: { id: string; left: number } }).value;
    expect(value.id).toBe(a.requestId);
    expect(value.left).toBeGreaterThan(4000);
    expect(value.left).toBeLessThanOrEqual(5000);
  });

  it('runs concurrent invocations of one function in separate environments', async () => {
    const results = await Promise.all([1, 2, 3].map(() => functions.invoke('other', { wait: 100 }, { trigger: 'test' })));
    expect(results.every((r) => r.ok)).toBe(true);
  });

  it('ends an invocation at the function timeout and replaces the environment', async () => {
    const started = Date.now();
    const r = await functions.invoke('spin', { spin: true }, { trigger: 'test' });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatchObject({ errorType: 'Sandbox.Timedout' });
    expect(!r.ok && r.error.errorMessage).toMatch(/Task timed out after 1\.00 seconds/);
    expect(Date.now() - started).toBeLessThan(5000);
    const next = await functions.invoke('spin', {}, { trigger: 'test' });
    expect(next.ok && next.value).toBe('alive');
  });

  it('reports handler errors as Lambda does (errorType = error.name) and forwards console output', async () => {
    const r = await functions.invoke('fails', {}, { trigger: 'test' });
    expect(!r.ok && r.error).toMatchObject({ errorType: 'PaymentDeclined', errorMessage: 'card declined' });
    expect(!r.ok && r.error.trace?.[0]).toContain('PaymentDeclined');
    const logs = trace.recent.filter((e) => e.kind === 'log' && e.function === 'fails');
    expect(logs.map((l) => (l as { text: string }).text)).toEqual(['about to fail { code: 42 }', 'really']);
    expect(logs.map((l) => (l as { level: string }).level)).toEqual(['INFO', 'ERROR']);
    expect((logs[0] as { requestId?: string }).requestId).toBe(r.requestId);
  });

  it('retries a failed asynchronous invocation twice, then hands the event to the failure destination', async () => {
    const requestId = functions.invokeAsync('fails', { order: 1 }, { trigger: 'rule test' });
    const failed = await trace.waitFor((e) => e.kind === 'async' && e.action === 'failed' && e.requestId === requestId);
    expect(failed).toMatchObject({ attempt: 3, to: 'queue function:fails:dlq' });
    const attempts = trace.recent.filter((e) => e.kind === 'invoke' && e.requestId === requestId);
    expect(attempts.map((e) => (e as { attempt?: number }).attempt)).toEqual([1, 2, 3]);
    expect(failures).toEqual([{ fn: 'fails', event: { order: 1 }, error: 'PaymentDeclined', requestId }]);
  });

  it('supports callback-style handlers and turns undefined into null', async () => {
    const r = await functions.invoke('callback', { a: 1 }, { trigger: 'test' });
    expect(r.ok && r.value).toEqual({ echoed: { a: 1 } });
    const n = await functions.invoke('nothing', {}, { trigger: 'test' });
    expect(n.ok && n.value).toBeNull();
  });

  it('picks up an edited source file on the next invocation', async () => {
    const before = await functions.invoke('version', {}, { trigger: 'test' });
    expect(before.ok && before.value).toBe('v1');
    const file = join(dir, 'src/handlers/lib/value.ts');
    writeFileSync(file, `export const value = 'v2';`);
    const later = new Date(Date.now() + 2000);
    utimesSync(file, later, later);
    const started = performance.now();
    const after = await functions.invoke('version', {}, { trigger: 'test' });
    expect(after.ok && after.value).toBe('v2');
    expect(performance.now() - started).toBeLessThan(2000);
    expect(bundles.state('version')!.version).toBe(2);
    expect(bundles.state('whoami')!.version).toBe(1);
  });

  it('reports a build error as the invocation error, and recovers when the file is fixed', async () => {
    const file = join(dir, 'src/handlers/nothing.ts');
    writeFileSync(file, 'export const handler = async () => {{{');
    const broken = await functions.invoke('nothing', {}, { trigger: 'test' });
    expect(!broken.ok && broken.error.errorType).toBe('Runtime.ImportModuleError');
    expect(!broken.ok && broken.error.errorMessage).toMatch(/nothing\.ts/);
    writeFileSync(file, `export const handler = async () => 'fixed';`);
    const later = new Date(Date.now() + 4000);
    utimesSync(file, later, later);
    const fixed = await functions.invoke('nothing', {}, { trigger: 'test' });
    expect(fixed.ok && fixed.value).toBe('fixed');
  });
});
