// What a `uses: - bucket: x` grants: reading (GetObject, ListBucket) and writing (PutObject,
// DeleteObject) its objects — object actions on its objects, ListBucket on the bucket itself.
import { logicalId } from '../../core/names.js';
import type { Access, App, UseModel } from '../../model/types.js';
import { allow } from '../iam.js';
import { getAtt, sub, type Statement } from '../template.js';

export function bucketObjectActions(access: Access): string[] {
  const read = ['s3:GetObject'];
  const write = ['s3:DeleteObject', 's3:PutObject'];
  return access === 'read' ? read : access === 'write' ? write : [...read, ...write].sort();
}

export function bucketGrants(_app: App, use: UseModel): Statement[] {
  const access = use.kind === 'bucket' ? use.access : 'readWrite';
  const id = logicalId('bucket', use.name);
  const statements = [allow(bucketObjectActions(access), sub(`\${${id}.Arn}/*`))];
  if (access !== 'write') statements.push(allow('s3:ListBucket', getAtt(id, 'Arn')));
  return statements;
}
