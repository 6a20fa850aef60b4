// WebSocket APIs: `apis:` entries of type websocket, their routes (route key → function),
// `uses: - api: X` (managing X's connections) and ${apis.X.callbackUrl}. Their stubs are
// stubbed through the api kind's scaffold facet.
import type { KindDefinition } from '../types.js';
import { checkWebSockets } from './checks.js';
import { modelWebSockets } from './model.js';
import { synthWebSockets } from './synth.js';

export const websocket: KindDefinition = { name: 'websocket', check: checkWebSockets, model: modelWebSockets, synth: [synthWebSockets] };
