// EventBridge connections (`connections:`): the authorization API destinations — http targets
// of rules — call with.
import type { KindDefinition } from '../types.js';
import { checkConnections } from './checks.js';
import { modelConnections } from './model.js';
import { connectionScaffold } from './scaffold.js';
import { synthConnections } from './synth.js';

export const connection: KindDefinition = { name: 'connection', check: checkConnections, model: modelConnections, synth: [synthConnections], scaffold: connectionScaffold };
