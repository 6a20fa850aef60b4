// The console in a real headless browser (Debian's chromium, driven by playwright-core): eda dev
// runs the order-pipeline example in-process; the test posts an order through the send form,
// sees its hops light up on the diagram and in the trace, sends a poison payment and sees the
// dead-letter queue's count change, then saves a screenshot into test-results/.
// Skipped only when no chromium binary exists (.ci/run installs it).
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProject } from '../../src/pipeline/index.js';
import { startLocal, type LocalRuntime } from '../../src/local/runtime.js';

const CHROMIUM = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => p && existsSync(p));
const example = path.resolve(import.meta.dirname, '../../examples/order-pipeline');
const out = path.resolve(import.meta.dirname, '../../test-results');

describe.skipIf(!CHROMIUM)(`the console in headless chromium${CHROMIUM ? '' : ' (skipped: no chromium binary; apt-get install chromium)'}`, () => {
  let rt: LocalRuntime;
  let state: string;
  let browser: import('playwright-core').Browser;

  beforeAll(async () => {
    const project = await loadProject({ cwd: example });
    // payments dead-letters after 3 receives; a 1 s visibility timeout (not the example's 60 s)
    // lets a poison message get there in seconds
    project.app.queues.find((q) => q.name === 'payments')!.visibilityTimeout = 1;
    // handlers import the AWS SDK as Lambda provides it: the bundles live where node_modules resolves
    state = mkdtempSync(path.resolve(import.meta.dirname, '../../.tmp-console-'));
    rt = await startLocal({ app: project.app, cwd: example, port: 0, watch: false, stateDir: state, secretsFile: path.join(state, 'secrets.json'), ssmFile: path.join(state, 'ssm.json') });
    expect(rt.build.error).toBeUndefined();
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await rt?.stop();
    if (state) rmSync(state, { recursive: true, force: true });
  });

  it('posts an order through the send form, lights up its hops, and counts a poison payment in the DLQ', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${rt.endpoints.services}/_eda/`);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
    await expect.poll(() => page.textContent('#status')).toBe('live');
    expect(await page.locator('#diagram svg g.node[data-id="function:createOrder"]').count()).toBe(1);

    // an order through the send form
    await page.selectOption('#send-type', 'http');
    await page.selectOption('#send-route', 'public|POST /orders');
    expect(await page.inputValue('#send-path')).toBe('/orders');
    await page.fill('#send-body', JSON.stringify({ customerId: 'c-1', items: [{ sku: 'lamp', quantity: 2, price: 15 }] }));
    await page.click('#send-button');
    await expect.poll(() => page.textContent('#send-result'), { timeout: 20_000 }).toMatch(/^201\n/);

    // its hops: the route into createOrder, the rule starting the workflow, the workflow's tasks
    const edge = (from: string, to: string) => page.locator(`#diagram g.edge[data-from="${from}"][data-to="${to}"]`);
    await expect.poll(() => edge('route:public:POST /orders', 'function:createOrder').getAttribute('data-count'), { timeout: 20_000 }).toBe('1');
    await expect.poll(() => edge('rule:order-placed', 'workflow:process-order').getAttribute('data-count'), { timeout: 20_000 }).toBe('1');
    expect(await edge('route:public:POST /orders', 'function:createOrder').locator('text.count').textContent()).toBe('×1');
    await expect.poll(() => page.locator('#trace li[data-kind="invoke"]').count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(1);
    await expect.poll(() => page.locator('#workflows .execution').count(), { timeout: 30_000 }).toBe(1);

    // the trace filter
    await page.fill('#trace-filter', 'createOrder');
    const filtered = await page.locator('#trace li').allTextContents();
    expect(filtered.length).toBeGreaterThan(0);
    expect(filtered.every((t) => t.includes('createOrder'))).toBe(true);
    await page.fill('#trace-filter', '');

    // a poison payment goes to payments' dead-letter queue after 3 receives
    const dlqDepth = page.locator('[data-queue="payments:dlq"] .depth');
    await expect.poll(() => dlqDepth.textContent(), { timeout: 20_000 }).toBe('0');
    await page.selectOption('#send-type', 'queue');
    await page.selectOption('#send-queue', 'payments');
    await page.fill('#send-body', 'not a payment');
    await page.click('#send-button');
    await expect.poll(() => page.textContent('#send-result'), { timeout: 10_000 }).toContain('messageId');
    await expect.poll(() => dlqDepth.textContent(), { timeout: 30_000 }).toBe('1');
    await expect.poll(() => edge('queue:payments', 'queue:payments:dlq').getAttribute('class'), { timeout: 10_000 }).toContain('failed');
    expect(await page.locator('[data-queue="payments:dlq"] td').first().textContent()).toBe('not a payment');

    mkdirSync(out, { recursive: true });
    await page.screenshot({ path: path.join(out, 'console.png'), fullPage: true });
    if (process.env.EDA_UPDATE_SCREENSHOT) {
      // docs/local.md's picture: the trace filtered to the order (handler logs carry this machine's paths)
      await page.fill('#trace-filter', 'createOrder');
      await page.screenshot({ path: path.resolve(import.meta.dirname, '../../docs/images/console.png'), fullPage: true });
    }
    expect(existsSync(path.join(out, 'console.png'))).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});
