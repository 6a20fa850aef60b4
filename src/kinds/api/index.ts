// HTTP and REST APIs: `apis:` entries or the one implied by http triggers, ${apis.X.url}.
import type { KindDefinition } from '../types.js';
import { webSocketGrants } from '../websocket/grants.js';
import { apiAttributes } from './attributes.js';
import { checkApis } from './checks.js';
import { modelApis } from './model.js';
import { synthApis } from './synth.js';
import { apiScaffold } from './scaffold.js';

export const api: KindDefinition = { name: 'api', check: checkApis, model: modelApis, attributes: apiAttributes, grants: webSocketGrants, synth: [synthApis], scaffold: apiScaffold };
