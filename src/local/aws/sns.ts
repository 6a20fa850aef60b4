// The SNS API (query protocol, XML responses): Publish, PublishBatch, ListTopics.
import type { Addresses } from '../addresses.js';
import type { MessageAttributeValue } from '../payloads.js';
import { LIMITS, sqsMessageSize } from '../limits.js';
import { TopicError, type LocalTopic, type PublishInput } from '../topics.js';
import { ApiError, listOf, parseForm, xmlError, xmlResponse, type ApiRequest, type ApiResponse } from './protocol.js';

const XMLNS = 'http://sns.amazonaws.com/doc/2010-03-31/';

export interface SnsApiDeps {
  addresses: Addresses;
  topic: (name: string) => LocalTopic | undefined;
  topics: () => LocalTopic[];
}

function attributesOf(form: Record<string, string>, prefix: string): Record<string, MessageAttributeValue> {
  const out: Record<string, MessageAttributeValue> = {};
  for (const e of listOf(form, prefix)) {
    if (!e.Name) continue;
    out[e.Name] = { DataType: e['Value.DataType'] ?? 'String', StringValue: e['Value.StringValue'], BinaryValue: e['Value.BinaryValue'] };
  }
  return out;
}

function topicFor(deps: SnsApiDeps, arn: string | undefined): LocalTopic {
  const name = arn ? deps.addresses.topicByArn(arn) : undefined;
  const topic = name ? deps.topic(name) : undefined;
  if (!topic) throw new ApiError('NotFound', 'Topic does not exist', 404);
  return topic;
}

/** Message, subject and attributes together, as SNS counts them against its limit. */
function publishSize(input: PublishInput): number {
  return sqsMessageSize(input.message, input.attributes) + Buffer.byteLength(input.subject ?? '');
}

function publishInput(form: Record<string, string>, prefix = ''): PublishInput {
  if (form[`${prefix}Message`] === undefined) throw new ApiError('InvalidParameter', 'Invalid parameter: Message', 400);
  const input = readPublish(form, prefix);
  if (publishSize(input) > LIMITS.snsMessageBytes) throw new ApiError('InvalidParameter', 'Invalid parameter: Message too long', 400);
  return input;
}

function readPublish(form: Record<string, string>, prefix: string): PublishInput {
  return {
    message: form[`${prefix}Message`]!,
    subject: form[`${prefix}Subject`],
    attributes: attributesOf(form, `${prefix}MessageAttributes.entry`),
    structure: form[`${prefix}MessageStructure`],
    groupId: form[`${prefix}MessageGroupId`],
    deduplicationId: form[`${prefix}MessageDeduplicationId`],
  };
}

export function handleSns(deps: SnsApiDeps, req: ApiRequest): ApiResponse {
  const form = parseForm(req.body);
  const action = form.Action ?? '';
  try {
    switch (action) {
      case 'Publish': {
        const topic = topicFor(deps, form.TopicArn ?? form.TargetArn);
        const out = topic.publish(publishInput(form));
        return xmlResponse('Publish', { MessageId: out.messageId, SequenceNumber: out.sequenceNumber }, XMLNS);
      }
      case 'PublishBatch': {
        const topic = topicFor(deps, form.TopicArn);
        const Successful: Record<string, unknown>[] = [];
        const Failed: Record<string, unknown>[] = [];
        const entries = listOf(form, 'PublishBatchRequestEntries.member');
        if (entries.reduce((n, e) => n + publishSize(readPublish({ Message: '', ...e }, '')), 0) > LIMITS.snsMessageBytes) {
          throw new ApiError('BatchRequestTooLong', 'The length of all the messages put together is more than the limit.', 400);
        }
        for (const entry of entries) {
          const fields: Record<string, string> = {};
          for (const [k, v] of Object.entries(entry)) fields[k] = v;
          try {
            const out = topic.publish(publishInput(fields));
            Successful.push({ Id: entry.Id, MessageId: out.messageId, SequenceNumber: out.sequenceNumber });
          } catch (error) {
            Failed.push({ Id: entry.Id, Code: (error as TopicError).code ?? 'InternalError', Message: (error as Error).message, SenderFault: true });
          }
        }
        return xmlResponse('PublishBatch', { Successful, Failed }, XMLNS);
      }
      case 'ListTopics':
        return xmlResponse('ListTopics', { Topics: deps.topics().map((t) => ({ TopicArn: t.arn })) }, XMLNS);
      default:
        throw new ApiError('InvalidAction', `${action} is not supported by the local SNS`, 400);
    }
  } catch (error) {
    if (error instanceof ApiError) return xmlError(error, XMLNS);
    if (error instanceof TopicError) return xmlError(new ApiError(error.code, error.message, 400), XMLNS);
    return xmlError(new ApiError('InternalError', (error as Error).message, 500), XMLNS);
  }
}
