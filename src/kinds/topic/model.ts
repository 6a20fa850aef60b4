// Topics in the model (their subscriptions are added by subscription/model.ts).
import { logicalId } from '../../core/names.js';
import type { ModelContext } from '../types.js';
import { parseValue } from '../../model/values.js';

export function modelTopics(c: ModelContext): void {
  for (const [name, spec] of Object.entries(c.m.topics ?? {})) {
    c.app.topics.push({ name, logicalId: logicalId('topic', name), fifo: spec.fifo ?? false, subscriptions: [], path: ['topics', name], physicalName: spec.name === undefined ? undefined : parseValue(spec.name), ...(spec.message === undefined ? {} : { message: typeof spec.message === 'string' ? c.eventSchemas?.get(`topics.${name}`) : spec.message }) });
  }
}
