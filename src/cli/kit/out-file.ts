// --out of eda graph and eda export: an explicit path may go anywhere, but a file that is already
// there is replaced only when it is an earlier output of the same kind (a diagram, an AsyncAPI
// document). `--out app.yaml` or `--out src/handlers/x.py` would otherwise lose the user's work.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../../core/errors.js';

/** Throws a usage error (exit 2, nothing written) when `out` exists and `isOutput(its text)` says it is not an earlier output of `what` (e.g. 'an AsyncAPI document'; `example` names a file for one). */
export async function refuseForeignOut(cwd: string, out: string, what: string, example: string, isOutput: (text: string) => boolean): Promise<void> {
  const file = path.resolve(cwd, out);
  const info = await stat(file).catch(() => undefined);
  if (!info) return;
  if (info.isDirectory()) throw new UsageError(`--out ${out} is a folder; eda writes ${what} to a file`, `name a file, e.g. ${path.join(out, example)}`);
  const text = info.isFile() ? await readFile(file, 'utf8').catch(() => undefined) : undefined;
  if (text !== undefined && isOutput(text)) return;
  throw new UsageError(`--out ${out} already exists and is not ${what} eda wrote: eda does not overwrite it`, `write to a new file (or delete ${out} first, if it is an old export)`);
}

