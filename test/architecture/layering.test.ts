// The house's layering, held in CI: core ← manifest ← model ← kinds ← synth/scaffold/deploy
// ← pipeline ← cli; pattern and core import nothing of eda; local reads the model (and pattern),
// never synth, deploy or scaffold; only cli imports cli; the folder graph has no cycle.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { folderEdges, RULES, violations, type Allowed } from './graph.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The violations of today's tree, while issue 9's parts are in flight. Each entry names the
 * work that removes it; the integrator empties this list after merging them. A new violation
 * fails the test, and so does an entry that no longer matches anything.
 */
const ALLOWED: Allowed[] = [
  // Part 2 (one terminal layer): deploy/cli.ts moves into cli/; deploy imports errors from core.
  { rule: RULES.cli, from: 'deploy', to: 'cli', why: 'deploy/cli.ts and the errors shim (Part 2, integrator codemod)' },
  { rule: RULES.order, from: 'deploy', to: 'cli', why: 'deploy/cli.ts and the errors shim (Part 2, integrator codemod)' },
  // Part 2: scaffold/prompts.ts moves into cli/; Part 4 (add planners) and the codemod take the errors shim.
  { rule: RULES.cli, from: 'scaffold', to: 'cli', why: 'scaffold/prompts.ts, add/*, inventory.ts (Parts 2 and 4, integrator codemod)' },
  { rule: RULES.order, from: 'scaffold', to: 'cli', why: 'scaffold/prompts.ts, add/*, inventory.ts (Parts 2 and 4, integrator codemod)' },
  // The errors shim at cli/errors.ts (integrator codemod).
  { rule: RULES.cli, from: 'manifest', to: 'cli', why: 'manifest/edit.ts imports the errors shim (integrator codemod)' },
  { rule: RULES.order, from: 'manifest', to: 'cli', why: 'manifest/edit.ts imports the errors shim (integrator codemod)' },
  // Part 2 (one output abstraction): writeChange reports through an interface, not cli's Ui.
  { rule: RULES.cli, from: 'pipeline', to: 'cli', why: "pipeline/change.ts prints through cli's Ui (Part 2)" },
  { rule: RULES.order, from: 'pipeline', to: 'cli', why: "pipeline/change.ts prints through cli's Ui (Part 2)" },
  // Part 3 (kinds): semantics.ts and expression-checks.ts import Kind and names from model/ (now in core/).
  { rule: RULES.order, from: 'manifest', to: 'model', why: 'manifest/semantics.ts, expression-checks.ts (Part 3, integrator codemod)' },
  // Shims left at the old paths of what moved into pipeline/ (integrator codemod, then deleted).
  { rule: RULES.order, from: 'manifest', to: 'pipeline', why: 'shim: loadProject in manifest/load.ts' },
  { rule: RULES.order, from: 'synth', to: 'pipeline', why: 'shim: compile in synth/index.ts' },
  { rule: RULES.order, from: 'scaffold', to: 'pipeline', why: 'shim: scaffold/change.ts' },
];

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
