// What a workflow definition touches: the functions its Task states invoke and the service
// integrations (optimized and aws-sdk) it calls, each on the resource its parameters name.
// Synth turns these into the state machine role's least-privilege statements.
import { isFunctionResource } from '../manifest/asl.js';
import { parseExpressions } from '../manifest/expressions.js';
import type { Kind, ServiceIntegration } from './types.js';

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

const services: Record<string, ServiceSpec> = {
  sqs: { iam: 'sqs', kind: 'queue', keys: ['QueueUrl'] },
  sns: { iam: 'sns', kind: 'topic', keys: ['TopicArn', 'TargetArn'] },
  dynamodb: { iam: 'dynamodb', kind: 'table', keys: ['TableName'] },
  events: { iam: 'events', kind: 'bus', keys: ['EventBusName'] },
  eventbridge: { iam: 'events', kind: 'bus', keys: ['EventBusName'] },
  states: { iam: 'states', kind: 'workflow', keys: ['StateMachineArn'] },
  sfn: { iam: 'states', kind: 'workflow', keys: ['StateMachineArn'] },
  lambda: { iam: 'lambda', kind: 'function', keys: ['FunctionName'], actions: { invoke: ['lambda:InvokeFunction'], invokeAsync: ['lambda:InvokeFunction'] } },
};

const taskArn = /^arn:aws:states:::(aws-sdk:)?([a-z0-9]+):([a-zA-Z0-9]+)(\.sync(?::2)?|\.waitForTaskToken)?$/;

/** Which functions a definition invokes and which service integrations it uses on which resources. */
export function analyseDefinition(definition: Record<string, unknown> | undefined): { invokes: string[]; integrations: ServiceIntegration[] } {
  const invokes = new Set<string>();
  const integrations: ServiceIntegration[] = [];
  const visit = (machine: unknown) => {
    const states = (machine as { States?: Record<string, Record<string, unknown>> })?.States ?? {};
    for (const state of Object.values(states)) {
      if (!state || typeof state !== 'object') continue;
      if (state.Type === 'Task' && typeof state.Resource === 'string') {
        if (isFunctionResource(state.Resource)) invokes.add(state.Resource);
        else {
          for (const p of parseExpressions(state.Resource)) if (p.type === 'ref' && p.kind === 'function') invokes.add(p.name);
          for (const i of taskIntegrations(state)) {
            if (i.target.kind === 'function') invokes.add(i.target.name);
            else integrations.push(i);
          }
        }
      }
      if (Array.isArray(state.Branches)) state.Branches.forEach(visit);
      if (state.ItemProcessor) visit(state.ItemProcessor);
      if (state.Iterator) visit(state.Iterator);
    }
  };
  visit(definition);
  return { invokes: [...invokes], integrations };
}

/** The integrations one Task state calls: the action on each resource its parameters name. */
function taskIntegrations(state: Record<string, unknown>): ServiceIntegration[] {
  const m = taskArn.exec(state.Resource as string);
  if (!m) return [];
  const [, , service, action, suffix] = m as unknown as [string, string | undefined, string, string, string | undefined];
  const spec = services[service!];
  if (!spec) return [];
  const actions = spec.actions?.[action] ?? [`${spec.iam}:${action[0]!.toUpperCase()}${action.slice(1)}`];
  const names = new Set<string>();
  const found = (v: unknown) => {
    if (typeof v === 'string') for (const p of parseExpressions(v)) if (p.type === 'ref' && p.kind === spec.kind) names.add(p.name);
  };
  for (const args of [state.Parameters, state.Arguments]) visitKeys(args, spec.keys, found);
  // PutEvents entries without an EventBusName (or naming `default`) go to the account's default bus.
  if (spec.kind === 'bus' && action === 'putEvents' && [state.Parameters, state.Arguments].some(usesDefaultBus)) names.add('default');
  const sync = suffix?.startsWith('.sync') ?? false;
  return [...names].sort().map((name) => ({ service: spec.iam as ServiceIntegration['service'], actions, target: { kind: spec.kind, name }, sync: sync || undefined }));
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
