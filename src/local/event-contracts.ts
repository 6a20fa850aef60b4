// eda dev checks each event put on a bus with declared events against its contract (the JSON
// Schema of `events:`), and each message sent to a queue or published to a topic against its
// `message:` schema; a violation is traced, and the event or message still flows, as in AWS.
import { detailViolations } from '../kinds/event/json-schema.js';
import type { App, EventModel } from '../model/types.js';
import type { TraceEvent } from './trace.js';

type ContractTrace = Extract<TraceEvent, { kind: 'contract' }>;
type MessageContractTrace = Extract<TraceEvent, { kind: 'message-contract' }>;

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

/** A queue's or topic's message contract: its schema and the functions that may send or publish (their `uses`). */
export interface MessageContract {
  target: 'queue' | 'topic';
  name: string;
  schema: unknown;
  producers: string[];
}

/** The message contract of a queue or topic of the app, or undefined when it declares no `message:`. */
export function messageContract(app: App, target: 'queue' | 'topic', name: string): MessageContract | undefined {
  const declared = target === 'queue' ? app.queues.find((q) => q.name === name) : app.topics.find((t) => t.name === name);
  if (declared?.message === undefined) return undefined;
  const producers = app.functions.filter((f) => f.uses.some((u) => u.kind === target && u.name === name)).map((f) => f.name);
  return { target, name, schema: declared.message, producers };
}

/** The trace line for a message body that breaks its contract (a body that is not JSON breaks it too), or undefined. */
export function messageViolation(contract: MessageContract, body: string, messageId: string): MessageContractTrace | undefined {
  let message: unknown;
  try {
    message = JSON.parse(body);
  } catch {
    return { kind: 'message-contract', target: contract.target, name: contract.name, messageId, producers: contract.producers, violations: [{ path: 'message', message: 'is not JSON' }] };
  }
  const violations = detailViolations(contract.schema, message, 'message');
  if (!violations.length) return undefined;
  return { kind: 'message-contract', target: contract.target, name: contract.name, messageId, producers: contract.producers, violations };
}
