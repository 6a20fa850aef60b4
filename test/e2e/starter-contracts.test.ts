// The order-pipeline starter's contracts as a user meets them: a new project typechecks and passes
// its own tests, and a handler that puts a wrong OrderPlaced detail (or sends a wrong payment
// message) makes the project's own `tsc --noEmit` fail, naming the field.
import { execa } from 'execa';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eda, repoRoot, tempDir } from '../support/cli.js';
import { ensureBuilt } from '../scaffold/support/built.js';

const root = tempDir('eda-starter-contracts-');
const fixtures = path.join(import.meta.dirname, 'fixtures', 'order-pipeline');
let shop: string;

beforeAll(async () => {
  await ensureBuilt();
  const run = await eda(['new', 'shop', '--template', 'order-pipeline', '--no-install', '--no-git'], { cwd: root });
  expect(run.exitCode, run.stderr).toBe(0);
  shop = path.join(root, 'shop');
  // This repo's node_modules stands in for an install (it has the SDK clients and types), and eda is this copy.
  const modules = path.join(shop, 'node_modules');
  mkdirSync(modules);
  for (const name of readdirSync(path.join(repoRoot, 'node_modules'))) {
    if (name !== '.bin') symlinkSync(path.join(repoRoot, 'node_modules', name), path.join(modules, name), 'dir');
  }
  symlinkSync(repoRoot, path.join(modules, 'eda'), 'dir');
}, 180_000);
// The symlinks are removed, never followed.
afterAll(() => rmSync(root, { recursive: true, force: true }));

const tsc = async (): Promise<{ exitCode: number; output: string }> => {
  const r = await execa(path.join(repoRoot, 'node_modules', '.bin', 'tsc'), ['--noEmit', '-p', 'tsconfig.json'], { cwd: shop, reject: false });
  return { exitCode: r.exitCode ?? 1, output: (r.stdout + r.stderr).replace(/\r/g, '') };
};

/** Runs the project's typecheck with one handler replaced by a fixture, then puts the handler back. */
async function typecheckWith(handler: string, fixture: string): Promise<{ exitCode: number; output: string }> {
  const file = path.join(shop, 'src', 'handlers', `${handler}.ts`);
  const saved = path.join(root, `${handler}.ts.saved`);
  copyFileSync(file, saved);
  copyFileSync(path.join(fixtures, fixture), file);
  try {
    return await tsc();
  } finally {
    copyFileSync(saved, file);
  }
}

/** The property name at a line and column of a fixture. */
function fieldAt(fixture: string, line: number, col: number): string | undefined {
  const text = readFileSync(path.join(fixtures, fixture), 'utf8').split('\n')[line - 1] ?? '';
  return /^[A-Za-z_$][\w$]*/.exec(text.slice(col - 1))?.[0];
}

describe('order-pipeline: typed event and message contracts', () => {
  it('the new project typechecks and passes its own tests', async () => {
    const typecheck = await tsc();
    expect(typecheck.output).toBe('');
    expect(typecheck.exitCode).toBe(0);
    const test = await execa(path.join(repoRoot, 'node_modules', '.bin', 'vitest'), ['run'], { cwd: shop, reject: false, env: { CI: '1' } });
    expect(test.exitCode, test.stdout + test.stderr).toBe(0);
  }, 300_000);

  it('a detail missing a required field fails the typecheck, naming the field', async () => {
    const { exitCode, output } = await typecheckWith('createOrder', 'createOrder.missing-field.ts.txt');
    expect(exitCode).not.toBe(0);
    expect(output).toMatch(/src\/handlers\/createOrder\.ts\(5,\d+\): error TS2345: .*Property 'total' is missing/s);
  }, 120_000);

  it('a detail field of the wrong type fails the typecheck, naming the field', async () => {
    const { exitCode, output } = await typecheckWith('createOrder', 'createOrder.wrong-type.ts.txt');
    expect(exitCode).not.toBe(0);
    const at = /src\/handlers\/createOrder\.ts\((\d+),(\d+)\): error TS2322: Type 'string' is not assignable to type 'number'/.exec(output);
    expect(at, output).not.toBeNull();
    // the error is at the field: quantity: '1'
    expect(fieldAt('createOrder.wrong-type.ts.txt', Number(at![1]), Number(at![2]))).toBe('quantity');
  }, 120_000);

  it('a queue message with a misnamed field fails the typecheck, naming it', async () => {
    const { exitCode, output } = await typecheckWith('processPayment', 'processPayment.wrong-message.ts.txt');
    expect(exitCode).not.toBe(0);
    expect(output).toMatch(/src\/handlers\/processPayment\.ts\(5,\d+\): error TS\d+: Object literal may only specify known properties, \w+ 'order' does not exist in type 'PaymentsQueueMessage'/);
  }, 120_000);
});
