// What a `uses: - function: x` grants: invoking it.
import { logicalId } from '../../core/names.js';
import type { App, UseModel } from '../../model/types.js';
import { allow } from '../iam.js';
import { getAtt, type Statement } from '../template.js';

export function functionGrants(_app: App, use: UseModel): Statement[] {
  return [allow('lambda:InvokeFunction', getAtt(logicalId('function', use.name), 'Arn'))];
}
