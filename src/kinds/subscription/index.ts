// Topic subscriptions: queues, email and https endpoints under topics.X.subscriptions, and
// functions' topic triggers. topic/synth.ts writes each topic's right after it.
import type { KindDefinition } from '../types.js';
import { checkSubscriptions } from './checks.js';
import { modelSubscriptions } from './model.js';
import { subscriptionScaffold } from './scaffold.js';

export const subscription: KindDefinition = { name: 'subscription', check: checkSubscriptions, model: modelSubscriptions, scaffold: subscriptionScaffold };
