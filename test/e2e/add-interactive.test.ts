// eda add / eda remove in a real terminal (a pseudo-terminal driven by test/support/pty.py):
// prompts offer the names app.yaml declares; remove asks before it removes; Ctrl-C changes nothing.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { lineChanges } from '../../src/manifest/edit.js';
import { bin } from '../support/cli.js';
import { keys, runInPty } from '../support/pty.js';
import { ensureBuilt } from '../scaffold/support/built.js';
import { oddManifest, oddProject, snapshot } from '../scaffold/support/odd.js';

const read = (dir: string, file: string) => readFileSync(path.join(dir, file), 'utf8');

beforeAll(async () => {
  await ensureBuilt();
}, 180_000);

describe('eda add in a terminal', { timeout: 120_000 }, () => {
  it('asks what invokes a function and what it uses, offering what exists', async () => {
    const dir = await oddProject();
    const run = await runInPty(
      ['node', bin, 'add', 'function', 'worker'],
      [
        { expect: 'What invokes it\\?', send: `${keys.down}${keys.down}${keys.enter}` },
        { expect: 'Which queue\\?[\\s\\S]*payments', send: keys.enter },
        { expect: 'What may it use\\?[\\s\\S]*table orders', send: `${keys.space}${keys.enter}` },
      ],
      { cwd: dir },
    );
    expect(run.exitCode, run.output + run.stderr).toBe(0);
    expect(run.output).toContain('Added function worker');
    expect(parse(read(dir, 'app.yaml')).functions.worker).toEqual({ uses: [{ table: 'orders' }], triggers: [{ queue: 'payments' }] });
    expect(lineChanges(oddManifest, read(dir, 'app.yaml')).removed).toEqual([]);
    expect(read(dir, 'src/handlers/worker.ts')).toContain('SQSEvent');
  });

  it('offers everything --uses takes: write-only tables, the default bus, functions, and a secret by name', async () => {
    const dir = await oddProject();
    // The list: table orders (read and write, read only, write only), queue payments, bus default,
    // bus orders, function createOrder, function getOrder, a secret.
    const run = await runInPty(
      ['node', bin, 'add', 'function', 'worker'],
      [
        { expect: 'What invokes it\\?', send: keys.enter },
        {
          expect: 'What may it use\\?[\\s\\S]*table orders \\(write only\\)[\\s\\S]*bus default',
          send: `${keys.down}${keys.down}${keys.space}${keys.down}${keys.down}${keys.space}${keys.down}${keys.down}${keys.down}${keys.space}${keys.down}${keys.space}${keys.enter}`,
        },
        { expect: 'Secret name or ARN', send: `stripe-key${keys.enter}` },
      ],
      { cwd: dir },
    );
    expect(run.exitCode, run.output + run.stderr).toBe(0);
    expect(parse(read(dir, 'app.yaml')).functions.worker).toEqual({
      uses: [{ table: 'orders', access: 'write' }, { bus: 'default' }, { function: 'getOrder' }, { secret: 'stripe-key' }],
    });
    expect(lineChanges(oddManifest, read(dir, 'app.yaml')).removed).toEqual([]);
  });

  it('asks for a missing name, then the optional settings', async () => {
    const dir = await oddProject();
    const run = await runInPty(
      ['node', bin, 'add', 'queue'],
      [
        { expect: 'Name of the new queue', send: `jobs${keys.enter}` },
        { expect: 'FIFO', send: keys.enter },
        { expect: 'dead-letter', send: `7${keys.enter}` },
      ],
      { cwd: dir },
    );
    expect(run.exitCode, run.output + run.stderr).toBe(0);
    expect(parse(read(dir, 'app.yaml')).queues.jobs).toEqual({ dlq: { maxReceives: 7 } });
  });

  it('--yes asks only for what is required', async () => {
    const dir = await oddProject();
    const run = await runInPty(['node', bin, 'add', 'route', 'GET /ping', '--yes'], [{ expect: 'Which function serves it\\?', send: `${keys.down}${keys.enter}` }], { cwd: dir });
    expect(run.exitCode, run.output + run.stderr).toBe(0);
    expect(parse(read(dir, 'app.yaml')).functions.getOrder.triggers).toContainEqual({ http: 'GET /ping' });
  });

  it('Ctrl-C at a prompt exits 130 and changes nothing', async () => {
    const dir = await oddProject();
    const before = snapshot(dir);
    const run = await runInPty(['node', bin, 'add', 'function', 'worker'], [{ expect: 'What invokes it\\?', send: keys.ctrlC }], { cwd: dir });
    expect(run.exitCode).toBe(130);
    expect(snapshot(dir)).toEqual(before);
  });
});

describe('eda remove in a terminal', { timeout: 120_000 }, () => {
  it('asks for confirmation; no keeps everything', async () => {
    const dir = await oddProject();
    const before = snapshot(dir);
    const run = await runInPty(['node', bin, 'remove', 'queue', 'payments'], [{ expect: 'Remove queue payments from app.yaml\\?', send: `n${keys.enter}` }], { cwd: dir });
    expect(run.exitCode, run.output).toBe(0);
    expect(run.output).toContain('Nothing was removed');
    expect(snapshot(dir)).toEqual(before);
  });

  it('yes removes it', async () => {
    const dir = await oddProject();
    const run = await runInPty(['node', bin, 'remove', 'queue', 'payments'], [{ expect: 'Remove queue payments from app.yaml\\?', send: `y${keys.enter}` }], { cwd: dir });
    expect(run.exitCode, run.output).toBe(0);
    expect(read(dir, 'app.yaml')).toBe(oddManifest.replace('queues: {payments: {dlq: {maxReceives: 3}}}', 'queues: {}'));
  });
});
