// eda/testing: whole event flows of an eda app, run in this process under a virtual clock.
// See docs/testing.md.
export { startApp } from './app.js';
export type { EventInput, HttpRequest, HttpResponse, StartOptions, TestApp } from './app.js';
export type { MockHandler } from './activity.js';
export type { AppError, Hop } from './hops.js';
export type { Pending, SettleReport } from './settle.js';
export type { ExecutionView, QueueMessage, QueueView, TableView } from './views.js';
export { toMs } from './duration.js';
