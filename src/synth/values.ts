// ${kind.name.attr} expressions → CloudFormation intrinsics, and the ARNs of each kind.
import { parseExpressions, type Piece } from '../manifest/expressions.js';
import { logicalId, pascal } from '../model/names.js';
import type { App, Kind } from '../model/types.js';
import { getAtt, ref, sub } from './template.js';

export function apiId(app: App, name: string): string {
  return app.apis.find((a) => a.name === name)?.logicalId ?? logicalId('api', name);
}

/** The CloudFormation value of one reference. */
export function attributeValue(app: App, kind: Kind, name: string, attr: string): unknown {
  switch (kind) {
    case 'table': {
      const id = logicalId('table', name);
      return attr === 'name' ? ref(id) : attr === 'arn' ? getAtt(id, 'Arn') : getAtt(id, 'StreamArn');
    }
    case 'queue': {
      const id = logicalId('queue', name);
      return attr === 'url' ? ref(id) : attr === 'arn' ? getAtt(id, 'Arn') : getAtt(id, 'QueueName');
    }
    case 'topic': {
      const id = logicalId('topic', name);
      return attr === 'arn' ? ref(id) : getAtt(id, 'TopicName');
    }
    case 'bus':
      if (name === 'default') return attr === 'name' ? 'default' : defaultBusArn();
      return attr === 'name' ? ref(logicalId('bus', name)) : getAtt(logicalId('bus', name), 'Arn');
    case 'workflow': {
      const id = logicalId('workflow', name);
      return attr === 'arn' ? ref(id) : getAtt(id, 'Name');
    }
    case 'function': {
      const id = logicalId('function', name);
      return attr === 'arn' ? getAtt(id, 'Arn') : ref(id);
    }
    case 'api':
      return apiUrl(app, name);
    default:
      throw new Error(`no attribute ${attr} on ${kind}`);
  }
}

export function apiUrl(app: App, name: string): unknown {
  const api = app.apis.find((a) => a.name === name);
  const id = apiId(app, name);
  const stagePath = api?.type === 'rest' ? `${app.stage}/` : '';
  return sub(`https://\${${id}}.execute-api.\${AWS::Region}.\${AWS::URLSuffix}/${stagePath}`);
}

export function defaultBusArn(): unknown {
  return sub('arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/default');
}

export function busArn(app: App, name: string): unknown {
  return attributeValue(app, 'bus', name, 'arn');
}

/** Turns a value that may hold expressions into a literal, a Ref/GetAtt, or an Fn::Sub. */
export function resolveValue(app: App, value: unknown): unknown {
  if (typeof value !== 'string' || !value.includes('${')) return value;
  const pieces = parseExpressions(value);
  if (pieces.length === 1 && pieces[0]!.type === 'ref') {
    const p = pieces[0]!;
    return attributeValue(app, p.kind, p.name, p.attr);
  }
  if (pieces.length === 1 && pieces[0]!.type === 'pseudo') return ref(pieces[0]!.name);
  if (pieces.length === 1 && pieces[0]!.type === 'resource') return resourceValue(pieces[0]!);
  let text = '';
  const vars: Record<string, unknown> = {};
  for (const p of pieces) {
    if (p.type === 'text') text += p.text.replace(/\$\{/g, '${!');
    else if (p.type === 'pseudo') text += `\${${p.name}}`;
    else if (p.type === 'resource') text += `\${${p.id}${p.attr ? `.${p.attr}` : ''}}`;
    else if (p.type === 'ref') {
      const v = `${pascal(p.section)}${pascal(p.name)}${pascal(p.attr)}`;
      vars[v] = attributeValue(app, p.kind, p.name, p.attr);
      text += `\${${v}}`;
    } else text += p.raw.replace('${', '${!');
  }
  return sub(text, vars);
}

/** resolveValue on every string of a JSON value (event patterns); keys stay as written. */
export function resolveDeep(app: App, value: unknown): unknown {
  if (typeof value === 'string') return resolveValue(app, value);
  if (Array.isArray(value)) return value.map((v) => resolveDeep(app, v));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveDeep(app, v)]));
  return value;
}

/** ${resources.Id} → its Ref; ${resources.Id.Attr} → its Fn::GetAtt. */
export function resourceValue(piece: Extract<Piece, { type: 'resource' }>): unknown {
  return piece.attr ? getAtt(piece.id, piece.attr) : ref(piece.id);
}
