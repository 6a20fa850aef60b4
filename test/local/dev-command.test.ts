// The dev command in-process: ready line, trace lines, restart on an app.yaml change,
// invalid edits reported without stopping, and a clean stop.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { devCommand } from '../../src/cli/commands/dev.js';
import { invokeCommand } from '../../src/cli/commands/invoke.js';
import { UsageError } from '../../src/core/errors.js';
import { createUi } from '../../src/cli/kit/output.js';

const dir = mkdtempSync(join(tmpdir(), 'eda-devcmd-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function capture() {
  let out = '';
  let err = '';
  const stdout = new Writable({ write: (c, _e, cb) => ((out += c), cb()) });
  const stderr = new Writable({ write: (c, _e, cb) => ((err += c), cb()) });
  return { stdout, stderr, out: () => out, err: () => err };
}

async function until<T>(fn: () => T | undefined, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

const appYaml = (routes: string[]) => `name: devcmd
functions:
  hello:
    triggers:
${routes.map((r) => `      - http: ${r}`).join('\n')}
`;

describe('eda dev (in-process)', () => {
  it('starts, traces, restarts when app.yaml changes, keeps running on an invalid edit, and stops', async () => {
    mkdirSync(join(dir, 'src/handlers'), { recursive: true });
    writeFileSync(join(dir, 'src/handlers/hello.ts'), "export const handler = async (e: { rawPath: string }) => ({ path: e.rawPath, env: process.env.EDA_LOCAL });");
    writeFileSync(join(dir, 'app.yaml'), appYaml(['GET /a']));
    const io = capture();
    const ui = createUi({ stdout: io.stdout, stderr: io.stderr, json: true, env: { NO_COLOR: '1' } });
    const controller = new AbortController();
    const done = devCommand({ cwd: dir, port: 0 }, { ui, signal: controller.signal });
    const lines = () => io.out().split('\n').filter(Boolean).map((l) => JSON.parse(l));
    const ready = await until(() => lines().find((l) => l.kind === 'ready'));
    expect(ready).toMatchObject({ app: 'devcmd', stage: 'dev' });
    const a = await fetch(`${ready.apis.api}/a`);
    expect(await a.json()).toEqual({ path: '/a', env: '1' });
    await until(() => lines().find((l) => l.kind === 'http' && l.path === '/a' && l.status === 200));

    writeFileSync(join(dir, 'app.yaml'), appYaml(['GET /a', 'GET /b']));
    const restart = await until(() => lines().find((l) => l.kind === 'restart'));
    expect(restart.apis.api).toBe(ready.apis.api);
    expect((await fetch(`${ready.apis.api}/b`)).status).toBe(200);

    const broken = 'name: devcmd\nfunctions:\n  hello:\n    triggers:\n      - http: NOPE\n';
    writeFileSync(join(dir, 'app.yaml'), broken);
    const invalid = await until(() => lines().find((l) => l.kind === 'invalid'));
    expect(invalid).toMatchObject({ message: 'app.yaml has problems — still running the previous version', errors: 1, warnings: 0, running: true });
    expect(lines().filter((l) => l.kind === 'diagnostic')).toEqual([
      expect.objectContaining({ file: 'app.yaml', line: 5, col: 15, severity: 'error', message: expect.stringContaining('"NOPE" is not a route'), hint: expect.stringContaining('METHOD /path') }),
    ]);
    expect((await fetch(`${ready.apis.api}/b`)).status).toBe(200);
    // the same broken save again (editors often write twice): reported once
    writeFileSync(join(dir, 'app.yaml'), broken);
    await new Promise((r) => setTimeout(r, 500));
    expect(lines().filter((l) => l.kind === 'invalid')).toHaveLength(1);
    expect(io.err()).toBe('');

    controller.abort();
    expect(await done).toBe(0);
    expect(lines().at(-1)).toMatchObject({ kind: 'stopped' });
    await expect(fetch(`${ready.apis.api}/a`)).rejects.toThrow();
  });

  it('eda invoke prints the result and the sample it built', async () => {
    writeFileSync(join(dir, 'app.yaml'), appYaml(['GET /items/{id}']));
    const io = capture();
    const ui = createUi({ stdout: io.stdout, stderr: io.stderr, env: { NO_COLOR: '1' } });
    expect(await invokeCommand('hello', { cwd: dir, sample: true }, { ui })).toBe(0);
    expect(JSON.parse(io.out())).toEqual({ path: '/items/id-123', env: '1' });
    await expect(invokeCommand('helo', { cwd: dir }, { ui })).rejects.toThrow(/no function 'helo'/);
    await expect(invokeCommand('hello', { cwd: dir, sample: 'carrier-pigeon' }, { ui })).rejects.toThrow(/not a sample kind/);
  });

  it('eda invoke --sample builds what reaches a rule target, and refuses a kind that cannot reach the function', async () => {
    mkdirSync(join(dir, 'src/handlers'), { recursive: true });
    writeFileSync(
      join(dir, 'app.yaml'),
      `name: devcmd
functions:
  hello: {}
  consume:
    triggers:
      - queue: jobs
queues:
  jobs: {}
rules:
  placed:
    pattern: { source: [shop.orders], detail-type: [OrderPlaced] }
    targets:
      - function: hello
`,
    );
    writeFileSync(join(dir, 'src/handlers/hello.ts'), 'export const handler = async (e: { source: string; detail: object }) => ({ source: e.source, detail: Object.keys(e.detail) });');
    writeFileSync(join(dir, 'src/handlers/consume.ts'), 'export const handler = async (e: { Records: unknown[] }) => ({ records: e.Records.length });');
    const io = capture();
    const ui = createUi({ stdout: io.stdout, stderr: io.stderr, env: { NO_COLOR: '1' } });
    expect(await invokeCommand('hello', { cwd: dir, sample: true }, { ui })).toBe(0);
    expect(JSON.parse(io.out())).toEqual({ source: 'shop.orders', detail: [] });
    const refused = await invokeCommand('consume', { cwd: dir, sample: 'topic' }, { ui }).catch((e: UsageError) => e);
    expect(refused).toBeInstanceOf(UsageError);
    expect((refused as UsageError).exitCode).toBe(2);
    expect((refused as UsageError).message).toBe('a topic event cannot reach consume: app.yaml invokes it only from a queue');
    expect((refused as UsageError).hint).toMatch(/--sample queue/);
  });
});
