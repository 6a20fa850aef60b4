// Step Functions workflows: `workflows:` entries (definitions inline or in files),
// ${workflows.X.arn|name}.
import type { KindDefinition } from '../types.js';
import { workflowAttributes } from './attributes.js';
import { checkWorkflows } from './checks.js';
import { workflowGrants } from './grants.js';
import { modelWorkflows } from './model.js';
import { synthWorkflows } from './synth.js';
import { workflowScaffold } from './scaffold.js';

export const workflow: KindDefinition = { name: 'workflow', check: checkWorkflows, model: modelWorkflows, attributes: workflowAttributes, grants: workflowGrants, synth: [synthWorkflows], scaffold: workflowScaffold };
