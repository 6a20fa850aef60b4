// ${kind.name.attr} expressions inside strings: parsing and the attributes each kind has.
import type { Kind } from '../model/types.js';
import type { AppManifest } from './app.types.js';
import { closest, suggest } from './diagnostics.js';
import type { Problem } from './problems.js';
import type { Path } from './source.js';

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

/** Problems with the ${...} expressions inside one string value. */
export function checkExpressions(value: string, path: Path, m: AppManifest, declared: Record<Kind, string[]>, add: (p: Problem) => void, file?: string): void {
  if (!value.includes('${')) return;
  const unclosed = unclosedExpression(value);
  if (unclosed !== undefined) {
    const raw = value.slice(unclosed, unclosed + 40);
    add({ path, file, offset: unclosed, code: 'expr-unclosed', message: `'${raw}' is missing its closing '}'`, hint: 'close the expression: ${kind.name.attr}, e.g. ${queues.orders.arn}' });
  }
  for (const piece of parseExpressions(value)) {
    if (piece.type === 'invalid') {
      const section = piece.inner.split('.')[0]!;
      const near = closest(section, Object.keys(attributes));
      add({
        path,
        file,
        offset: piece.index,
        code: 'expr-invalid',
        message: `'${piece.raw}' is not an expression eda knows`,
        hint: near && near !== section ? `did you mean \${${near}.${piece.inner.split('.').slice(1).join('.')}}?` : 'write ${kind.name.attr}, e.g. ${tables.orders.name} or ${queues.payments.url}',
      });
    } else if (piece.type === 'ref') {
      if (!declared[piece.kind].includes(piece.name)) {
        add({ path, file, offset: piece.index + 2 + piece.section.length + 1, code: 'ref-unknown', message: `${piece.raw} refers to ${piece.kind} '${piece.name}', which is not declared under ${piece.section}`, hint: suggest(piece.name, declared[piece.kind], piece.section) });
        continue;
      }
      const attrs = attributes[piece.section]!.attrs;
      if (!attrs.includes(piece.attr)) {
        const near = closest(piece.attr, attrs);
        add({ path, file, offset: piece.index + piece.raw.length - 1 - piece.attr.length, code: 'expr-attr', message: `${piece.section} have no attribute '${piece.attr}'`, hint: near ? `did you mean '${near}'? (${attrs.join(', ')})` : `${piece.section} have: ${attrs.join(', ')}` });
      } else if (piece.attr === 'streamArn' && !m.tables?.[piece.name]?.stream) {
        add({ path, file, offset: piece.index, code: 'stream-off', message: `table '${piece.name}' has no stream, so it has no streamArn`, hint: `add stream: newAndOld to tables.${piece.name}` });
      }
    }
  }
}
