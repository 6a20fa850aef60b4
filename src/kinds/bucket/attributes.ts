// ${buckets.X.name|arn} and their CloudFormation values.
import { logicalId } from '../../core/names.js';
import { getAtt, ref } from '../template.js';
import type { Attributes } from '../types.js';

export const bucketAttributes: Attributes = {
  section: 'buckets',
  names: ['name', 'arn'],
  value(_app, name, attr) {
    const id = logicalId('bucket', name);
    return attr === 'name' ? ref(id) : getAtt(id, 'Arn');
  },
};
