// IAM broadening: every permission a template grants, as flat rows, so that two
// templates can be compared and any new grant called out before it is deployed.
// Looks at IAM roles (trust and inline policies, managed policy ARNs), IAM policies,
// SAM function/state machine Policies (statements, managed names, policy templates),
// SAM events that imply invoke permissions, Lambda permissions, and resource
// policies on queues, topics, buses, buckets and keys.
import type { Template } from '../core/template.js';
import { canonicalJson, resources } from './template.js';

export type IamKind = 'policy' | 'trust' | 'managed' | 'sam-policy' | 'invoke' | 'resource-policy';

export interface IamRow {
  /** Logical ID of the resource that grants it. */
  resource: string;
  kind: IamKind;
  effect: string;
  actions: string;
  principal: string;
  target: string;
  condition: string;
}

export interface IamDiff {
  added: IamRow[];
  removed: IamRow[];
  /** The changes that widen access: new Allow grants, and Deny statements taken away. */
  broadening: IamRow[];
}

/** Renders intrinsics readably: {Ref: X} -> ${X}, {Fn::GetAtt: [X, Arn]} -> ${X.Arn}. */
export function renderValue(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'object') return String(value);
  if (Array.isArray(value)) return value.map(renderValue).join(', ');
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 1) {
    const [k, v] = entries[0]!;
    if (k === 'Ref') return `\${${String(v)}}`;
    if (k === 'Fn::GetAtt') return `\${${Array.isArray(v) ? v.map(renderValue).join('.') : String(v)}}`;
    if (k === 'Fn::Sub') return Array.isArray(v) ? String(v[0]) : String(v);
    if (k === 'Fn::Join' && Array.isArray(v) && Array.isArray(v[1])) return (v[1] as unknown[]).map(renderValue).join(String(v[0]));
    if (k === 'Fn::ImportValue') return `import(${renderValue(v)})`;
    if (k === 'Fn::If' && Array.isArray(v)) return `${renderValue(v[1])} | ${renderValue(v[2])}`;
  }
  return canonicalJson(value);
}

function list(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function renderList(value: unknown): string {
  return list(value)
    .map(renderValue)
    .sort()
    .join(', ');
}

function renderPrincipal(principal: unknown): string {
  if (principal === undefined) return '';
  if (principal === '*') return '*';
  if (principal && typeof principal === 'object' && !Array.isArray(principal)) {
    const p = principal as Record<string, unknown>;
    const keys = Object.keys(p);
    if (keys.length && keys.every((k) => ['AWS', 'Service', 'Federated', 'CanonicalUser'].includes(k))) {
      return keys
        .sort()
        .map((k) => `${k}:${renderList(p[k])}`)
        .join('; ');
    }
  }
  return renderValue(principal);
}

function statementRows(resource: string, kind: IamKind, document: unknown, extra: { target?: string } = {}): IamRow[] {
  const doc = document as { Statement?: unknown } | undefined;
  const rows: IamRow[] = [];
  for (const raw of list(doc?.Statement)) {
    if (!raw || typeof raw !== 'object') continue;
    const s = raw as Record<string, unknown>;
    const actions = s.Action !== undefined ? renderList(s.Action) : s.NotAction !== undefined ? `NOT ${renderList(s.NotAction)}` : '';
    const target =
      s.Resource !== undefined ? renderList(s.Resource) : s.NotResource !== undefined ? `NOT ${renderList(s.NotResource)}` : (extra.target ?? '');
    const principal =
      s.Principal !== undefined ? renderPrincipal(s.Principal) : s.NotPrincipal !== undefined ? `NOT ${renderPrincipal(s.NotPrincipal)}` : '';
    rows.push({
      resource,
      kind,
      effect: String(s.Effect ?? 'Allow'),
      actions,
      principal,
      target,
      condition: s.Condition !== undefined ? canonicalJson(s.Condition) : '',
    });
  }
  return rows;
}

const EVENT_PRINCIPALS: Record<string, string> = {
  Api: 'Service:apigateway.amazonaws.com',
  HttpApi: 'Service:apigateway.amazonaws.com',
  SNS: 'Service:sns.amazonaws.com',
  EventBridgeRule: 'Service:events.amazonaws.com',
  CloudWatchEvent: 'Service:events.amazonaws.com',
  Schedule: 'Service:events.amazonaws.com',
  ScheduleV2: 'Service:scheduler.amazonaws.com',
  S3: 'Service:s3.amazonaws.com',
  IoTRule: 'Service:iot.amazonaws.com',
  CloudWatchLogs: 'Service:logs.amazonaws.com',
  Cognito: 'Service:cognito-idp.amazonaws.com',
};

const POLL_EVENTS: Record<string, [string, string]> = {
  SQS: ['sqs:ChangeMessageVisibility, sqs:DeleteMessage, sqs:GetQueueAttributes, sqs:ReceiveMessage', 'Queue'],
  DynamoDB: ['dynamodb:DescribeStream, dynamodb:GetRecords, dynamodb:GetShardIterator, dynamodb:ListStreams', 'Stream'],
  Kinesis: ['kinesis:DescribeStream, kinesis:GetRecords, kinesis:GetShardIterator, kinesis:ListShards', 'Stream'],
  MSK: ['kafka:*', 'Stream'],
  MQ: ['mq:*', 'Broker'],
};

function eventSource(props: Record<string, unknown>): unknown {
  return props.Queue ?? props.Stream ?? props.Topic ?? props.Bucket ?? props.RestApiId ?? props.ApiId ?? props.EventBusName ?? props.Pattern ?? props.Schedule ?? '';
}

function samPolicies(logicalId: string, policies: unknown, withRole: boolean): IamRow[] {
  if (withRole) return [];
  const rows: IamRow[] = [];
  for (const p of list(policies)) {
    if (typeof p === 'string' || (p && typeof p === 'object' && ('Ref' in p || 'Fn::Sub' in p || 'Fn::ImportValue' in p))) {
      rows.push({ resource: logicalId, kind: 'managed', effect: 'Allow', actions: '', principal: '', target: renderValue(p), condition: '' });
    } else if (p && typeof p === 'object' && 'Statement' in p) {
      rows.push(...statementRows(logicalId, 'policy', p));
    } else if (p && typeof p === 'object') {
      for (const [name, params] of Object.entries(p)) {
        rows.push({ resource: logicalId, kind: 'sam-policy', effect: 'Allow', actions: name, principal: '', target: renderValue(params), condition: '' });
      }
    }
  }
  return rows;
}

/** Every grant in the template, one row per statement (or managed policy, or permission). */
export function iamRows(template: Template | undefined): IamRow[] {
  const rows: IamRow[] = [];
  for (const [id, res] of Object.entries(resources(template))) {
    if (!res || typeof res !== 'object') continue;
    const props = (res.Properties ?? {}) as Record<string, any>;
    switch (res.Type) {
      case 'AWS::IAM::Role':
        rows.push(...statementRows(id, 'trust', props.AssumeRolePolicyDocument));
        for (const p of list(props.Policies)) rows.push(...statementRows(id, 'policy', (p as any)?.PolicyDocument));
        for (const arn of list(props.ManagedPolicyArns)) {
          rows.push({ resource: id, kind: 'managed', effect: 'Allow', actions: '', principal: '', target: renderValue(arn), condition: '' });
        }
        break;
      case 'AWS::IAM::Policy':
      case 'AWS::IAM::ManagedPolicy':
      case 'AWS::IAM::RolePolicy':
      case 'AWS::IAM::UserPolicy':
      case 'AWS::IAM::GroupPolicy':
        rows.push(...statementRows(id, 'policy', props.PolicyDocument, { target: '' }));
        break;
      case 'AWS::Serverless::Function':
      case 'AWS::Serverless::StateMachine': {
        const withRole = props.Role !== undefined;
        rows.push(...samPolicies(id, props.Policies, withRole));
        for (const [eventName, ev] of Object.entries((props.Events ?? {}) as Record<string, any>)) {
          const type = String(ev?.Type ?? '');
          const evProps = (ev?.Properties ?? {}) as Record<string, unknown>;
          if (res.Type === 'AWS::Serverless::Function' && EVENT_PRINCIPALS[type]) {
            rows.push({
              resource: `${id}.${eventName}`,
              kind: 'invoke',
              effect: 'Allow',
              actions: 'lambda:InvokeFunction',
              principal: EVENT_PRINCIPALS[type]!,
              target: `\${${id}}`,
              condition: renderValue(eventSource(evProps)),
            });
          } else if (res.Type === 'AWS::Serverless::Function' && POLL_EVENTS[type] && !withRole) {
            rows.push({ resource: `${id}.${eventName}`, kind: 'policy', effect: 'Allow', actions: POLL_EVENTS[type]![0], principal: '', target: renderValue(eventSource(evProps)), condition: '' });
          }
        }
        break;
      }
      case 'AWS::Lambda::Permission':
        rows.push({
          resource: id,
          kind: 'invoke',
          effect: 'Allow',
          actions: renderValue(props.Action),
          principal: renderValue(props.Principal),
          target: renderValue(props.FunctionName),
          condition: [props.SourceArn && `SourceArn=${renderValue(props.SourceArn)}`, props.SourceAccount && `SourceAccount=${renderValue(props.SourceAccount)}`]
            .filter(Boolean)
            .join(' '),
        });
        break;
      case 'AWS::SQS::QueuePolicy':
      case 'AWS::SNS::TopicPolicy':
      case 'AWS::S3::BucketPolicy':
        rows.push(...statementRows(id, 'resource-policy', props.PolicyDocument, { target: renderValue(props.Queues ?? props.Topics ?? props.Bucket) }));
        break;
      case 'AWS::Events::EventBusPolicy':
        if (props.Statement) rows.push(...statementRows(id, 'resource-policy', { Statement: props.Statement }, { target: renderValue(props.EventBusName) }));
        else
          rows.push({ resource: id, kind: 'resource-policy', effect: 'Allow', actions: renderValue(props.Action), principal: renderValue(props.Principal), target: renderValue(props.EventBusName), condition: props.Condition ? canonicalJson(props.Condition) : '' });
        break;
      case 'AWS::KMS::Key':
        rows.push(...statementRows(id, 'resource-policy', props.KeyPolicy));
        break;
      case 'AWS::Lambda::LayerVersionPermission':
        rows.push({ resource: id, kind: 'resource-policy', effect: 'Allow', actions: renderValue(props.Action), principal: renderValue(props.Principal), target: renderValue(props.LayerVersionArn), condition: '' });
        break;
    }
  }
  return rows;
}

/** The items of a rendered list ("a, b, c"), or undefined for a NOT list or a single JSON value. */
function items(cell: string): Set<string> | undefined {
  if (cell.startsWith('NOT ') || cell.startsWith('{')) return undefined;
  return new Set(cell ? cell.split(', ') : []);
}

function isSubset(a: string, b: string): boolean {
  if (a === b) return true;
  const x = items(a);
  const y = items(b);
  return Boolean(x && y && [...x].every((i) => y.has(i)));
}

/** Kinds whose Action and Target cells are lists of literal grants (not a policy name and its parameters). */
const LIST_KINDS = new Set<IamKind>(['policy', 'trust', 'resource-policy', 'invoke']);

/** Same grantor, effect, principal and condition: the same statement, perhaps with other actions or targets. */
function sameStatement(a: IamRow, b: IamRow): boolean {
  return a.resource === b.resource && a.kind === b.kind && a.effect === b.effect && a.principal === b.principal && a.condition === b.condition;
}

/** Grants in `next` that `previous` lacks (broadening), and grants it drops. */
export function iamDiff(previous: Template | undefined, next: Template): IamDiff {
  const key = (r: IamRow) => canonicalJson(r);
  const before = iamRows(previous);
  const after = iamRows(next);
  const beforeKeys = new Set(before.map(key));
  const afterKeys = new Set(after.map(key));
  const added = after.filter((r) => !beforeKeys.has(key(r)));
  const removed = before.filter((r) => !afterKeys.has(key(r)));
  // A new Allow that grants no more than a statement it replaces (a subset of its actions
  // and of its targets) narrows access; so does a new Deny that covers a removed one.
  const covered = (r: IamRow, by: IamRow[]) =>
    LIST_KINDS.has(r.kind) && by.some((o) => sameStatement(r, o) && isSubset(r.actions, o.actions) && isSubset(r.target, o.target));
  return {
    added,
    removed,
    broadening: [
      ...added.filter((r) => r.effect !== 'Deny' && !covered(r, removed)),
      ...removed.filter((r) => r.effect === 'Deny' && !covered(r, added)),
    ],
  };
}

/** One line of an IAM diff as shown: a grant gained (+) or lost (-), and whether it widens access. */
export interface IamChange {
  sign: '+' | '-';
  /** The grant, or only the part of it that its counterpart lacks. */
  row: IamRow;
  /** Whether the grant it comes from is one of the diff's broadening ones. */
  widens: boolean;
}

/**
 * The changes of an IAM diff, as shown. When a statement changed only in its actions (or
 * only in its targets), its + change shows what it gains and its - change what it loses.
 */
export function iamChanges(diff: IamDiff): IamChange[] {
  const minus = (a: string, b: string) => {
    const x = items(a);
    const y = items(b);
    return x && y ? [...x].filter((i) => !y.has(i)).join(', ') : a;
  };
  /** The row to show: r itself, or only what it has that its counterpart lacks (undefined: nothing). */
  const delta = (r: IamRow, others: IamRow[]): IamRow | undefined => {
    if (!LIST_KINDS.has(r.kind)) return r;
    const same = others.filter((o) => sameStatement(r, o));
    const byTarget = same.find((o) => o.target === r.target && items(o.actions) && items(r.actions));
    if (byTarget) {
      const actions = minus(r.actions, byTarget.actions);
      return actions ? { ...r, actions } : undefined;
    }
    const byActions = same.find((o) => o.actions === r.actions && items(o.target) && items(r.target));
    if (byActions) {
      const target = minus(r.target, byActions.target);
      return target ? { ...r, target } : undefined;
    }
    return r;
  };
  const broadening = new Set(diff.broadening.map((r) => canonicalJson(r)));
  const changes: IamChange[] = [];
  const add = (sign: '+' | '-', r: IamRow, others: IamRow[]) => {
    const d = delta(r, others);
    if (d) changes.push({ sign, row: d, widens: broadening.has(canonicalJson(r)) });
  };
  for (const r of diff.added) add('+', r, diff.removed);
  for (const r of diff.removed) add('-', r, diff.added);
  return changes;
}

/** What the Action cell shows for a grant: its actions, or that it is a managed policy. */
export function shownActions(r: IamRow): string {
  return r.actions || (r.kind === 'managed' ? '(managed policy)' : '');
}

/** The IAM table's columns: the + or -, then the grant's resource, effect, actions, principal, target and condition. */
export const IAM_HEADERS = ['', 'Resource', 'Effect', 'Action', 'Principal', 'Target', 'Condition'];
