// ${kind.name.attr} expressions inside strings: parsing, and the sections expressions can name;
// ${resources.Id[.Attr]} names a raw resource from `resources:`. The attributes each kind has
// are in src/kinds/<kind>/attributes.ts. The model parses every expression once
// (src/model/values.ts); nothing after it reads ${...} text.
import type { Kind } from '../core/names.js';

/** The sections expressions can name, and their kinds. */
export const sections: Record<string, Kind> = {
  tables: 'table',
  queues: 'queue',
  topics: 'topic',
  buses: 'bus',
  workflows: 'workflow',
  functions: 'function',
  apis: 'api',
  buckets: 'bucket',
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
    else if (parts.length === 3 && sections[section]) {
      pieces.push({ type: 'ref', section, kind: sections[section]!, name: parts[1]!, attr: parts[2]!, raw: m[0], index });
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
  const names = Object.keys(sections).join('|');
  const m = new RegExp(`\\$\\{\\s*(${names}|AWS::)[^}]*$`).exec(value);
  return m ? m.index : undefined;
}
