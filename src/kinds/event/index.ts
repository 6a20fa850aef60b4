// Event contracts: `events:` entries (bus, source, detail-type, JSON Schema, producers), checked
// against the rules that consume them, and topics' and queues' message schemas (messages.ts);
// `eda dev` validates what is put on their buses, published to the topics and sent to the queues.
import type { KindDefinition } from '../types.js';
import { checkEvents } from './checks.js';
import { modelEvents } from './model.js';
import { eventScaffold } from './scaffold.js';
import { synthEventSchemas } from './synth.js';

export const event: KindDefinition = { name: 'event', check: checkEvents, model: modelEvents, synth: [synthEventSchemas], scaffold: eventScaffold };
