import type { App } from '../model/types.js';
import { getAtt, ref, type TemplateBuilder } from './template.js';

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

/** One AWS::SQS::QueuePolicy per queue, holding every statement other resources asked for. */
export function synthQueuePolicies(app: App, t: TemplateBuilder): void {
  for (const [queueId, statements] of t.queuePolicies) {
    const source = app.queues.find((q) => q.logicalId === queueId || q.dlq?.logicalId === queueId)?.path ?? [];
    t.add(
      `${queueId}Policy`,
      {
        Type: 'AWS::SQS::QueuePolicy',
        Properties: {
          Queues: [ref(queueId)],
          PolicyDocument: { Version: '2012-10-17', Statement: statements.map((s, i) => ({ Sid: s.Sid ?? `Allow${i + 1}`, ...s })) },
        },
      },
      source,
    );
  }
}
