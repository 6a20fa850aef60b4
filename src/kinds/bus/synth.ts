// Each bus: an AWS::Events::EventBus named after the stack, and its archive when it has one.
import type { App } from '../../model/types.js';
import { getAtt, sub, type TemplateBuilder } from '../template.js';

export function synthBuses(app: App, t: TemplateBuilder): void {
  for (const bus of app.buses) {
    t.add(bus.logicalId, { Type: 'AWS::Events::EventBus', Properties: { Name: sub(`\${AWS::StackName}-${bus.name}`) } }, bus.path);
    if (bus.archiveDays !== undefined) {
      t.add(
        `${bus.logicalId}Archive`,
        { Type: 'AWS::Events::Archive', Properties: { SourceArn: getAtt(bus.logicalId, 'Arn'), RetentionDays: bus.archiveDays, Description: `Events of bus ${bus.name}` } },
        bus.path,
      );
    }
  }
}
