// What a `uses: - bus: x` grants: putting events on it.
import type { App, UseModel } from '../../model/types.js';
import { allow } from '../iam.js';
import type { Statement } from '../template.js';
import { busArn } from './attributes.js';

export function busGrants(_app: App, use: UseModel): Statement[] {
  return [allow('events:PutEvents', busArn(use.name))];
}
