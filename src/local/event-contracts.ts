// eda dev checks each event put on a bus with declared events against its contract (the JSON
// Schema of `events:`); a violation is traced, and the event still flows, as in AWS.
import { detailViolations } from '../kinds/event/json-schema.js';
import type { App, EventModel } from '../model/types.js';
import type { TraceEvent } from './trace.js';

type ContractTrace = Extract<TraceEvent, { kind: 'contract' }>;

/** The trace line for an event that breaks its declared schema, or undefined when it keeps it (or has none). */
export function contractViolation(app: App, bus: string, event: { id: string; source: string; 'detail-type': string; detail: unknown }): ContractTrace | undefined {
  const declared: EventModel | undefined = app.events.find((e) => e.bus === bus && e.source === event.source && e.detailType === event['detail-type']);
  if (!declared) return undefined;
  const violations = detailViolations(declared.schema, event.detail);
  if (!violations.length) return undefined;
  return {
    kind: 'contract',
    event: declared.name,
    bus,
    source: event.source,
    eventId: event.id,
    producers: declared.producers,
    violations,
  };
}
