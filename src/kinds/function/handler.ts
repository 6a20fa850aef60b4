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
}

/** The handler file and function of a function entry, for its resolved runtime. */
export function handlerLocation(name: string, handler: string | undefined, runtime: string): HandlerLocation {
  const language = languageOf(runtime);
  if (handler === undefined) return { file: `src/handlers/${name}.${language === 'python' ? 'py' : 'ts'}`, export: 'handler' };
  const file = handler.replace(/^\.\//, '');
  if (FILE_EXTENSION.test(file)) return { file, export: 'handler' };
  if (PYTHON_MODULE.test(handler)) {
    const parts = handler.split('.');
    return { file: `${parts.slice(0, -1).join('/')}.py`, export: parts[parts.length - 1]! };
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
