// Plans and applies file writes: nothing is half-written. Each file goes to a temp file that
// is renamed into place; if anything fails, every file already replaced is restored.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface PlannedFile {
  /** Relative to the project folder. */
  path: string;
  content: string;
  mode: 'create-if-missing' | 'overwrite';
}

export interface FileAction {
  path: string;
  action: 'CREATE' | 'UPDATE' | 'SKIP';
  /** Why a file is skipped: it exists (never clobbered) or is unchanged. */
  reason?: 'exists' | 'unchanged';
  content: string;
}

export async function planFiles(cwd: string, files: PlannedFile[]): Promise<FileAction[]> {
  return Promise.all(
    files.map(async (f): Promise<FileAction> => {
      let current: string | undefined;
      try {
        current = await readFile(path.resolve(cwd, f.path), 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
      if (current === undefined) return { path: f.path, action: 'CREATE', content: f.content };
      if (f.mode === 'create-if-missing') return { path: f.path, action: 'SKIP', reason: 'exists', content: f.content };
      if (current === f.content) return { path: f.path, action: 'SKIP', reason: 'unchanged', content: f.content };
      return { path: f.path, action: 'UPDATE', content: f.content };
    }),
  );
}

/** Test hook: EDA_TEST_FAIL_AFTER_WRITES=N makes the (N+1)th rename fail, to prove rollback. */
function failAfter(): number {
  const n = process.env.EDA_TEST_FAIL_AFTER_WRITES;
  return n === undefined ? Infinity : Number(n);
}

export async function applyFiles(cwd: string, actions: FileAction[]): Promise<void> {
  const todo = actions.filter((a) => a.action !== 'SKIP');
  const suffix = `.eda-${process.pid}-${randomBytes(4).toString('hex')}`;
  const staged: { target: string; temp: string; backup?: string; created: boolean }[] = [];
  const createdDirs: string[] = [];
  try {
    for (const a of todo) {
      const target = path.resolve(cwd, a.path);
      const dir = path.dirname(target);
      const made = await mkdir(dir, { recursive: true });
      if (made) createdDirs.push(made);
      const temp = `${target}${suffix}.tmp`;
      await writeFile(temp, a.content);
      staged.push({ target, temp, created: a.action === 'CREATE' });
    }
    let renamed = 0;
    const limit = failAfter();
    for (const s of staged) {
      if (renamed >= limit) throw new Error('simulated failure while writing files (EDA_TEST_FAIL_AFTER_WRITES)');
      if (!s.created) {
        s.backup = `${s.target}${suffix}.bak`;
        await rename(s.target, s.backup);
      }
      await rename(s.temp, s.target);
      renamed++;
    }
    await Promise.all(staged.map((s) => (s.backup ? rm(s.backup, { force: true }) : undefined)));
  } catch (error) {
    for (const s of staged.reverse()) {
      await rm(s.temp, { force: true });
      if (s.backup) await rename(s.backup, s.target).catch(() => undefined);
      else if (s.created) await rm(s.target, { force: true }).catch(() => undefined);
    }
    for (const dir of createdDirs.reverse()) await rm(dir, { recursive: true, force: true }).catch(() => undefined);
    throw error;
  }
}
