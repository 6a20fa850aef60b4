import { describe, expect, it } from 'vitest';
import { startApp, toMs } from '../../src/testing/index.js';
import { tempProject } from '../support/cli.js';

describe('startApp refuses what cannot run', () => {
  it('an invalid app.yaml: every problem with its position and hint', async () => {
    const dir = tempProject({ 'app.yaml': 'name: broken\nfunctions:\n  a:\n    triggers:\n      - queue: missing\n' });
    const error = await startApp({ cwd: dir }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/app\.yaml:5:\d+ .*missing/);
  });

  it('an unknown clock', async () => {
    await expect(startApp({ cwd: '.', clock: 'fast' as 'real' })).rejects.toThrow("clock must be 'virtual' or 'real', not 'fast'");
  });
});

describe('durations', () => {
  it('reads milliseconds and unit strings, and refuses anything else', () => {
    expect(toMs(250)).toBe(250);
    expect(toMs('250ms')).toBe(250);
    expect(toMs('30s')).toBe(30_000);
    expect(toMs('5m')).toBe(300_000);
    expect(toMs('25h')).toBe(90_000_000);
    expect(toMs('2d')).toBe(172_800_000);
    expect(toMs('1h30m')).toBe(5_400_000);
    expect(() => toMs('soon')).toThrow(/not a duration.*'25h'/);
    expect(() => toMs('5 minutes')).toThrow(/not a duration/);
    expect(() => toMs(-1)).toThrow(/not a duration/);
  });
});
