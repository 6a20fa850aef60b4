// Plans and applies file writes: nothing is half-written. Each file is written to a temp file
// and synced, then renamed straight over its target (atomic on POSIX: the target is always
// either the old or the new file). If anything fails, every file already replaced is restored.
// A process killed part-way leaves only whole files and temp files; the next run removes the
// temp files, and `eda synth` regenerates whatever app.yaml no longer matches. A generated file
// the app no longer needs is deleted only when it still starts with eda's header line.
import { randomBytes } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { EdaError, UsageError } from './errors.js';

export interface PlannedFile {
  /** Relative to the project folder. */
  path: string;
  /** For 'delete-generated': the first line's start that marks the file as written by eda. */
  content: string;
  /** 'delete-generated': remove the file if it exists and still starts with `content` (a file eda wrote). */
  mode: 'create-if-missing' | 'overwrite' | 'delete-generated';
}

export interface FileAction {
  path: string;
  action: 'CREATE' | 'UPDATE' | 'DELETE' | 'SKIP';
  /** Why a file is skipped: it exists (never clobbered, or not eda's to delete) or is unchanged (or already gone). */
  reason?: 'exists' | 'unchanged';
  content: string;
}

export interface ApplyOptions {
  /** Files that must still hold this content just before they are replaced (app.yaml as it was read). */
  unchanged?: Record<string, string>;
}

export async function planFiles(cwd: string, files: PlannedFile[]): Promise<FileAction[]> {
  return Promise.all(
    files.map(async (f): Promise<FileAction> => {
      // A file written only when missing is not read: whether it exists is all that counts.
      if (f.mode === 'create-if-missing') {
        const exists = await existsAt(path.resolve(cwd, f.path));
        return exists ? { path: f.path, action: 'SKIP', reason: 'exists', content: f.content } : { path: f.path, action: 'CREATE', content: f.content };
      }
      const current = await readIfExists(path.resolve(cwd, f.path));
      if (f.mode === 'delete-generated') {
        if (current === undefined) return { path: f.path, action: 'SKIP', reason: 'unchanged', content: '' };
        return current.startsWith(f.content) ? { path: f.path, action: 'DELETE', content: '' } : { path: f.path, action: 'SKIP', reason: 'exists', content: current };
      }
      if (current === undefined) return { path: f.path, action: 'CREATE', content: f.content };
      if (current === f.content) return { path: f.path, action: 'SKIP', reason: 'unchanged', content: f.content };
      return { path: f.path, action: 'UPDATE', content: f.content };
    }),
  );
}

/** Temp and backup files eda writes beside a target: `<file>.eda-<pid>-<8 hex>.tmp|.bak`. */
const TEMP_NAME = /\.eda-\d+-[0-9a-f]{8}\.(tmp|bak)$/;

/** The folders eda writes into: those of the given files, plus where stubs, tests and generated code go. */
function writtenFolders(cwd: string, files: string[]): string[] {
  const rels = ['.', 'src/handlers', 'src/generated', 'test', ...files.map((f) => path.dirname(f))];
  return [...new Set(rels.map((r) => path.resolve(cwd, r)))];
}

/** Temp files left by an eda process that was killed while writing (relative to cwd). */
export async function leftoverTemps(cwd: string, files: string[] = []): Promise<string[]> {
  const found: string[] = [];
  for (const dir of writtenFolders(cwd, files)) {
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const n of names) if (TEMP_NAME.test(n)) found.push(path.relative(cwd, path.join(dir, n)));
  }
  return found.sort();
}

/** Test hooks: EDA_TEST_FAIL_AFTER_WRITES=N makes the (N+1)th rename fail, to prove rollback;
 *  EDA_TEST_KILL_AFTER_WRITES=N kills the process (SIGKILL, no clean-up) there instead;
 *  EDA_TEST_PAUSE_BEFORE_WRITES=ms waits after staging, before the first rename. */
function hook(name: string): number {
  const n = process.env[name];
  return n === undefined || n === '' ? Infinity : Number(n);
}

/** Writes a file and flushes it to disk before it is renamed into place. */
async function writeSynced(file: string, content: string): Promise<void> {
  const handle = await open(file, 'wx');
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Makes renames in a folder durable. Some platforms cannot sync a folder; the rename is still atomic. */
async function syncFolder(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    /* not supported here */
  }
}

interface Staged {
  target: string;
  temp: string;
  /** The bytes it replaces or deletes (undefined: a new file). */
  previous?: Buffer;
  /** Deleted rather than replaced (no temp file). */
  remove?: boolean;
  renamed: boolean;
}

export async function applyFiles(cwd: string, actions: FileAction[], opts: ApplyOptions = {}): Promise<void> {
  const todo = actions.filter((a) => a.action !== 'SKIP');
  // Callers hold the project lock, so any temp file here is a leftover of a killed run.
  for (const stale of await leftoverTemps(cwd, actions.map((a) => a.path))) await rm(path.resolve(cwd, stale), { force: true });
  const suffix = `.eda-${process.pid}-${randomBytes(4).toString('hex')}`;
  const staged: Staged[] = [];
  const createdDirs: string[] = [];
  try {
    for (const a of todo) {
      const target = path.resolve(cwd, a.path);
      if (a.action === 'DELETE') {
        staged.push({ target, temp: `${target}${suffix}.tmp`, previous: await readFile(target), renamed: false, remove: true });
        continue;
      }
      const made = await mkdir(path.dirname(target), { recursive: true });
      if (made) createdDirs.push(made);
      const previous = a.action === 'UPDATE' ? await readFile(target).catch(() => undefined) : undefined;
      const temp = `${target}${suffix}.tmp`;
      staged.push({ target, temp, previous, renamed: false });
      await writeSynced(temp, a.content);
    }
    const pause = hook('EDA_TEST_PAUSE_BEFORE_WRITES');
    if (pause !== Infinity) await new Promise((r) => setTimeout(r, pause));
    const failAt = hook('EDA_TEST_FAIL_AFTER_WRITES');
    const killAt = hook('EDA_TEST_KILL_AFTER_WRITES');
    let renamed = 0;
    for (const s of staged) {
      if (renamed >= killAt) process.kill(process.pid, 'SIGKILL');
      if (renamed >= failAt) throw new Error('simulated failure while writing files (EDA_TEST_FAIL_AFTER_WRITES)');
      await requireUnchanged(cwd, s.target, opts.unchanged);
      if (s.remove) await rm(s.target, { force: true });
      else await rename(s.temp, s.target);
      s.renamed = true;
      renamed++;
    }
    for (const dir of new Set(staged.map((s) => path.dirname(s.target)))) await syncFolder(dir);
  } catch (error) {
    await rollBack(staged, createdDirs);
    throw error;
  }
}

/** Refuses to replace a file someone changed since eda read it (another program, or another eda). */
async function requireUnchanged(cwd: string, target: string, unchanged: Record<string, string> | undefined): Promise<void> {
  const rel = path.relative(cwd, target);
  const expected = unchanged?.[rel];
  if (expected === undefined) return;
  if ((await readIfExists(target)) !== expected) {
    throw new EdaError(`${rel} changed while eda was working on it, so nothing was changed`, 'run the command again');
  }
}

async function rollBack(staged: Staged[], createdDirs: string[]): Promise<void> {
  for (const s of [...staged].reverse()) {
    await rm(s.temp, { force: true }).catch(() => undefined);
    if (!s.renamed) continue;
    if (s.previous === undefined) await rm(s.target, { force: true }).catch(() => undefined);
    else await restore(s, s.previous).catch(() => undefined);
  }
  for (const dir of createdDirs.reverse()) await rm(dir, { recursive: true, force: true }).catch(() => undefined);
}

/** Puts the old bytes back, again through a temp file renamed over the target. */
async function restore(s: Staged, previous: Buffer): Promise<void> {
  const temp = `${s.temp.slice(0, -'.tmp'.length)}.bak`;
  const handle = await open(temp, 'w');
  try {
    await handle.writeFile(previous);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, s.target);
}

/** Whether `file` exists (following links); errors other than ENOENT are thrown, as a read would. */
async function existsAt(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * An explicit --out (eda synth, graph, export) may go anywhere, but a file already there is
 * replaced only when `isOutput(its text)` says it is an earlier output of `what` ('a template',
 * 'an AsyncAPI document'): `--out app.yaml` would otherwise lose the user's work. Throws a usage
 * error (exit 2, nothing written) otherwise; `example` names a file for a folder given as --out.
 */
export function refuseForeignOut(cwd: string, out: string, what: string, example: string, isOutput: (text: string) => boolean): void {
  const file = path.resolve(cwd, out);
  let info;
  try {
    info = statSync(file);
  } catch {
    return; // not there yet
  }
  if (info.isDirectory()) throw new UsageError(`--out ${out} is a folder; eda writes ${what} to a file`, `name a file, e.g. ${path.join(out, example)}`);
  let text: string | undefined;
  try {
    text = info.isFile() ? readFileSync(file, 'utf8') : undefined;
  } catch {
    text = undefined;
  }
  if (text !== undefined && isOutput(text)) return;
  throw new UsageError(`--out ${out} already exists and is not ${what} eda wrote: eda does not overwrite it`, `write to a new file (or delete ${out} first, if it is an old one)`);
}
