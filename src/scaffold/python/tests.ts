// A first pytest test for a Python function `eda add` creates, beside its stub (as TypeScript
// functions get a vitest test): tests/test_<function>.py calls the handler with a sample event of
// its trigger kind. Written only with a new stub, never over an existing file; kinds without a
// sample (authorizers, pipes, WebSocket routes, several trigger kinds) get none.
import type { PlannedFile } from '../../core/files.js';
import { stubTrigger } from '../../kinds/scaffold-registry.js';
import type { App, FunctionModel } from '../../model/types.js';
import { stubKind } from '../handlers.js';
import { template } from '../render.js';
import { pySnake, pyString } from './names.js';

const SAMPLES = new Set(['http', 'rest', 'queue', 'topic', 'event', 'schedule', 'stream', 'task', 'plain']);

/** A Python dict literal of strings: {"id": "id-1"}. */
const pyDict = (o: Record<string, string>) => `{${Object.entries(o).map(([k, v]) => `${pyString(k)}: ${pyString(v)}`).join(', ')}}`;

export function pythonHandlerTest(fn: FunctionModel, app: App): PlannedFile | undefined {
  const kinds = new Set(fn.triggers.map((t) => stubTrigger(t.type).template(t, app)));
  const kind = stubKind(fn, app);
  if (kinds.size > 1 || !SAMPLES.has(kind)) return undefined;
  const root = fn.codeRoot ?? 'src';
  const inRoot = root === '.' ? fn.handlerFile : fn.handlerFile.slice(root.length + 1);
  const first = fn.triggers[0];
  const http = first?.type === 'http' ? first : undefined;
  const rawPath = http ? http.path.replace(/\{([^}+]+)\+?\}/g, '$1-1') : '';
  const params = http ? Object.fromEntries([...http.path.matchAll(/\{([^}+]+)\+?\}/g)].map((m) => [m[1], `${m[1]}-1`])) : {};
  const render = template(`tests-python/${kind}.py.hbs`, { strict: false, partials: { pyTestHeader: 'tests-python/header.partial.hbs' } });
  const content = render({
    name: fn.name,
    codeRoot: root,
    pyCodeRoot: pyString(root),
    pyModule: pyString(inRoot.replace(/\.py$/, '').split('/').join('.')),
    pyExport: pyString(fn.handlerExport),
    pyRoute: pyString(http ? `${http.method} ${http.path}` : ''),
    pyMethod: pyString(http ? (http.method === 'ANY' ? 'GET' : http.method) : ''),
    pyPath: pyString(http?.path ?? ''),
    pyRawPath: pyString(rawPath),
    pyParams: Object.keys(params).length ? pyDict(params) : 'None',
    pyRequestHttp: pyDict({ method: http ? (http.method === 'ANY' ? 'GET' : http.method) : '', path: rawPath }),
  });
  return { path: `tests/test_${pySnake(fn.name)}.py`, content, mode: 'create-if-missing' };
}
