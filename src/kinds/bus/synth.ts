// Each bus: an AWS::Events::EventBus named after the stack (or its `name:`), with the policy
// letting other accounts or an organization put events when it has one, and its archive.
import type { App, BusModel } from '../../model/types.js';
import { getAtt, sub, type TemplateBuilder } from '../template.js';
import { resolveValue } from '../values.js';

export function synthBuses(app: App, t: TemplateBuilder): void {
  for (const bus of app.buses) {
    const name = bus.physicalName === undefined ? sub(`\${AWS::StackName}-${bus.name}`) : resolveValue(app, bus.physicalName);
    t.add(bus.logicalId, { Type: 'AWS::Events::EventBus', Properties: { Name: name, Policy: busPolicy(bus, name) } }, bus.path);
    if (bus.archiveDays !== undefined) {
      t.add(
        `${bus.logicalId}Archive`,
        { Type: 'AWS::Events::Archive', Properties: { SourceArn: getAtt(bus.logicalId, 'Arn'), RetentionDays: bus.archiveDays, Description: `Events of bus ${bus.name}` } },
        bus.path,
      );
    }
  }
}

/** The bus's resource policy: events:PutEvents on this bus only, for the accounts or the organization named. */
function busPolicy(bus: BusModel, name: unknown): unknown {
  const policy = bus.policy;
  if (!policy) return undefined;
  // The bus's own ARN is built from its name: a GetAtt on itself would be a circular reference.
  const arn = sub('arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/${BusName}', { BusName: name });
  const statements: unknown[] = [];
  if (policy.allowAccounts.length) {
    statements.push({
      Sid: 'AllowAccountsToPutEvents',
      Effect: 'Allow',
      Principal: { AWS: policy.allowAccounts.map((a) => sub(`arn:\${AWS::Partition}:iam::${a}:root`)) },
      Action: 'events:PutEvents',
      Resource: arn,
    });
  }
  if (policy.allowOrganization) {
    statements.push({
      Sid: 'AllowOrganizationToPutEvents',
      Effect: 'Allow',
      Principal: '*',
      Action: 'events:PutEvents',
      Resource: arn,
      Condition: { StringEquals: { 'aws:PrincipalOrgID': policy.allowOrganization } },
    });
  }
  return { Version: '2012-10-17', Statement: statements };
}


