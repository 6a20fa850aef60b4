// IAM broadening: every permission a template grants, as flat rows, so that two
// templates can be compared and any new grant called out before it is deployed.
// Looks at IAM roles (trust and inline policies, managed policy ARNs), IAM policies,
// SAM function/state machine Policies (statements, managed names, policy templates),
// SAM events that imply invoke permissions, Lambda permissions, and resource
// policies on queues, topics, buses, buckets and keys.
import { canonicalJson, resources, type Template } from './template.js';

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

/** Grants in `next` that `previous` lacks (broadening), and grants it drops. */
export function iamDiff(previous: Template | undefined, next: Template): IamDiff {
  const key = (r: IamRow) => canonicalJson(r);
  const before = iamRows(previous);
  const after = iamRows(next);
  const beforeKeys = new Set(before.map(key));
  const afterKeys = new Set(after.map(key));
  const added = after.filter((r) => !beforeKeys.has(key(r)));
  const removed = before.filter((r) => !afterKeys.has(key(r)));
  return {
    added,
    removed,
    broadening: [...added.filter((r) => r.effect !== 'Deny'), ...removed.filter((r) => r.effect === 'Deny')],
  };
}

export function iamTableRows(diff: IamDiff): string[][] {
  const row = (sign: string, r: IamRow) => [sign, r.resource, r.effect, r.actions || (r.kind === 'managed' ? '(managed policy)' : ''), r.principal, r.target, r.condition];
  return [...diff.added.map((r) => row('+', r)), ...diff.removed.map((r) => row('-', r))];
}

export const IAM_HEADERS = ['', 'Resource', 'Effect', 'Action', 'Principal', 'Target', 'Condition'];
