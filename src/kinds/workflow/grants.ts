// What a `uses: - workflow: x` grants (starting executions; sync ones for express workflows), and
// what each service integration a workflow's Task states call needs.
import { logicalId } from '../../core/names.js';
import type { App, ServiceIntegration, UseModel } from '../../model/types.js';
import { busArn } from '../bus/attributes.js';
import { allow } from '../iam.js';
import { tableResources } from '../table/grants.js';
import { getAtt, ref, sub, type Statement } from '../template.js';
import { topicKeyGrant } from '../topic/grants.js';

export function workflowGrants(app: App, use: UseModel): Statement[] {
  const wf = app.workflows.find((w) => w.name === use.name);
  const actions = wf?.type === 'express' ? ['states:StartExecution', 'states:StartSyncExecution'] : ['states:StartExecution'];
  return [allow(actions, ref(logicalId('workflow', use.name)))];
}

/** Whether a definition has a distributed Map, at any depth. */
export function hasDistributedMap(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasDistributedMap);
  if (!value || typeof value !== 'object') return false;
  const o = value as Record<string, unknown>;
  if (o.Mode === 'DISTRIBUTED') return true;
  return Object.values(o).some(hasDistributedMap);
}

/**
 * A distributed Map runs its items as child executions of its own state machine. The role cannot
 * name the machine (that would be a cycle), so it names the ones CloudFormation calls <LogicalId>-*.
 */
export function distributedMapStatements(logicalId: string): Statement[] {
  const arn = (type: string, rest: string) => sub(`arn:\${AWS::Partition}:states:\${AWS::Region}:\${AWS::AccountId}:${type}:${logicalId}-${rest}`);
  return [allow('states:StartExecution', arn('stateMachine', '*')), allow(['states:DescribeExecution', 'states:StopExecution'], arn('execution', '*:*'))];
}

/** What one service integration needs, as AWS documents it for each optimized integration. */
export function integrationStatements(app: App, i: ServiceIntegration): Statement[] {
  const { kind, name } = i.target;
  const actions = i.actions.length === 1 ? i.actions[0]! : i.actions;
  switch (kind) {
    case 'table': {
      const itemOnly = i.actions.every((a) => /^dynamodb:(Get|Put|Update|Delete)Item$/.test(a));
      return [allow(actions, itemOnly ? getAtt(logicalId('table', name), 'Arn') : tableResources(app, name))];
    }
    case 'topic':
      // Topics are encrypted with the app's key: publishing needs it (kms:GenerateDataKey*, kms:Decrypt).
      return [allow(actions, ref(logicalId('topic', name))), topicKeyGrant()];
    case 'bus':
      return [allow(actions, busArn(name))];
    case 'workflow': {
      const id = logicalId('workflow', name);
      const statements = [allow(actions, ref(id))];
      if (i.sync) {
        statements.push(allow(['states:DescribeExecution', 'states:StopExecution'], sub(`arn:\${AWS::Partition}:states:\${AWS::Region}:\${AWS::AccountId}:execution:\${${id}.Name}:*`)));
        statements.push(allow(['events:DescribeRule', 'events:PutRule', 'events:PutTargets'], sub('arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:rule/StepFunctionsGetEventsForStepFunctionsExecutionRule')));
      }
      return statements;
    }
    case 'queue':
      // Queues use SQS-managed encryption (no customer key), so sending needs no KMS grant.
      return [allow(actions, getAtt(logicalId('queue', name), 'Arn'))];
    case 'bucket': {
      // ListBucket is granted on the bucket, object actions on its objects
      const id = logicalId('bucket', name);
      return [allow(actions, i.actions.includes('s3:ListBucket') ? getAtt(id, 'Arn') : sub(`\${${id}.Arn}/*`))];
    }
    default:
      return [];
  }
}
