// Where a function's code lives and what it exports, by language: Node.js handlers are a
// .ts/.js file exporting `handler`; Python handlers are a .py file defining `handler`, or
// Lambda's own `module.function` form (orders.create.handler → orders/create.py, handler).
import type { FunctionSpec } from '../../manifest/app.types.js';

export type Language = 'nodejs' | 'python';

/** The language of a Lambda runtime identifier (nodejs24.x, python3.13, ...). */
export function languageOf(runtime: string): Language {
  return runtime.startsWith('python') ? 'python' : 'nodejs';
}

const FILE_EXTENSION = /\.(ts|mts|js|mjs|py)$/;
/** Lambda's Python handler form: dotted module path, then the function name. */
const PYTHON_MODULE = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)+$/;

export interface HandlerLocation {
  /** Source file relative to the project folder, e.g. src/handlers/createOrder.ts */
  file: string;
  /** The exported (Node.js) or defined (Python) function's name. */
  export: string;
  /** Python only: the folder packaged as Lambda's task root (see pythonCodeRoot). */
  codeRoot?: string;
}

/** The handler file and function of a function entry, for its resolved runtime. */
export function handlerLocation(name: string, handler: string | undefined, runtime: string): HandlerLocation {
  const language = languageOf(runtime);
  if (handler === undefined) {
    return language === 'python' ? { file: `src/handlers/${name}.py`, export: 'handler', codeRoot: 'src' } : { file: `src/handlers/${name}.ts`, export: 'handler' };
  }
  const file = handler.replace(/^\.\//, '');
  if (FILE_EXTENSION.test(file)) return { file, export: 'handler', ...(language === 'python' ? { codeRoot: pythonCodeRoot(file) } : {}) };
  if (PYTHON_MODULE.test(handler)) {
    // Lambda's own form names the module from the task root: the project folder.
    const parts = handler.split('.');
    return { file: `${parts.slice(0, -1).join('/')}.py`, export: parts[parts.length - 1]!, codeRoot: '.' };
  }
  return { file, export: 'handler' };
}

/** Why a handler does not suit its runtime's language, or undefined when it does. */
export function handlerLanguageProblem(spec: FunctionSpec, runtime: string): { message: string; hint: string } | undefined {
  if (typeof spec.handler !== 'string') return undefined;
  const language = languageOf(runtime);
  const python = spec.handler.endsWith('.py') || (!FILE_EXTENSION.test(spec.handler) && PYTHON_MODULE.test(spec.handler));
  if (language === 'python' && !python) {
    return { message: `handler '${spec.handler}' is not Python, but the function's runtime is ${runtime}`, hint: 'point handler at a .py file (src/handlers/name.py) or use the module.function form (handlers.name.handler)' };
  }
  if (language === 'nodejs' && python) {
    return { message: `handler '${spec.handler}' is Python, but the function's runtime is ${runtime}`, hint: 'set runtime: python3.13 on the function (or in defaults), or point handler at a .ts file' };
  }
  return undefined;
}

/**
 * The folder a Python handler file is packaged from (Lambda's task root): the file's first
 * folder (src for src/handlers/x.py, so handlers import `generated.resources`), or the project
 * folder for a file at the top. (A module.function handler's root is the project folder.)
 */
export function pythonCodeRoot(handlerFile: string): string {
  const slash = handlerFile.indexOf('/');
  return slash < 0 ? '.' : handlerFile.slice(0, slash);
}

/** The Handler setting Lambda reads: module.function relative to the code root (Python) or file base.function (Node.js, bundled flat). */
export function lambdaHandler(handlerFile: string, handlerExport: string, runtime: string, codeRoot?: string): string {
  if (languageOf(runtime) === 'python') {
    const root = codeRoot ?? pythonCodeRoot(handlerFile);
    const inRoot = root === '.' ? handlerFile : handlerFile.slice(root.length + 1);
    return `${inRoot.replace(/\.py$/, '').split('/').join('.')}.${handlerExport}`;
  }
  return `${handlerFile.slice(handlerFile.lastIndexOf('/') + 1).replace(/\.(ts|mts|js|mjs)$/, '')}.${handlerExport}`;
}
