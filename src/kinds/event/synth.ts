// The app's event contracts in the EventBridge schema registry: one AWS::EventSchemas::Registry
// per app and an AWS::EventSchemas::Schema per event (JSONSchemaDraft4: the event envelope with
// its source, detail-type and the detail's schema converted to draft 4), so code bindings and
// the console show the same contracts eda checks.
import type { App } from '../../model/types.js';
import { getAtt, sub, type TemplateBuilder } from '../template.js';
import { pascal } from '../../core/names.js';
import { toDraft4 } from './draft4.js';

export const REGISTRY_ID = 'EventsSchemaRegistry';

export function synthEventSchemas(app: App, t: TemplateBuilder): void {
  if (!app.events.length) return;
  t.add(REGISTRY_ID, { Type: 'AWS::EventSchemas::Registry', Properties: { RegistryName: sub('${AWS::StackName}-events'), Description: `Event contracts of ${app.name} (events: in app.yaml)` } }, ['events']);
  for (const e of app.events) {
    const detail = toDraft4(e.schema) as Record<string, unknown>;
    const { definitions, ...rest } = detail;
    const content = {
      $schema: 'http://json-schema.org/draft-04/schema#',
      title: e.detailType,
      type: 'object',
      required: ['source', 'detail-type', 'detail'],
      properties: { source: { type: 'string', enum: [e.source] }, 'detail-type': { type: 'string', enum: [e.detailType] }, detail: rest },
      ...(definitions ? { definitions } : {}),
    };
    t.add(
      `${pascal(e.name)}EventSchema`,
      { Type: 'AWS::EventSchemas::Schema', Properties: { RegistryName: getAtt(REGISTRY_ID, 'RegistryName'), SchemaName: `${e.source}@${pascal(e.detailType)}`, Type: 'JSONSchemaDraft4', Content: JSON.stringify(content), Description: `${e.name} on bus ${e.bus}` } },
      e.path,
    );
  }
}
