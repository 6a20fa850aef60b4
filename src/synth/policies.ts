import type { App } from '../model/types.js';
import { ref, type Statement, type TemplateBuilder } from './template.js';

/**
 * One AWS::SQS::QueuePolicy per queue and one AWS::SNS::TopicPolicy per topic, holding every
 * statement other resources asked for (several policies on one queue would overwrite each other).
 */
export function synthResourcePolicies(app: App, t: TemplateBuilder): void {
  const document = (statements: Statement[]) => ({ Version: '2012-10-17', Statement: statements.map((s, i) => ({ Sid: s.Sid ?? `Allow${i + 1}`, ...s })) });
  for (const [queueId, statements] of t.queuePolicies) {
    const source = app.queues.find((q) => q.logicalId === queueId || q.dlq?.logicalId === queueId)?.path ?? [];
    t.add(`${queueId}Policy`, { Type: 'AWS::SQS::QueuePolicy', Properties: { Queues: [ref(queueId)], PolicyDocument: document(statements) } }, source);
  }
  for (const [topicId, statements] of t.topicPolicies) {
    const source = app.topics.find((x) => x.logicalId === topicId)?.path ?? [];
    t.add(`${topicId}Policy`, { Type: 'AWS::SNS::TopicPolicy', Properties: { Topics: [ref(topicId)], PolicyDocument: document(statements) } }, source);
  }
}
