// What a `uses: - topic: x` grants: publishing, and the topics key it is encrypted with.
import { logicalId } from '../../core/names.js';
import type { App, UseModel } from '../../model/types.js';
import { allow } from '../iam.js';
import { getAtt, ref, type Statement } from '../template.js';

/** The customer-managed key every topic (the alerts topic included) is encrypted with. */
export const TOPIC_KEY_ID = 'TopicsKey';

/** Publishing to an encrypted topic needs its key (kms:GenerateDataKey*, kms:Decrypt). */
export function topicKeyGrant(): Statement {
  return allow(['kms:Decrypt', 'kms:GenerateDataKey*'], getAtt(TOPIC_KEY_ID, 'Arn'));
}

export function topicGrants(_app: App, use: UseModel): Statement[] {
  return [allow('sns:Publish', ref(logicalId('topic', use.name))), topicKeyGrant()];
}
