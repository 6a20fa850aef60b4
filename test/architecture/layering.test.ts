// The house's layering, held in CI: core ← manifest ← model ← kinds ← synth/scaffold/deploy
// ← pipeline ← cli; pattern and core import nothing of eda; local reads the model (and pattern),
// never synth, deploy or scaffold; graph draws the model, never reaching into those or local; only cli imports cli; the folder graph has no cycle.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { folderEdges, RULES, violations, type Allowed } from './graph.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Known violations, each with the work that removes it. Empty, and meant to stay so: a new
 * violation fails the test, and so does an entry that no longer matches anything.
 */
const ALLOWED: Allowed[] = [];

describe('layering of src/', () => {
  const edges = folderEdges(path.join(root, 'src'));

  it('has no import the rules forbid, beyond the listed ones', () => {
    expect(violations(edges, ALLOWED)).toEqual([]);
  });

  it('lists only violations that still exist', () => {
    const current = violations(edges);
    const stale = ALLOWED.filter((a) => !current.some((v) => v.rule === a.rule && v.from === a.from && v.to === a.to));
    expect(stale).toEqual([]);
  });
});

describe('the layering check', () => {
  // A small tree in which every rule is broken once.
  const edges = folderEdges(path.join(root, 'test', 'architecture', 'fixtures', 'forbidden', 'src'));
  const found = violations(edges).map((v) => `${v.rule}: ${v.from} → ${v.to}`);

  it('fails when core/ or pattern/ imports eda', () => {
    expect(found).toContain(`${RULES.ground}: core → manifest`);
    expect(found).toContain(`${RULES.ground}: pattern → core`);
  });

  it('fails when anything outside cli/ imports cli/', () => expect(found).toContain(`${RULES.cli}: synth → cli`));

  it('fails when local/ reaches into synth/', () => expect(found).toContain(`${RULES.local}: local → synth`));

  it('fails when graph/ reaches into local/', () => expect(found).toContain(`${RULES.graph}: graph → local`));

  it('fails when an import goes up the layers, or a folder has no layer', () => {
    expect(found).toContain(`${RULES.order}: manifest → model`);
    expect(found).toContain(`${RULES.placed}: utils → utils`);
  });

  it('fails on a cycle, even between peers', () => expect(found).toContain(`${RULES.cycle}: deploy ⇄ scaffold → deploy ⇄ scaffold`));

  it('counts dynamic imports and re-exports, never comments', () => {
    expect(edges.map((e) => `${e.file} ${e.specifier}`)).toEqual(
      expect.arrayContaining(['deploy/stack.ts ../scaffold/plan.js', 'scaffold/plan.ts ../deploy/stack.js']),
    );
    expect(edges.some((e) => e.file === 'model/app.ts')).toBe(false);
  });
});
