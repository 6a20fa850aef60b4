// ${queues.X.url|arn|name} and their CloudFormation values.
import { logicalId } from '../../core/names.js';
import { getAtt, ref } from '../template.js';
import type { Attributes } from '../types.js';

export const queueAttributes: Attributes = {
  section: 'queues',
  names: ['url', 'arn', 'name'],
  value(_app, name, attr) {
    const id = logicalId('queue', name);
    return attr === 'url' ? ref(id) : attr === 'arn' ? getAtt(id, 'Arn') : getAtt(id, 'QueueName');
  },
};
