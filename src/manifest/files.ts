// Reading and writing inside the project, safely: a path is judged where it really leads (symbolic
// links resolved), and only regular files of a bounded size are read. A workflow definition that
// links to /dev/zero or a FIFO would otherwise be read forever; a src/generated/ that links
// elsewhere would let synth write outside the project. Readers (load) and writers (synth) call
// these same functions.
import { readFileSync, realpathSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';

/** Step Functions accepts definitions of at most 1 MB; app.yaml gets room for very large apps. */
export const MAX_DEFINITION_BYTES = 1024 * 1024;
export const MAX_MANIFEST_BYTES = 16 * 1024 * 1024;

export interface FileProblem {
  code: string;
  message: string;
  hint: string;
}

/**
 * Where `rel` (relative to the project folder) really leads, following symbolic links as far as
 * the path exists; a problem when that is outside the project.
 */
export function resolveInside(cwd: string, rel: string, root = projectRealPath(cwd)): { abs: string } | { problem: FileProblem } {
  const abs = realpathLoose(path.resolve(root, rel));
  const relative = path.relative(root, abs);
  if (relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative))) return { abs };
  return {
    problem: {
      code: 'path-link-outside',
      message: `'${rel}' leads outside the project folder (to ${abs}) through a symbolic link`,
      hint: 'eda reads and writes only inside the project; replace the link with a real file or folder',
    },
  };
}

/** The project folder's real path (symbolic links resolved): pass it to resolveInside when checking many files. */
export function projectRealPath(cwd: string): string {
  return realpathLoose(path.resolve(cwd));
}

/** The real path of `p`, following symbolic links as far as the path exists (a new project's folder may not yet). */
function realpathLoose(p: string): string {
  let existing = p;
  const rest: string[] = [];
  for (;;) {
    try {
      return path.join(realpathSync.native(existing), ...rest);
    } catch {
      const parent = path.dirname(existing);
      if (parent === existing) return p;
      rest.unshift(path.basename(existing));
      existing = parent;
    }
  }
}

/** What a non-regular file is, in words. */
function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** A problem when an existing path is not a regular file (reading it could block forever). */
export function notRegular(abs: string, rel: string): FileProblem | undefined {
  let stats: Stats;
  try {
    stats = statSync(abs);
  } catch {
    return undefined;
  }
  if (stats.isFile()) return undefined;
  return { code: 'path-not-file', message: `'${rel}' is ${kindOf(stats)}, not a regular file`, hint: 'point it at a regular file inside the project' };
}

/**
 * Reads a regular file inside the project. `missing` when it does not exist; a problem when it
 * leads outside, is not a regular file, or is larger than `maxBytes`.
 */
export function readProjectFile(cwd: string, rel: string, maxBytes: number): { text: string } | { missing: true } | { problem: FileProblem } {
  const where = resolveInside(cwd, rel);
  if ('problem' in where) return where;
  let stats: Stats;
  try {
    stats = statSync(where.abs);
  } catch {
    return { missing: true };
  }
  const irregular = notRegular(where.abs, rel);
  if (irregular) return { problem: irregular };
  if (stats.size > maxBytes) {
    return { problem: { code: 'file-size', message: `'${rel}' is ${stats.size} bytes; eda reads at most ${maxBytes}`, hint: 'is this the right file?' } };
  }
  return { text: readFileSync(where.abs, 'utf8') };
}

/** A relative path that stays inside the project folder. */
export function insideProject(file: string): boolean {
  if (file.startsWith('/') || /^[A-Za-z]:[\\/]/.test(file) || file.startsWith('\\')) return false;
  let depth = 0;
  for (const part of file.split(/[\\/]+/)) {
    if (part === '..') depth--;
    else if (part !== '.' && part !== '') depth++;
    if (depth < 0) return false;
  }
  return true;
}
