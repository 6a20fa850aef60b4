// Loading is linear in the size of app.yaml, and an app certain to exceed CloudFormation's
// 500-resource limit is refused before it is modelled or compiled.
import { describe, expect, it } from 'vitest';
import { validateText } from '../../src/pipeline/validate.js';

function queues(n: number, extra = ''): string {
  const lines = ['name: big', 'queues:'];
  for (let i = 0; i < n; i++) lines.push(`  q${i}: { visibilityTimeout: 60 }`);
  return `${lines.join('\n')}\n${extra}`;
}

describe('manifest size', () => {
  it('refuses a 30k-entry manifest in a few seconds, naming the count', () => {
    const start = performance.now();
    const { diagnostics, manifest } = validateText(queues(30_000), { cwd: '/nonexistent' });
    const seconds = (performance.now() - start) / 1000;
    expect(manifest).toBeUndefined();
    expect(diagnostics.map((d) => `${d.line}:${d.col} ${d.message}`)).toEqual([
      '2:1 the app needs at least 90000 resources (queues: 90000); a CloudFormation stack holds at most 500',
    ]);
    expect(seconds).toBeLessThan(6);
  });

  it('finds a duplicate key among 20k entries in one pass, at its position', () => {
    const text = queues(20_000, '  q19999: {}\n');
    const start = performance.now();
    const { diagnostics } = validateText(text, { cwd: '/nonexistent' });
    const seconds = (performance.now() - start) / 1000;
    expect(diagnostics.map((d) => `${d.line}:${d.col} ${d.message}`)).toEqual(["20003:3 key 'q19999' appears twice in this mapping (first on line 20002)"]);
    expect(seconds).toBeLessThan(6);
  });

  it('counts what the stage turns off: 101 functions fit without alarms, not with them', () => {
    const fns = Array.from({ length: 101 }, (_, i) => `  f${i}: {}`).join('\n');
    const text = `name: big\nstages:\n  lean:\n    monitoring: { alarms: false }\nfunctions:\n${fns}\n`;
    expect(validateText(text, { cwd: '/nonexistent', stage: 'lean' }).diagnostics).toEqual([]);
    const [d] = validateText(text, { cwd: '/nonexistent', stage: 'dev' }).diagnostics;
    expect(`${d!.line}:${d!.col} ${d!.message}`).toBe('5:1 the app needs at least 505 resources (functions: 505); a CloudFormation stack holds at most 500');
  });
});

describe('the resource limit counts event contracts', () => {
  it('an EventSchemas schema per event and the registry: 99 functions (495) fit, 99 functions and 5 events (6 more) do not', () => {
    const fns = Array.from({ length: 99 }, (_, i) => `  f${i}: {}`).join('\n');
    const events = Array.from({ length: 5 }, (_, i) => `  E${i}: { source: shop, schema: { type: object } }`).join('\n');
    const base = `name: big\nfunctions:\n${fns}\n`;
    expect(validateText(base, { cwd: '/nonexistent' }).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const [d] = validateText(`${base}events:\n${events}\n`, { cwd: '/nonexistent' }).diagnostics;
    expect(`${d!.line}:${d!.col} ${d!.message}`).toBe('2:1 the app needs at least 501 resources (functions: 495, events: 6); a CloudFormation stack holds at most 500');
  });
});
