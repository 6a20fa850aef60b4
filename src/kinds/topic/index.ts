// SNS topics: `topics:` entries, the key that encrypts them, ${topics.X.arn|name}.
import type { KindDefinition } from '../types.js';
import { topicAttributes } from './attributes.js';
import { topicGrants } from './grants.js';
import { modelTopics } from './model.js';
import { synthTopicKey, synthTopics } from './synth.js';
import { topicScaffold } from './scaffold.js';

export const topic: KindDefinition = { name: 'topic', model: modelTopics, attributes: topicAttributes, grants: topicGrants, synth: [synthTopicKey, synthTopics], scaffold: topicScaffold };
