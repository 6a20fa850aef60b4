// Event contracts: `events:` entries (bus, source, detail-type, JSON Schema, producers), checked
// against the rules that consume them; `eda dev` validates what is put on their buses.
import type { KindDefinition } from '../types.js';
import { checkEvents } from './checks.js';
import { modelEvents } from './model.js';
import { eventScaffold } from './scaffold.js';
import { synthEventSchemas } from './synth.js';

export const event: KindDefinition = { name: 'event', check: checkEvents, model: modelEvents, synth: [synthEventSchemas], scaffold: eventScaffold };
