// ${kind.name.attr} expressions inside strings: parsing and the attributes each kind has;
// ${resources.Id[.Attr]} names a raw resource from `resources:`.
import type { Kind } from '../core/names.js';

export const attributes: Record<string, { kind: Kind; attrs: string[] }> = {
  tables: { kind: 'table', attrs: ['name', 'arn', 'streamArn'] },
  queues: { kind: 'queue', attrs: ['url', 'arn', 'name'] },
  topics: { kind: 'topic', attrs: ['arn', 'name'] },
  buses: { kind: 'bus', attrs: ['name', 'arn'] },
  workflows: { kind: 'workflow', attrs: ['arn', 'name'] },
  functions: { kind: 'function', attrs: ['arn', 'name'] },
  apis: { kind: 'api', attrs: ['url'] },
};

export const pseudoParameters = ['AWS::AccountId', 'AWS::Region', 'AWS::Partition', 'AWS::StackName', 'AWS::URLSuffix', 'AWS::StackId'];

export type Piece =
  | { type: 'text'; text: string }
  | { type: 'ref'; section: string; kind: Kind; name: string; attr: string; raw: string; index: number }
  | { type: 'pseudo'; name: string; raw: string; index: number }
  /** ${resources.Id} (its Ref) or ${resources.Id.Attr} (its Fn::GetAtt): a resource from `resources:`. */
  | { type: 'resource'; id: string; attr?: string; raw: string; index: number }
  | { type: 'invalid'; raw: string; inner: string; index: number };

const pattern = /\$\{([^}]*)\}/g;

/** Splits a string into literal text and ${...} pieces. */
export function parseExpressions(value: string): Piece[] {
  const pieces: Piece[] = [];
  let last = 0;
  for (const m of value.matchAll(pattern)) {
    const index = m.index!;
    if (index > last) pieces.push({ type: 'text', text: value.slice(last, index) });
    const inner = m[1]!.trim();
    const parts = inner.split('.');
    const section = parts[0]!;
    if (pseudoParameters.includes(inner)) pieces.push({ type: 'pseudo', name: inner, raw: m[0], index });
    else if (section === 'resources' && parts.length >= 2 && parts.every((p) => p !== '')) {
      pieces.push({ type: 'resource', id: parts[1]!, attr: parts.length > 2 ? parts.slice(2).join('.') : undefined, raw: m[0], index });
    }
    else if (parts.length === 3 && attributes[section]) {
      pieces.push({ type: 'ref', section, kind: attributes[section]!.kind, name: parts[1]!, attr: parts[2]!, raw: m[0], index });
    } else pieces.push({ type: 'invalid', raw: m[0], inner, index });
    last = index + m[0].length;
  }
  if (last < value.length) pieces.push({ type: 'text', text: value.slice(last) });
  return pieces;
}

/**
 * Where an expression that is never closed starts (`${queues.q.arn` would reach AWS as plain
 * text), if any. Only a `${` followed by a kind eda knows (or AWS::) counts: other text such as
 * `cost: ${x` stays literal, as it always has.
 */
export function unclosedExpression(value: string): number | undefined {
  const sections = Object.keys(attributes).join('|');
  const m = new RegExp(`\\$\\{\\s*(${sections}|AWS::)[^}]*$`).exec(value);
  return m ? m.index : undefined;
}
