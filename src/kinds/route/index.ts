// Routes: a function's http triggers (METHOD /path on an api), which synth writes as the
// function's HttpApi/Api events (function/synth.ts), and direct routes (apis.X.routes) that
// send a request straight to a queue, bus, workflow or table through a role of their own.
import type { KindDefinition } from '../types.js';
import { checkRoutes } from './checks.js';
import { checkDirectRoutes } from './direct-checks.js';
import { modelDirectRoutes } from './direct-model.js';
import { synthDirectRoutes } from './direct-synth.js';
import { modelRoutes } from './model.js';
import { routeScaffold } from './scaffold.js';

export const route: KindDefinition = {
  name: 'route',
  check: (c) => {
    checkRoutes(c);
    checkDirectRoutes(c);
  },
  model: (c) => {
    modelRoutes(c);
    modelDirectRoutes(c);
  },
  synth: [synthDirectRoutes],
  scaffold: routeScaffold,
};
