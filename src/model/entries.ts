// The App's entry lists, empty: what every kind's model step fills. One place, so a new kind's
// list is added once (the model builder and hand-built test apps both start from it).
import type { App } from './types.js';

export type EntryLists = Pick<App, 'functions' | 'apis' | 'websocketApis' | 'tables' | 'queues' | 'topics' | 'buses' | 'events' | 'rules' | 'workflows' | 'pipes' | 'connections' | 'buckets' | 'schedules'>;

export function emptyEntries(): EntryLists {
  return { functions: [], apis: [], websocketApis: [], tables: [], queues: [], topics: [], buses: [], events: [], rules: [], workflows: [], pipes: [], connections: [], buckets: [], schedules: [] };
}
