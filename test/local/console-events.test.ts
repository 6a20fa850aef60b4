// The console's send form offers the declared events: /_eda/app lists each with a detail its
// schema accepts, which the form prefills (and, with chromium, the form really does).
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appSummary } from '../../src/local/console/data.js';
import { startLocal, type LocalRuntime } from '../../src/local/runtime.js';
import { Trace, type TraceEvent } from '../../src/local/trace.js';
import { loadProject } from '../../src/pipeline/index.js';

const require = createRequire(import.meta.url);
const Ajv2020 = require('ajv/dist/2020') as typeof import('ajv/dist/2020.js').default;
const addFormats = require('ajv-formats') as typeof import('ajv-formats').default;
const ajv = new Ajv2020({ strict: false });
addFormats(ajv);

const SCHEMA = { type: 'object', required: ['orderId', 'total', 'currency'], properties: { orderId: { type: 'string', format: 'uuid' }, total: { type: 'number', minimum: 1 }, currency: { enum: ['EUR', 'USD'] } } };
const dir = mkdtempSync(path.join(tmpdir(), 'eda-console-events-'));
mkdirSync(path.join(dir, 'src/handlers'), { recursive: true });
writeFileSync(path.join(dir, 'src/handlers/onOrder.ts'), 'export const handler = async () => undefined;\n');
writeFileSync(
  path.join(dir, 'app.yaml'),
  `name: consoleevents
buses:
  orders: {}
events:
  OrderPlaced:
    bus: orders
    source: shop.orders
    schema: ${JSON.stringify(SCHEMA)}
functions:
  onOrder:
    triggers:
      - event: { bus: orders, pattern: { detail-type: [OrderPlaced] } }
`,
);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the send form and declared events', () => {
  it('/_eda/app lists each declared event with a schema-valid sample detail', async () => {
    const { app } = await loadProject({ cwd: dir });
    const summary = appSummary({ app, endpoints: { apis: {} } } as never);
    expect(summary.events).toHaveLength(1);
    const [e] = summary.events;
    expect(e).toMatchObject({ name: 'OrderPlaced', bus: 'orders', source: 'shop.orders', detailType: 'OrderPlaced' });
    expect(ajv.validate(SCHEMA, e!.sample)).toBe(true);
  });

  const CHROMIUM = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => p && existsSync(p));
  describe.skipIf(!CHROMIUM)('in headless chromium', () => {
    let rt: LocalRuntime;
    let browser: import('playwright-core').Browser;
    const seen: TraceEvent[] = [];
    beforeAll(async () => {
      const project = await loadProject({ cwd: dir });
      const trace = new Trace();
      trace.on((e) => seen.push(e));
      rt = await startLocal({ app: project.app, cwd: dir, port: 0, watch: false, stateDir: path.join(dir, '.eda'), trace });
      const { chromium } = await import('playwright-core');
      browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    }, 120_000);
    afterAll(async () => {
      await browser?.close();
      await rt?.stop();
    });

    it('choosing Event prefills bus, source, detail-type and a valid detail; sending it breaks no contract', async () => {
      const page = await browser.newPage();
      await page.goto(`${rt.endpoints.services}/_eda/`);
      await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
      await page.selectOption('#send-type', 'event');
      expect(await page.inputValue('#send-event')).toBe('OrderPlaced');
      expect(await page.inputValue('#send-bus')).toBe('orders');
      expect(await page.inputValue('#send-source')).toBe('shop.orders');
      expect(await page.inputValue('#send-detail-type')).toBe('OrderPlaced');
      expect(ajv.validate(SCHEMA, JSON.parse(await page.inputValue('#send-body')))).toBe(true);
      await page.click('#send-button');
      await expect.poll(() => page.textContent('#send-result'), { timeout: 20_000 }).toMatch(/eventId|EventId/);
      await expect.poll(() => seen.some((e) => e.kind === 'invoke' && e.function === 'onOrder'), { timeout: 20_000 }).toBe(true);
      expect(seen.filter((e) => e.kind === 'contract')).toEqual([]);
    });
  });
});
