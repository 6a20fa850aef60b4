// EventBridge Pipes (`pipes:`): a queue or a table's stream, filtered, optionally enriched,
// delivered to one function, workflow, queue, topic or bus.
import type { KindDefinition } from '../types.js';
import { checkPipes } from './checks.js';
import { linkPipes, modelPipes } from './model.js';
import { pipeScaffold } from './scaffold.js';
import { synthPipes } from './synth.js';

export const pipe: KindDefinition = { name: 'pipe', check: checkPipes, model: modelPipes, link: linkPipes, synth: [synthPipes], scaffold: pipeScaffold };
