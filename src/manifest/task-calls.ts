// The AWS service a workflow Task calls (an optimized integration such as
// arn:aws:states:::sqs:sendMessage, or arn:aws:states:::aws-sdk:<service>:<action>), the IAM
// actions that needs, and the eda resources its parameters name through expressions.
import { parseExpressions } from './expressions.js';
import type { Kind } from '../core/names.js';

export interface TaskCall {
  /** IAM actions, e.g. ["sqs:SendMessage"]. */
  actions: string[];
  /** The kind of eda resource the call acts on, if eda knows the service. */
  kind?: Kind;
  /** The resources of that kind the Task names (`default` for the default bus). */
  names: string[];
  /** A .sync (run a job and wait) integration. */
  sync: boolean;
}

interface ServiceSpec {
  /** The IAM prefix (aws-sdk:sfn → states). */
  iam: string;
  /** The kind of eda resource the call acts on. */
  kind: Kind;
  /** Parameter keys (at any depth) that name that resource. */
  keys: string[];
  /** IAM actions for an API action when they differ from prefix:Action. */
  actions?: Record<string, string[]>;
}

export const services: Record<string, ServiceSpec> = {
  sqs: { iam: 'sqs', kind: 'queue', keys: ['QueueUrl'] },
  sns: { iam: 'sns', kind: 'topic', keys: ['TopicArn', 'TargetArn'] },
  dynamodb: { iam: 'dynamodb', kind: 'table', keys: ['TableName'] },
  events: { iam: 'events', kind: 'bus', keys: ['EventBusName'] },
  eventbridge: { iam: 'events', kind: 'bus', keys: ['EventBusName'] },
  states: { iam: 'states', kind: 'workflow', keys: ['StateMachineArn'] },
  sfn: { iam: 'states', kind: 'workflow', keys: ['StateMachineArn'] },
  lambda: { iam: 'lambda', kind: 'function', keys: ['FunctionName'], actions: { invoke: ['lambda:InvokeFunction'], invokeAsync: ['lambda:InvokeFunction'] } },
  s3: { iam: 's3', kind: 'bucket', keys: ['Bucket'], actions: { listObjectsV2: ['s3:ListBucket'] } },
};

const taskArn = /^arn:aws:states:::(aws-sdk:)?([a-z0-9]+):([a-zA-Z0-9]+)(\.sync(?::2)?|\.waitForTaskToken)?$/;

/** What a Task state calls, or undefined when its Resource is not a service integration ARN. */
export function taskCall(state: Record<string, unknown>): TaskCall | undefined {
  const m = typeof state.Resource === 'string' ? taskArn.exec(state.Resource) : null;
  if (!m) return undefined;
  const [, , service, action, suffix] = m as unknown as [string, string | undefined, string, string, string | undefined];
  const spec = services[service];
  const sync = suffix?.startsWith('.sync') ?? false;
  if (!spec) return { actions: [`${service}:${action[0]!.toUpperCase()}${action.slice(1)}`], names: [], sync };
  const actions = spec.actions?.[action] ?? [`${spec.iam}:${action[0]!.toUpperCase()}${action.slice(1)}`];
  const names = new Set<string>();
  const found = (v: unknown) => {
    if (typeof v === 'string') for (const p of parseExpressions(v)) if (p.type === 'ref' && p.kind === spec.kind) names.add(p.name);
  };
  for (const args of [state.Parameters, state.Arguments]) visitKeys(args, spec.keys, found);
  // PutEvents entries without an EventBusName (or naming `default`) go to the account's default bus.
  if (spec.kind === 'bus' && action === 'putEvents' && [state.Parameters, state.Arguments].some(usesDefaultBus)) names.add('default');
  return { actions, kind: spec.kind, names: [...names].sort(), sync };
}

function usesDefaultBus(args: unknown): boolean {
  const entries = (args as { Entries?: unknown } | undefined)?.Entries;
  if (!Array.isArray(entries)) return false;
  return entries.some((e) => e && typeof e === 'object' && (!Object.keys(e).some((k) => k.startsWith('EventBusName')) || (e as Record<string, unknown>).EventBusName === 'default'));
}

/** Calls found(value) for every value under one of keys, at any depth (`Key.$` paths are dynamic: no grant can be derived). */
function visitKeys(value: unknown, keys: string[], found: (v: unknown) => void): void {
  if (Array.isArray(value)) value.forEach((v) => visitKeys(v, keys, found));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (keys.includes(k)) found(v);
      else visitKeys(v, keys, found);
    }
  }
}
