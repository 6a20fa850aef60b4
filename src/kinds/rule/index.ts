// EventBridge rules: `rules:` entries and the rules event and schedule triggers imply
// (function/model.ts makes those), with their targets.
import type { KindDefinition } from '../types.js';
import { checkRules } from './checks.js';
import { modelRules } from './model.js';
import { synthRules } from './synth.js';
import { ruleScaffold } from './scaffold.js';

export const rule: KindDefinition = { name: 'rule', check: checkRules, model: modelRules, synth: [synthRules], scaffold: ruleScaffold };
