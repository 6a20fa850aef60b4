// ${functions.X.arn|name} and their CloudFormation values.
import { logicalId } from '../../core/names.js';
import { getAtt, ref } from '../template.js';
import type { Attributes } from '../types.js';

export const functionAttributes: Attributes = {
  section: 'functions',
  names: ['arn', 'name'],
  value(_app, name, attr) {
    const id = logicalId('function', name);
    return attr === 'arn' ? getAtt(id, 'Arn') : ref(id);
  },
};
