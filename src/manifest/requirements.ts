// `requirements:` (a function's, or the defaults') names a requirements.txt or pyproject.toml
// in the project: it must exist, as a regular file inside the project folder.
import type { AppManifest } from './app.types.js';
import { insideProject, readProjectFile } from './files.js';
import type { Problem } from './problems.js';

const MAX_REQUIREMENTS_BYTES = 1024 * 1024;

export function requirementsProblems(manifest: AppManifest, cwd: string): Problem[] {
  const named: { at: (string | number)[]; file: string }[] = [];
  if (typeof manifest.defaults?.requirements === 'string') named.push({ at: ['defaults', 'requirements'], file: manifest.defaults.requirements });
  for (const [name, fn] of Object.entries(manifest.functions ?? {})) {
    if (fn && typeof fn.requirements === 'string') named.push({ at: ['functions', name, 'requirements'], file: fn.requirements });
  }
  const problems: Problem[] = [];
  for (const { at, file } of named) {
    if (!insideProject(file)) {
      problems.push({ path: at, code: 'path-outside', message: `requirements file '${file}' is outside the project folder`, hint: 'use a path relative to app.yaml, such as requirements.txt' });
      continue;
    }
    const read = readProjectFile(cwd, file, MAX_REQUIREMENTS_BYTES);
    if ('missing' in read) {
      problems.push({ path: at, code: 'requirements-file', message: `requirements file '${file}' does not exist`, hint: `create ${file}, or remove requirements: to use the code root's requirements.txt (else the project's)` });
    } else if ('problem' in read) problems.push({ path: at, ...read.problem });
  }
  return problems;
}
