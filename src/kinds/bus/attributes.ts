// ${buses.X.name|arn} and their CloudFormation values; `default` is the account's own bus.
import { logicalId } from '../../core/names.js';
import { getAtt, ref, sub } from '../template.js';
import type { Attributes } from '../types.js';

export function defaultBusArn(): unknown {
  return sub('arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/default');
}

export function busArn(name: string): unknown {
  return name === 'default' ? defaultBusArn() : getAtt(logicalId('bus', name), 'Arn');
}

export const busAttributes: Attributes = {
  section: 'buses',
  names: ['name', 'arn'],
  value(_app, name, attr) {
    if (attr === 'arn') return busArn(name);
    return name === 'default' ? 'default' : ref(logicalId('bus', name));
  },
};
