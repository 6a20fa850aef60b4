// ${workflows.X.arn|name} and their CloudFormation values.
import { logicalId } from '../../core/names.js';
import { getAtt, ref } from '../template.js';
import type { Attributes } from '../types.js';

export const workflowAttributes: Attributes = {
  section: 'workflows',
  names: ['arn', 'name'],
  value(_app, name, attr) {
    const id = logicalId('workflow', name);
    return attr === 'arn' ? ref(id) : getAtt(id, 'Name');
  },
};
