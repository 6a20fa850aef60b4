// eda/testing: whole event flows of an eda app, run in this process under a virtual clock.
// See docs/testing.md. The types are in types.ts (the package's declarations are built from it).
export { startApp } from './app.js';
export { toMs } from './duration.js';
export type * from './types.js';
