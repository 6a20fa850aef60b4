// Every starter's README carries its event-flow diagram, current from the first commit:
// `eda graph --check-readme` passes right after `eda new`, and fails once app.yaml grows.
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { eda, tempDir } from '../support/cli.js';
import { ensureBuilt } from '../scaffold/support/built.js';
import { checkMermaid } from '../graph/mermaid-grammar.js';

const starters = ['blank', 'api', 'order-pipeline', 'fan-out', 'scheduled'];

beforeAll(async () => {
  await ensureBuilt();
}, 180_000);

describe("a new project's README diagram", { timeout: 120_000 }, () => {
  const root = tempDir('eda-graph-new-');

  it.each(starters)('%s: drawn, valid mermaid, current; stale once app.yaml changes', async (s) => {
    expect((await eda(['new', s, '--template', s, '--no-install', '--no-git', '--yes'], { cwd: root })).exitCode).toBe(0);
    const dir = path.join(root, s);
    const readme = readFileSync(path.join(dir, 'README.md'), 'utf8');
    const block = /<!-- eda:graph -->\n```mermaid\n([^]*?)```\n<!-- \/eda:graph -->/.exec(readme)?.[1];
    expect(checkMermaid(block ?? '').problems).toEqual([]);
    expect(block).toContain('fn_');
    expect((await eda(['graph', '--cwd', dir, '--check-readme'])).exitCode).toBe(0);
    expect((await eda(['add', 'queue', 'extra', '--cwd', dir, '--yes'])).exitCode).toBe(0);
    expect((await eda(['graph', '--cwd', dir, '--check-readme'])).exitCode).toBe(1);
  });
});
