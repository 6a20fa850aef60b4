// Events in the model: each declared event with its bus, source, detail-type and schema.
import type { ModelContext } from '../types.js';

export function modelEvents(c: ModelContext): void {
  for (const [name, spec] of Object.entries(c.m.events ?? {})) {
    if (!spec) continue;
    const schema = typeof spec.schema === 'string' ? c.eventSchemas?.get(name) : spec.schema;
    c.app.events.push({ name, bus: spec.bus ?? 'default', source: spec.source, detailType: spec.detailType ?? name, schema, producers: spec.producers ?? [], path: ['events', name] });
  }
}
