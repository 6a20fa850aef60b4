// A topic's subscriptions: queues (with the queue policy statement letting the topic send),
// email and https endpoints. Functions subscribe through their SNS event (function/synth.ts).
import { logicalId, pascal } from '../../core/names.js';
import type { TopicModel } from '../../model/types.js';
import { getAtt, ref, type TemplateBuilder } from '../template.js';

export function synthSubscriptions(topic: TopicModel, t: TemplateBuilder): void {
  let n = 0;
  for (const s of topic.subscriptions) {
    if (s.protocol === 'lambda') continue; // the function's SNS event subscribes it
    n++;
    const filter = s.filter ? { FilterPolicy: s.filter, FilterPolicyScope: s.filterScope === 'body' ? 'MessageBody' : 'MessageAttributes' } : {};
    if (s.protocol === 'sqs') {
      const queueId = logicalId('queue', s.queue);
      t.add(
        `${pascal(topic.name)}To${pascal(s.queue)}Subscription`,
        {
          Type: 'AWS::SNS::Subscription',
          Properties: { TopicArn: ref(topic.logicalId), Protocol: 'sqs', Endpoint: getAtt(queueId, 'Arn'), RawMessageDelivery: s.raw || undefined, ...filter },
        },
        s.source,
      );
      t.allowOnQueue(queueId, {
        Sid: `${pascal(topic.name)}TopicSends`,
        Effect: 'Allow',
        Principal: { Service: 'sns.amazonaws.com' },
        Action: 'sqs:SendMessage',
        Resource: getAtt(queueId, 'Arn'),
        Condition: { ArnEquals: { 'aws:SourceArn': ref(topic.logicalId) } },
      });
    } else {
      const protocol = s.protocol;
      t.add(
        `${pascal(topic.name)}${pascal(protocol)}${n}Subscription`,
        {
          Type: 'AWS::SNS::Subscription',
          Properties: { TopicArn: ref(topic.logicalId), Protocol: protocol, Endpoint: s.endpoint, RawMessageDelivery: s.protocol === 'https' ? s.raw || undefined : undefined, ...filter },
        },
        s.source,
      );
    }
  }
}
