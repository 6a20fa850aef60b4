// SQS queues: `queues:` entries, their queue triggers, ${queues.X.url|arn|name}.
import type { KindDefinition } from '../types.js';
import { queueAttributes } from './attributes.js';
import { checkQueues } from './checks.js';
import { queueGrants } from './grants.js';
import { linkQueues, modelQueues } from './model.js';
import { synthQueues } from './synth.js';
import { queueScaffold } from './scaffold.js';

export const queue: KindDefinition = { name: 'queue', check: checkQueues, model: modelQueues, link: linkQueues, attributes: queueAttributes, grants: queueGrants, synth: [synthQueues], scaffold: queueScaffold };
