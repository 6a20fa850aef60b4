// ${functions.X.arn|name|url} and their CloudFormation values.
import { logicalId } from '../../core/names.js';
import { getAtt, ref } from '../template.js';
import type { Attributes } from '../types.js';
import { functionUrlValue } from './url.js';

export const functionAttributes: Attributes = {
  section: 'functions',
  names: ['arn', 'name', 'url'],
  value(_app, name, attr) {
    const id = logicalId('function', name);
    return attr === 'arn' ? getAtt(id, 'Arn') : attr === 'url' ? functionUrlValue(id) : ref(id);
  },
};
