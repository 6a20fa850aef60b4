import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { UsageError } from '../../src/core/errors.js';
import { loadApp } from '../../src/cli/load-app.js';

const example = fileURLToPath(new URL('../../examples/order-pipeline', import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'eda-load-app-'));
cpSync(path.join(example, 'app.yaml'), path.join(dir, 'app.yaml'));
cpSync(path.join(example, 'src'), path.join(dir, 'src'), { recursive: true });

afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

describe('loading the app for a stage', () => {
  it('refuses a --stage that cannot name a stack, before anything talks to AWS (exit 2)', async () => {
    for (const stage of ['Bad_Stage!', 'feature_x', '1st', '-dev', 'a'.repeat(49)]) {
      const error = await loadApp({ cwd: dir, stage }).catch((e: unknown) => e);
      expect(error, stage).toBeInstanceOf(UsageError);
      expect((error as UsageError).exitCode).toBe(2);
      expect((error as UsageError).message).toBe(`--stage "${stage}" is not a valid stage name.`);
    }
  });

  it('takes a well-formed stage, and warns (on stderr) when app.yaml does not declare it', async () => {
    const written: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => (written.push(String(chunk)), true));
    const app = await loadApp({ cwd: dir, stage: 'prdo' });
    expect(app.stackName).toBe('shop-prdo');
    expect(written.join('')).toMatch(/warning stage 'prdo' is not declared under stages[\s\S]*did you mean 'prod'\?/);

    written.length = 0;
    expect((await loadApp({ cwd: dir, stage: 'prod' })).stackName).toBe('shop-prod');
    expect((await loadApp({ cwd: dir })).stackName).toBe('shop-dev');
    expect(written.join('')).toBe('');
  });
});
