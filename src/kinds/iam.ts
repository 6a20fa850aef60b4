// Least-privilege IAM statements: exactly the actions each access needs, on exactly the
// resources named. Written out rather than via SAM policy templates or SAM's generated role,
// because SAM's role attaches AWS managed poller policies whose SQS/stream actions allow "*".
// What a `uses` of each kind grants lives in that kind's grants.ts.
import type { App, UseModel } from '../model/types.js';
import { kindOf } from './registry.js';
import { sub, type Statement } from './template.js';

export function allow(action: string | string[], resource: unknown): Statement {
  return { Effect: 'Allow', Action: action, Resource: resource };
}

/** Statements granting what one `uses` entry needs. */
export function useStatements(app: App, use: UseModel): Statement[] {
  if (use.kind === 'secret') {
    const arn = use.secretId.startsWith('arn:')
      ? use.secretId
      : sub(`arn:\${AWS::Partition}:secretsmanager:\${AWS::Region}:\${AWS::AccountId}:secret:${use.secretId}-??????`);
    return [allow('secretsmanager:GetSecretValue', arn)];
  }
  const grants = kindOf(use.kind).grants;
  if (!grants) throw new Error(`a ${use.kind} cannot be used`);
  return grants(app, use);
}

export function assumeRole(service: string) {
  return {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }],
  };
}

export function policyDocument(statements: Statement[]) {
  return { Version: '2012-10-17', Statement: mergeStatements(statements) };
}

/** Joins statements with the same effect and resource, so roles stay short and readable. */
export function mergeStatements(statements: Statement[]): Statement[] {
  const out: Statement[] = [];
  // Each statement's key is serialized once (not once per statement already kept).
  const byKey = new Map<string, Statement>();
  for (const s of statements) {
    const key = JSON.stringify([s.Effect, s.Resource, s.Principal, s.Condition]);
    const same = byKey.get(key);
    if (same) {
      const actions = new Set([...(Array.isArray(same.Action) ? same.Action : [same.Action]), ...(Array.isArray(s.Action) ? s.Action : [s.Action])]);
      same.Action = actions.size === 1 ? [...actions][0]! : [...actions].sort();
    } else {
      const kept = { ...s, Action: Array.isArray(s.Action) ? [...s.Action] : s.Action };
      byKey.set(key, kept);
      out.push(kept);
    }
  }
  return out;
}

/** Refuses any request not made over TLS (queues, topics, buckets, the artifacts bucket). */
export function denyInsecureTransport(action: string, resource: unknown): Statement {
  return { Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: action, Resource: resource, Condition: { Bool: { 'aws:SecureTransport': 'false' } } };
}
