import type { App } from '../model/types.js';
import { denyInsecureTransport } from '../kinds/iam.js';
import { getAtt, ref, type Statement, type TemplateBuilder } from '../kinds/template.js';

/**
 * One AWS::SQS::QueuePolicy for every queue (DLQs and failure queues included) and one
 * AWS::SNS::TopicPolicy for every topic eda generates: each denies requests not made over TLS
 * and holds every statement other resources asked for (several policies on one queue would
 * overwrite each other). Runs before app.yaml's raw `resources` are added, so only eda's own
 * queues and topics get one.
 */
export function synthResourcePolicies(_app: App, t: TemplateBuilder): void {
  const document = (statements: Statement[]) => ({ Version: '2012-10-17', Statement: statements.map((s, i) => ({ Sid: s.Sid ?? `Allow${i + 1}`, ...s })) });
  const generated = (type: string) => [...t.resources].filter(([, r]) => r.Type === type).map(([id]) => id);
  const ids = (type: string, asked: Map<string, Statement[]>) => [...new Set([...generated(type), ...asked.keys()])];
  for (const queueId of ids('AWS::SQS::Queue', t.queuePolicies)) {
    const statements = [denyInsecureTransport('sqs:*', getAtt(queueId, 'Arn')), ...(t.queuePolicies.get(queueId) ?? [])];
    t.add(`${queueId}Policy`, { Type: 'AWS::SQS::QueuePolicy', Properties: { Queues: [ref(queueId)], PolicyDocument: document(statements) } }, t.sources.get(queueId) ?? []);
  }
  for (const topicId of ids('AWS::SNS::Topic', t.topicPolicies)) {
    // sns:Publish is the action AWS's SNS security best practices deny without TLS.
    const statements = [denyInsecureTransport('sns:Publish', ref(topicId)), ...(t.topicPolicies.get(topicId) ?? [])];
    t.add(`${topicId}Policy`, { Type: 'AWS::SNS::TopicPolicy', Properties: { Topics: [ref(topicId)], PolicyDocument: document(statements) } }, t.sources.get(topicId) ?? []);
  }
}
