// Random and mutated manifests never crash the validator: every outcome is success or a list
// of positioned diagnostics.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { validateText } from '../../src/pipeline/validate.js';
import { buildApp } from '../../src/kinds/build.js';
import { synthTemplate } from '../../src/synth/index.js';
import { repoRoot } from '../support/cli.js';

const example = readFileSync(path.join(repoRoot, 'examples', 'order-pipeline', 'app.yaml'), 'utf8');

function assertWellFormed(text: string): void {
  const result = validateText(text, { cwd: path.join(repoRoot, 'examples', 'order-pipeline') });
  const lines = text.split('\n').length + 1;
  for (const d of result.diagnostics) {
    expect(d.line).toBeGreaterThanOrEqual(1);
    expect(d.line).toBeLessThanOrEqual(Math.max(lines, 1));
    expect(d.col).toBeGreaterThanOrEqual(1);
    expect(typeof d.message).toBe('string');
    expect(d.message.length).toBeGreaterThan(0);
  }
  if (result.manifest) {
    // A manifest that validates must also model and synthesize without throwing.
    const app = buildApp(result.manifest, 'dev', { definitions: result.definitions });
    synthTemplate(app);
  } else expect(result.diagnostics.some((d) => d.severity === 'error')).toBe(true);
}

const keys = ['name', 'functions', 'queues', 'tables', 'topics', 'rules', 'workflows', 'apis', 'buses', 'uses', 'triggers', 'http', 'queue', 'table', 'topic', 'bus', 'schedule', 'pattern', 'targets', 'definition', 'StartAt', 'States', 'partitionKey', 'fifo', 'dlq', 'batchSize', 'a', 'b-c', 'orders'];
const scalar = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.constantFrom('GET /x', 'rate(1 day)', 'cron(0 1 * * ? *)', '${queues.a.url}', 'orders', 'default'));
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, fc.array(tie('node'), { maxLength: 3 }), fc.dictionary(fc.constantFrom(...keys), tie('node'), { maxKeys: 4 })),
})).node;

describe('the validator never crashes', () => {
  it('on random documents', () => {
    fc.assert(fc.property(fc.dictionary(fc.constantFrom(...keys), value, { maxKeys: 6 }), (doc) => assertWellFormed(stringify(doc))), { numRuns: 300, seed: 20261127 });
  });

  it('on random text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (text) => assertWellFormed(text)), { numRuns: 300, seed: 20261127 });
  });

  it('on the order-pipeline example with lines deleted, duplicated or cut', () => {
    const lines = example.split('\n');
    const mutation = fc.record({
      at: fc.nat({ max: lines.length - 1 }),
      kind: fc.constantFrom('delete', 'duplicate', 'truncate', 'indent', 'dedent'),
      cut: fc.nat({ max: 40 }),
    });
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
        const copy = [...lines];
        for (const m of mutations) {
          const i = m.at % copy.length;
          if (m.kind === 'delete') copy.splice(i, 1);
          else if (m.kind === 'duplicate') copy.splice(i, 0, copy[i]!);
          else if (m.kind === 'truncate') copy[i] = copy[i]!.slice(0, m.cut);
          else if (m.kind === 'indent') copy[i] = `  ${copy[i]}`;
          else copy[i] = copy[i]!.replace(/^ {1,2}/, '');
        }
        assertWellFormed(copy.join('\n'));
      }),
      { numRuns: 300, seed: 20261127 },
    );
  });

  it('on the example with values swapped for random ones', () => {
    const lines = example.split('\n').map((l, i) => ({ l, i })).filter(({ l }) => /^\s*[\w-]+: \S/.test(l));
    fc.assert(
      fc.property(fc.nat({ max: lines.length - 1 }), scalar, (pick, v) => {
        const copy = example.split('\n');
        const { l, i } = lines[pick]!;
        copy[i] = l.replace(/: .*$/, `: ${JSON.stringify(v)}`);
        assertWellFormed(copy.join('\n'));
      }),
      { numRuns: 300, seed: 20261127 },
    );
  });
});
