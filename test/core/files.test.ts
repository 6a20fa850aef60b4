import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyFiles, leftoverTemps, planFiles } from '../../src/core/files.js';

const temp = () => mkdtempSync(path.join(tmpdir(), 'eda-core-files-'));

describe('atomic file writes', () => {
  it('plans create, update and skip, then writes only what changed', async () => {
    const dir = temp();
    writeFileSync(path.join(dir, 'same.txt'), 'same');
    writeFileSync(path.join(dir, 'old.txt'), 'old');
    writeFileSync(path.join(dir, 'mine.txt'), 'mine');
    const plan = await planFiles(dir, [
      { path: 'same.txt', content: 'same', mode: 'overwrite' },
      { path: 'old.txt', content: 'new', mode: 'overwrite' },
      { path: 'mine.txt', content: 'theirs', mode: 'create-if-missing' },
      { path: 'sub/made.txt', content: 'made', mode: 'overwrite' },
    ]);
    expect(plan.map((a) => [a.path, a.action, a.reason])).toEqual([
      ['same.txt', 'SKIP', 'unchanged'],
      ['old.txt', 'UPDATE', undefined],
      ['mine.txt', 'SKIP', 'exists'],
      ['sub/made.txt', 'CREATE', undefined],
    ]);
    await applyFiles(dir, plan);
    expect(readFileSync(path.join(dir, 'old.txt'), 'utf8')).toBe('new');
    expect(readFileSync(path.join(dir, 'mine.txt'), 'utf8')).toBe('mine');
    expect(readFileSync(path.join(dir, 'sub/made.txt'), 'utf8')).toBe('made');
    expect(await leftoverTemps(dir, ['sub/made.txt'])).toEqual([]);
  });

  it('refuses to replace a file that changed since it was read, and leaves everything as it was', async () => {
    const dir = temp();
    writeFileSync(path.join(dir, 'app.yaml'), 'edited elsewhere');
    const plan = await planFiles(dir, [
      { path: 'a.txt', content: 'a', mode: 'overwrite' },
      { path: 'app.yaml', content: 'ours', mode: 'overwrite' },
    ]);
    await expect(applyFiles(dir, plan, { unchanged: { 'app.yaml': 'as read' } })).rejects.toThrow(/changed while eda was working/);
    expect(readdirSync(dir)).toEqual(['app.yaml']);
    expect(readFileSync(path.join(dir, 'app.yaml'), 'utf8')).toBe('edited elsewhere');
  });
});
