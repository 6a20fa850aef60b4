// The template under construction: resources with the app.yaml place each came from (for
// collision errors), plus the policies that several resources contribute statements to.
import type { Problem } from '../manifest/problems.js';
import type { SourcePath } from '../model/types.js';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json | undefined };
export type Resource = { Type: string; Properties?: Record<string, unknown>; [key: string]: unknown };
export type Statement = { Sid?: string; Effect: 'Allow' | 'Deny'; Principal?: unknown; Action: string | string[]; Resource: unknown; Condition?: unknown };

export const ref = (id: string) => ({ Ref: id });
export const getAtt = (id: string, attr: string) => ({ 'Fn::GetAtt': [id, attr] });
export const sub = (text: string, vars?: Record<string, unknown>) => ({ 'Fn::Sub': vars && Object.keys(vars).length ? [text, vars] : text });

export interface Collision {
  logicalId: string;
  first: SourcePath;
  second: SourcePath;
}

export class TemplateBuilder {
  readonly resources = new Map<string, Resource>();
  readonly sources = new Map<string, SourcePath>();
  readonly outputs = new Map<string, { Value: unknown; Description?: string; Export?: unknown }>();
  readonly collisions: Collision[] = [];
  /** What a step found that AWS would refuse (synth reports them with the others). */
  readonly problems: Problem[] = [];
  /** Statements for each queue's single AWS::SQS::QueuePolicy (several would overwrite each other). */
  readonly queuePolicies = new Map<string, Statement[]>();
  readonly topicPolicies = new Map<string, Statement[]>();
  globals: Record<string, unknown> | undefined;

  add(logicalId: string, resource: Resource, source: SourcePath): void {
    const prev = this.sources.get(logicalId);
    if (prev) {
      this.collisions.push({ logicalId, first: prev, second: source });
      return;
    }
    this.resources.set(logicalId, resource);
    this.sources.set(logicalId, source);
  }

  allowOnQueue(queueId: string, statement: Statement): void {
    const list = this.queuePolicies.get(queueId) ?? [];
    list.push(statement);
    this.queuePolicies.set(queueId, list);
  }

  allowOnTopic(topicId: string, statement: Statement): void {
    const list = this.topicPolicies.get(topicId) ?? [];
    list.push(statement);
    this.topicPolicies.set(topicId, list);
  }

  output(name: string, value: unknown, description?: string, exportName?: unknown): void {
    this.outputs.set(name, { Description: description, Value: value, ...(exportName ? { Export: { Name: exportName } } : {}) });
  }
}

/** Removes undefined values, which is how eda leaves a property out. Everything else stays,
 * empty objects included: `Result: {}` in a workflow or `Properties: {}` in a raw resource is
 * what the user wrote. */
export function clean<T>(value: T): T {
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const v of value) if (v !== undefined) out.push(clean(v));
    return out as T;
  }
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value)) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined) out[k] = clean(v);
    }
    return out as T;
  }
  return value;
}
