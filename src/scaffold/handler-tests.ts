// A first vitest test for a function `eda add` creates, beside its stub (as the starters have):
// it imports the handler and invokes it with a sample event of its trigger kind. Written only
// with a new stub, and never over an existing file.
import path from 'node:path';
import { stubTrigger } from '../kinds/scaffold-registry.js';
import type { App, FunctionModel } from '../model/types.js';
import type { PlannedFile } from '../core/files.js';
import { stubKind } from './handlers.js';
import { render } from './render.js';

/** Where a function's first test goes: test/<function>.test.ts. */
function handlerTestPath(fn: FunctionModel): string {
  return `test/${fn.name}.test.ts`;
}

export async function handlerTest(fn: FunctionModel, app: App): Promise<PlannedFile | undefined> {
  if (fn.handlerFile.endsWith('.py')) return (await import('./python/tests.js')).pythonHandlerTest(fn, app);
  if (!/\.(ts|mts)$/.test(fn.handlerFile)) return undefined;
  const file = handlerTestPath(fn);
  const kind = stubKind(fn, app);
  const first = fn.triggers[0];
  const http = first?.type === 'http' ? first : undefined;
  const rel = path.posix.relative(path.posix.dirname(file), fn.handlerFile.replace(/\.(m?)ts$/, '.$1js'));
  const content = await render(`tests/${kind}.test.ts.hbs`, {
    name: fn.name,
    handlerImport: rel.startsWith('.') ? rel : `./${rel}`,
    route: http ? `${http.method} ${http.path}` : '',
    method: http ? (http.method === 'ANY' ? 'GET' : http.method) : '',
    path: http ? http.path : '',
    // The path as a request has it: /orders/{id} → /orders/id-1.
    rawPath: http ? http.path.replace(/\{([^}+]+)\+?\}/g, '$1-1') : '',
    params: http ? Object.fromEntries([...http.path.matchAll(/\{([^}+]+)\+?\}/g)].map((m) => [m[1], `${m[1]}-1`])) : {},
    source: first ? stubTrigger(first.type).testSource(first) : '',
  });
  return { path: file, content, mode: 'create-if-missing' };
}
