// Lambda's destinations for asynchronous invocations, as `eda dev` delivers them: the invocation
// record AWS documents ({ version, timestamp, requestContext, requestPayload, responseContext,
// responsePayload }) sent to the function's onSuccess or onFailure queue, topic, function or bus.
import type { DestinationModel, FunctionModel } from '../model/types.js';
import type { Addresses } from './addresses.js';
import type { EventBuses } from './bus.js';
import type { TimerClock } from './clock.js';
import type { AsyncFailureCondition, Functions, LambdaError } from './functions.js';
import { eventBridgeEvent } from './payloads.js';
import type { LocalQueue } from './queues.js';
import type { LocalTopic } from './topics.js';

export interface DestinationDeps {
  addresses: Addresses;
  clock: TimerClock;
  queue(name: string): LocalQueue | undefined;
  topic(name: string): LocalTopic | undefined;
  functions(): Functions;
  buses(): EventBuses;
}

export type InvocationOutcome =
  | { condition: 'Success'; response: unknown }
  | { condition: AsyncFailureCondition | 'RetryAttemptsExhausted'; error: LambdaError };

/** The record Lambda sends to a destination about one asynchronous invocation. */
export function invocationRecord(fnArn: string, event: unknown, requestId: string, attempts: number, outcome: InvocationOutcome, now: number): Record<string, unknown> {
  const ok = outcome.condition === 'Success';
  return {
    version: '1.0',
    timestamp: new Date(now).toISOString(),
    requestContext: { requestId, functionArn: `${fnArn}:$LATEST`, condition: outcome.condition, approximateInvokeCount: attempts },
    requestPayload: event,
    responseContext: ok ? { statusCode: 200, executedVersion: '$LATEST' } : { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
    responsePayload:
      'response' in outcome ? outcome.response : { errorType: outcome.error.errorType, errorMessage: outcome.error.errorMessage, ...(outcome.error.trace ? { trace: outcome.error.trace } : {}) },
  };
}

/** Sends a record to a destination; returns what the trace shows ("queue audit"), or undefined when it does not exist. */
export function deliverRecord(deps: DestinationDeps, fn: FunctionModel, to: DestinationModel, record: Record<string, unknown>): string | undefined {
  const label = `${to.kind} ${to.name}`;
  const body = JSON.stringify(record);
  switch (to.kind) {
    case 'queue': {
      const q = deps.queue(to.name);
      if (!q) return undefined;
      q.send({ body });
      return label;
    }
    case 'topic': {
      const t = deps.topic(to.name);
      if (!t) return undefined;
      t.publish({ message: body });
      return label;
    }
    case 'function':
      deps.functions().invokeAsync(to.name, record, { trigger: `destination of ${fn.name}` });
      return label;
    case 'bus': {
      const success = (record.requestContext as { condition?: string }).condition === 'Success';
      const event = eventBridgeEvent({
        source: 'lambda',
        detailType: `Lambda Function Invocation Result - ${success ? 'Success' : 'Failure'}`,
        detail: record,
        resources: [`${deps.addresses.functionArn(fn.name)}:$LATEST`],
        region: deps.addresses.region,
        time: deps.clock.now(),
      });
      deps.buses().route(to.name, event);
      return label;
    }
  }
}
