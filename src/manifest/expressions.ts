// ${kind.name.attr} expressions inside strings: parsing, and the sections expressions can name;
// ${resources.Id[.Attr]} names a raw resource from `resources:`, ${parameters.X} a template
// parameter from `parameters:`, ${ssm:/name} and ${secret:id[:SecretString[:key]]} values
// CloudFormation reads when the stack deploys (dynamic references). The attributes each kind has
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
  /** ${parameters.X}: a template parameter from `parameters:`. */
  | { type: 'parameter'; name: string; raw: string; index: number }
  /** ${ssm:/name[:version]} or ${secret:id[:SecretString[:key[:stage[:version]]]]}: a dynamic reference; `body` is what follows `ssm:`/`secret:`. */
  | { type: 'dynamic'; service: 'ssm' | 'secret'; body: string; raw: string; index: number }
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
    const dynamic = /^(ssm|secret):/.exec(inner);
    if (pseudoParameters.includes(inner)) pieces.push({ type: 'pseudo', name: inner, raw: m[0], index });
    else if (dynamic) pieces.push({ type: 'dynamic', service: dynamic[1] as 'ssm' | 'secret', body: inner.slice(dynamic[0].length), raw: m[0], index });
    else if (section === 'parameters' && parts.length === 2 && parts[1] !== '') pieces.push({ type: 'parameter', name: parts[1]!, raw: m[0], index });
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
  const m = new RegExp(`\\$\\{\\s*(${names}|parameters\\.|ssm:|secret:|AWS::)[^}]*$`).exec(value);
  return m ? m.index : undefined;
}

/** An SSM parameter name with an optional version: /path/name, name, /path/name:3. */
const SSM_REFERENCE = /^[A-Za-z0-9_.\-/]{1,2048}(:[1-9][0-9]*)?$/;
/** A secret name or ARN, then optionally SecretString, a JSON key, a version stage and a version id. */
const SECRET_ID = /^(arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[A-Za-z0-9/_+=.@-]+|[A-Za-z0-9/_+=.@-]{1,512})$/;

/** Why a dynamic reference is malformed, or undefined when it is well formed. */
export function dynamicReferenceProblem(service: 'ssm' | 'secret', body: string): string | undefined {
  if (service === 'ssm') {
    if (!SSM_REFERENCE.test(body)) return 'an SSM parameter name is letters, digits and _ . - /, optionally followed by :version';
    if (/^\/?(aws|ssm)/i.test(body) && !body.startsWith('/aws/reference/') && !body.startsWith('/aws/service/')) return "SSM parameter names cannot begin with 'aws' or 'ssm'";
    return undefined;
  }
  const arn = /^(arn:[^:]*:[^:]*:[^:]*:[^:]*:secret:[^:]*)(.*)$/.exec(body);
  const [id, rest] = arn ? [arn[1]!, arn[2]!] : [body.split(':')[0]!, body.slice(body.split(':')[0]!.length)];
  if (!SECRET_ID.test(id)) return 'a secret is named by its name or its full ARN (letters, digits and /_+=.@-)';
  const fields = rest === '' ? [] : rest.slice(1).split(':');
  if (fields.length > 4) return 'write ${secret:id:SecretString:jsonKey:versionStage:versionId} at most';
  if (fields.length && fields[0] !== 'SecretString') return `the field after the secret is SecretString, not '${fields[0]}'`;
  return undefined;
}

/** The CloudFormation dynamic reference a ${ssm:...} or ${secret:...} becomes. */
export function dynamicReference(service: 'ssm' | 'secret', body: string): string {
  return `{{resolve:${service === 'ssm' ? 'ssm' : 'secretsmanager'}:${body}}}`;
}
