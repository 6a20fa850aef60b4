// ${tables.X.name|arn|streamArn} and their CloudFormation values.
import { logicalId } from '../../core/names.js';
import { getAtt, ref } from '../template.js';
import type { Attributes } from '../types.js';

export const tableAttributes: Attributes = {
  section: 'tables',
  names: ['name', 'arn', 'streamArn'],
  value(_app, name, attr) {
    const id = logicalId('table', name);
    return attr === 'name' ? ref(id) : attr === 'arn' ? getAtt(id, 'Arn') : getAtt(id, 'StreamArn');
  },
};
