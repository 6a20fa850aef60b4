// Each table: an AWS::DynamoDB::Table, retained unless the stage says retainData: false.
import type { App, KeyAttribute } from '../../model/types.js';
import type { TemplateBuilder } from '../template.js';
import { resolveValue } from '../values.js';

export function synthTables(app: App, t: TemplateBuilder): void {
  const policy = app.retainData ? 'Retain' : 'Delete';
  for (const table of app.tables) {
    const attributes = new Map<string, KeyAttribute['type']>();
    const note = (k?: KeyAttribute) => k && attributes.set(k.name, k.type);
    note(table.partitionKey);
    note(table.sortKey);
    for (const idx of table.indexes) note(idx.partitionKey), note(idx.sortKey);
    const keySchema = (pk: KeyAttribute, sk?: KeyAttribute) => [
      { AttributeName: pk.name, KeyType: 'HASH' },
      ...(sk ? [{ AttributeName: sk.name, KeyType: 'RANGE' }] : []),
    ];
    const throughput = table.billing.mode === 'provisioned' ? { ReadCapacityUnits: table.billing.read, WriteCapacityUnits: table.billing.write } : undefined;
    t.add(
      table.logicalId,
      {
        Type: 'AWS::DynamoDB::Table',
        DeletionPolicy: policy,
        UpdateReplacePolicy: policy,
        Properties: {
          TableName: table.physicalName === undefined ? undefined : resolveValue(app, table.physicalName),
          BillingMode: table.billing.mode === 'onDemand' ? 'PAY_PER_REQUEST' : 'PROVISIONED',
          AttributeDefinitions: [...attributes].map(([AttributeName, AttributeType]) => ({ AttributeName, AttributeType })),
          KeySchema: keySchema(table.partitionKey, table.sortKey),
          ProvisionedThroughput: throughput,
          GlobalSecondaryIndexes: table.indexes.length
            ? table.indexes.map((idx) => ({
                IndexName: idx.name,
                KeySchema: keySchema(idx.partitionKey, idx.sortKey),
                Projection: Array.isArray(idx.projection) ? { ProjectionType: 'INCLUDE', NonKeyAttributes: idx.projection } : { ProjectionType: idx.projection },
                ProvisionedThroughput: throughput,
              }))
            : undefined,
          StreamSpecification: table.stream ? { StreamViewType: table.stream } : undefined,
          TimeToLiveSpecification: table.ttl ? { AttributeName: table.ttl, Enabled: true } : undefined,
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: table.pointInTimeRecovery },
          SSESpecification: { SSEEnabled: true },
        },
      },
      table.path,
    );
  }
}
