// Routes: a function's http triggers (METHOD /path on an api). Synth writes them as the
// function's HttpApi/Api events (function/synth.ts).
import type { KindDefinition } from '../types.js';
import { checkRoutes } from './checks.js';
import { modelRoutes } from './model.js';
import { routeScaffold } from './scaffold.js';

export const route: KindDefinition = { name: 'route', check: checkRoutes, model: modelRoutes, scaffold: routeScaffold };
