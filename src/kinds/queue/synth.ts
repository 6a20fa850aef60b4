// Each queue (declared or implicit) and its DLQ: AWS::SQS::Queue with SQS-managed encryption.
import { logicalId } from '../../core/names.js';
import type { App, QueueModel } from '../../model/types.js';
import { getAtt, sub, type TemplateBuilder } from '../template.js';
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
          QueueName: q.physicalName !== undefined ? resolveValue(app, q.physicalName) : q.redrive ? sourceQueueName(q) : undefined,
          FifoQueue: q.fifo || undefined,
          ContentBasedDeduplication: q.fifo || undefined,
          VisibilityTimeout: q.visibilityTimeout,
          MessageRetentionPeriod: q.retentionSeconds,
          DelaySeconds: q.delaySeconds || undefined,
          SqsManagedSseEnabled: true,
          RedrivePolicy: q.dlq ? { deadLetterTargetArn: getAtt(q.dlq.logicalId, 'Arn'), maxReceiveCount: q.dlq.maxReceives } : redrivePolicy(q),
          RedriveAllowPolicy: redriveAllowPolicy(app, q),
        },
      },
      q.path,
    );
  }
}

// A shared dead-letter queue lists its sources in its redrive allow policy while each source's
// redrive policy names the DLQ: two references either way would be a circular dependency. So
// the sources get a physical name (<stack>-<name>) whose ARN the DLQ's policy can spell out.

/** The physical name of a queue that redrives into a shared dead-letter queue. */
function sourceQueueName(q: QueueModel): unknown {
  return sub(`\${AWS::StackName}-${q.name}${q.fifo ? '.fifo' : ''}`);
}

function redrivePolicy(q: QueueModel): unknown {
  return q.redrive ? { deadLetterTargetArn: getAtt(logicalId('queue', q.redrive.queue), 'Arn'), maxReceiveCount: q.redrive.maxReceives } : undefined;
}

/** byQueue, listing exactly the queues that redrive into this one (SQS allows 10). */
function redriveAllowPolicy(app: App, q: QueueModel): unknown {
  if (!q.redriveSources?.length) return undefined;
  const arn = (name: string) => {
    const source = app.queues.find((x) => x.name === name);
    // a source's ARN is spelled out (a GetAtt would make a cycle): its own name: when it has one
    if (source?.physicalName !== undefined) {
      return { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sqs:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':', resolveValue(app, source.physicalName)]] };
    }
    return sub(`arn:\${AWS::Partition}:sqs:\${AWS::Region}:\${AWS::AccountId}:\${AWS::StackName}-${name}${source?.fifo ? '.fifo' : ''}`);
  };
  return { redrivePermission: 'byQueue', sourceQueueArnList: q.redriveSources.map(arn) };
}
