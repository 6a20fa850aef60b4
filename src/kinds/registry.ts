// Every kind eda knows, in the order synth emits them (the template's resource order, so the
// output stays byte-identical); validation and the model walk the same list. Adding a kind is
// one folder and one line here.
import type { Kind } from '../model/types.js';
import { api } from './api/index.js';
import { bucket } from './bucket/index.js';
import { bus } from './bus/index.js';
import { connection } from './connection/index.js';
import { event } from './event/index.js';
import { fn } from './function/index.js';
import { pipe } from './pipe/index.js';
import { queue } from './queue/index.js';
import { route } from './route/index.js';
import { rule } from './rule/index.js';
import { scheduler } from './scheduler/index.js';
import { schedule } from './schedule/index.js';
import { subscription } from './subscription/index.js';
import { table } from './table/index.js';
import { topic } from './topic/index.js';
import type { KindDefinition, KindName } from './types.js';
import { workflow } from './workflow/index.js';
import { websocket } from './websocket/index.js';

export const kinds: readonly KindDefinition[] = [table, queue, topic, bus, fn, api, route, connection, rule, schedule, subscription, workflow, websocket, pipe, bucket, scheduler, event];

/** The definition of one kind. */
export function kindOf(name: KindName | Kind): KindDefinition {
  const found = kinds.find((k) => k.name === name);
  if (!found) throw new Error(`unknown kind ${name}`);
  return found;
}
