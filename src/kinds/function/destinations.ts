// Destinations of a function's asynchronous invocations (onSuccess, onFailure) and of its failed
// stream batches: their SAM EventInvokeConfig, and the statements the function's role needs to
// deliver there — exactly one action on exactly that resource.
import { logicalId } from '../../core/names.js';
import type { App, DestinationModel, FunctionModel } from '../../model/types.js';
import { busArn } from '../bus/attributes.js';
import { allow } from '../iam.js';
import { topicKeyGrant } from '../topic/grants.js';
import { getAtt, ref, type Statement } from '../template.js';

/** SAM's DestinationConfig Type of each destination kind. */
const TYPE = { queue: 'SQS', topic: 'SNS', function: 'Lambda', bus: 'EventBridge' } as const;

/** The ARN a destination is given by (queues by their logical ID in the model: failure queues are eda's own). */
export function destinationArn(app: App, d: DestinationModel): unknown {
  switch (d.kind) {
    case 'queue':
      return getAtt(app.queues.find((q) => q.name === d.name)?.logicalId ?? logicalId('queue', d.name), 'Arn');
    case 'topic':
      return ref(logicalId('topic', d.name));
    case 'function':
      return getAtt(logicalId('function', d.name), 'Arn');
    case 'bus':
      return busArn(d.name);
  }
}

/** { Type, Destination } as SAM's DestinationConfig (and a stream event's) takes it. */
export function destinationConfig(app: App, d: DestinationModel): { Type: string; Destination: unknown } {
  return { Type: TYPE[d.kind], Destination: destinationArn(app, d) };
}

/** What the function's role needs to deliver invocation records to a destination. */
export function destinationStatements(app: App, d: DestinationModel): Statement[] {
  const arn = destinationArn(app, d);
  switch (d.kind) {
    case 'queue':
      return [allow('sqs:SendMessage', arn)];
    case 'topic':
      // topics are encrypted with the stack's key: publishing needs it too
      return [allow('sns:Publish', arn), topicKeyGrant()];
    case 'function':
      return [allow('lambda:InvokeFunction', arn)];
    case 'bus':
      return [allow('events:PutEvents', arn)];
  }
}

/** SAM's EventInvokeConfig of a function: its retries, event age and destinations (undefined when all are Lambda's defaults). */
export function eventInvokeConfig(app: App, fn: FunctionModel): Record<string, unknown> | undefined {
  const destinations: Record<string, unknown> = {};
  if (fn.onSuccess) destinations.OnSuccess = destinationConfig(app, fn.onSuccess);
  if (fn.onFailure) destinations.OnFailure = destinationConfig(app, fn.onFailure);
  const custom = fn.maximumRetryAttempts !== undefined || fn.maximumEventAgeSeconds !== undefined;
  if (!Object.keys(destinations).length && !custom) return undefined;
  return {
    MaximumRetryAttempts: fn.maximumRetryAttempts ?? 2,
    MaximumEventAgeInSeconds: fn.maximumEventAgeSeconds,
    DestinationConfig: Object.keys(destinations).length ? destinations : undefined,
  };
}
