// One eda command at a time changes a project: `add`, `remove`, `synth` and `new` hold the
// lock .eda/lock in the project folder while they read app.yaml and write files. The lock is a
// folder made atomically (proper-lockfile); its owner refreshes its time while it runs, so the
// lock of a killed process goes stale and is taken over. A second command waits a little,
// then refuses in one sentence.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { EdaError } from './errors.js';

export const LOCK_PATH = path.join('.eda', 'lock');

export interface LockOptions {
  /** How long to wait for another command (default 15 s; EDA_LOCK_WAIT_MS overrides). */
  waitMs?: number;
  /** Called once when the lock is taken and this command starts waiting. */
  onWait?: () => void;
}

// A held lock is refreshed every 2.5 s; one untouched for 5 s belongs to a killed process.
const STALE_MS = 5_000;

/** Runs `work` while holding the project's lock. */
export async function withProjectLock<T>(dir: string, work: () => Promise<T>, opts: LockOptions = {}): Promise<T> {
  const release = await lockProject(dir, opts);
  try {
    return await work();
  } finally {
    await release().catch(() => undefined);
  }
}

export async function lockProject(dir: string, opts: LockOptions = {}): Promise<() => Promise<void>> {
  // A CommonJS module: its functions hang off the default export, bundled or not.
  const { lock } = (await import('proper-lockfile')).default;
  const lockfilePath = path.join(dir, LOCK_PATH);
  await mkdir(path.dirname(lockfilePath), { recursive: true });
  const waitMs = opts.waitMs ?? Number(process.env.EDA_LOCK_WAIT_MS ?? 15_000);
  const deadline = Date.now() + waitMs;
  let waited = false;
  for (;;) {
    try {
      // A compromised lock (its folder removed or taken over) is not fatal: app.yaml is compared
      // with what was read just before it is replaced, so a lost update is still refused.
      return await lock(dir, { lockfilePath, realpath: false, stale: STALE_MS, retries: 0, onCompromised: () => undefined });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
      if (Date.now() >= deadline) {
        throw new EdaError(
          `another eda command is changing this project (${path.join(dir, LOCK_PATH)} is held), so nothing was changed`,
          'run the command again when it has finished',
        );
      }
      if (!waited) opts.onWait?.();
      waited = true;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 150));
    }
  }
}
