// What synth writes for Python functions: a typed stub for each handler that does not exist yet,
// and in each code root the generated package handlers import (generated/lambda_types.py, the
// event and result TypedDicts; generated/resources.py, the twin of resources.ts). An app
// without Python functions gets none of it.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { PlannedFile } from '../../core/files.js';
import { languageOf } from '../../kinds/function/handler.js';
import type { App } from '../../model/types.js';
import { templatesDir } from '../paths.js';
import { pythonResourcesModule } from './resources.js';
import { generatedDir, pythonCodeRoots, pythonStub } from './stubs.js';

export { pythonStub } from './stubs.js';

/** generated/lambda_types.py: the S3 object event types only when a bucket triggers a function. */
export function lambdaTypesModule(app: App): string {
  const read = (file: string) => readFileSync(path.join(templatesDir(), 'python', file), 'utf8');
  const s3 = app.functions.some((f) => f.triggers.some((t) => t.type === 'bucket'));
  return s3 ? read('lambda_types.py') + read('lambda_types_s3.py') : read('lambda_types.py');
}

export function pythonFiles(app: App, cwd?: string): PlannedFile[] {
  const python = app.functions.filter((f) => languageOf(f.runtime) === 'python' && f.handlerFile.endsWith('.py'));
  if (!python.length) return [];
  const files: PlannedFile[] = [];
  for (const fn of python) {
    const exists = cwd !== undefined && existsSync(path.resolve(cwd, fn.handlerFile));
    files.push({ path: fn.handlerFile, content: exists ? '' : pythonStub(fn, app), mode: 'create-if-missing' });
  }
  const types = lambdaTypesModule(app);
  const resources = pythonResourcesModule(app);
  for (const root of pythonCodeRoots(app)) {
    const dir = generatedDir(root);
    files.push({ path: `${dir}/lambda_types.py`, content: types, mode: 'overwrite' }, { path: `${dir}/resources.py`, content: resources, mode: 'overwrite' });
  }
  return files;
}
