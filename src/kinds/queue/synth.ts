// Each queue (declared or implicit) and its DLQ: AWS::SQS::Queue with SQS-managed encryption.
import type { App } from '../../model/types.js';
import { getAtt, type TemplateBuilder } from '../template.js';
import { resolveValue } from '../values.js';

export function synthQueues(app: App, t: TemplateBuilder): void {
  const retain = app.retainData ? 'Retain' : 'Delete';
  for (const q of app.queues) {
    if (q.dlq) {
      t.add(
        q.dlq.logicalId,
        {
          Type: 'AWS::SQS::Queue',
          DeletionPolicy: retain,
          UpdateReplacePolicy: retain,
          Properties: {
            FifoQueue: q.fifo || undefined,
            MessageRetentionPeriod: 1209600,
            SqsManagedSseEnabled: true,
          },
        },
        q.path,
      );
    }
    const implicit = q.implicit !== undefined;
    t.add(
      q.logicalId,
      {
        Type: 'AWS::SQS::Queue',
        ...(implicit ? { DeletionPolicy: retain, UpdateReplacePolicy: retain } : {}),
        Properties: {
          QueueName: q.physicalName === undefined ? undefined : resolveValue(app, q.physicalName),
          FifoQueue: q.fifo || undefined,
          ContentBasedDeduplication: q.fifo || undefined,
          VisibilityTimeout: q.visibilityTimeout,
          MessageRetentionPeriod: q.retentionSeconds,
          DelaySeconds: q.delaySeconds || undefined,
          SqsManagedSseEnabled: true,
          RedrivePolicy: q.dlq ? { deadLetterTargetArn: getAtt(q.dlq.logicalId, 'Arn'), maxReceiveCount: q.dlq.maxReceives } : undefined,
        },
      },
      q.path,
    );
  }
}
