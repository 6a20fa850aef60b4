// What a `uses: - queue: x` grants: sending to it.
import { logicalId } from '../../core/names.js';
import type { App, UseModel } from '../../model/types.js';
import { allow } from '../iam.js';
import { getAtt, type Statement } from '../template.js';

export function queueGrants(_app: App, use: UseModel): Statement[] {
  return [allow(['sqs:SendMessage', 'sqs:GetQueueAttributes'], getAtt(logicalId('queue', use.name), 'Arn'))];
}
