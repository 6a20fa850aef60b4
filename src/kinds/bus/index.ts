// EventBridge buses: `buses:` entries (`default` is the account's), ${buses.X.name|arn}.
import type { KindDefinition } from '../types.js';
import { busAttributes } from './attributes.js';
import { checkBuses } from './checks.js';
import { busGrants } from './grants.js';
import { modelBuses } from './model.js';
import { synthBuses } from './synth.js';
import { busScaffold } from './scaffold.js';

export const bus: KindDefinition = { name: 'bus', check: checkBuses, model: modelBuses, attributes: busAttributes, grants: busGrants, synth: [synthBuses], scaffold: busScaffold };
