// Routes in the model: each function's http triggers, listed on the API they belong to.
import type { ModelContext } from '../types.js';

export function modelRoutes(c: ModelContext): void {
  for (const fn of c.app.functions) {
    for (const t of fn.triggers) {
      if (t.type !== 'http') continue;
      c.app.apis.find((a) => a.name === t.api)?.routes.push({ method: t.method, path: t.path, function: fn.name, source: t.source });
    }
  }
}
