// Where a connection's secret values live: app.yaml names a secret, never holds one. Three
// spellings are accepted — ${secret:name} / ${secret:name:jsonKey}, a Secrets Manager ARN, and
// CloudFormation's own {{resolve:secretsmanager:...}} — and all become a dynamic reference
// CloudFormation resolves at deploy time (eda dev reads .eda/secrets.json instead).
import type { SecretRefModel } from '../../model/types.js';

const ARN = /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[A-Za-z0-9/_+=.@-]+$/;
const NAME = /^[A-Za-z0-9/_+=.@-]{1,512}$/;

/** Splits "id[:key]" where id may be an ARN (seven ':'-separated parts). */
function splitIdAndKey(text: string): { secretId: string; rest: string[] } | undefined {
  const parts = text.split(':');
  const idParts = text.startsWith('arn:') ? 7 : 1;
  if (parts.length < idParts) return undefined;
  const secretId = parts.slice(0, idParts).join(':');
  if (!(idParts === 7 ? ARN.test(secretId) : NAME.test(secretId))) return undefined;
  return { secretId, rest: parts.slice(idParts) };
}

/** The secret a value refers to; undefined when the value is not a reference (a literal). */
export function parseSecretRef(value: string): SecretRefModel | undefined {
  const v = value.trim();
  const short = /^\$\{secret:(.+)\}$/.exec(v);
  if (short) {
    const split = splitIdAndKey(short[1]!);
    if (!split || split.rest.length > 1 || split.rest[0] === '') return undefined;
    return { secretId: split.secretId, jsonKey: split.rest[0] };
  }
  if (ARN.test(v)) return { secretId: v };
  const resolve = /^\{\{resolve:secretsmanager:(.+)\}\}$/.exec(v);
  if (resolve) {
    const split = splitIdAndKey(resolve[1]!);
    if (!split) return undefined;
    const [field, jsonKey] = split.rest;
    if (field !== undefined && field !== 'SecretString') return undefined;
    return { secretId: split.secretId, jsonKey: jsonKey || undefined, resolve: v };
  }
  return undefined;
}

/** The dynamic reference CloudFormation resolves for the secret. */
export function dynamicReference(ref: SecretRefModel): string {
  return ref.resolve ?? `{{resolve:secretsmanager:${ref.secretId}:SecretString${ref.jsonKey ? `:${ref.jsonKey}` : ''}}}`;
}

/** The secret's name as eda dev's secrets file keys it (an ARN's name, without its random suffix). */
export function localSecretName(ref: SecretRefModel): string {
  if (!ref.secretId.startsWith('arn:')) return ref.secretId;
  return (ref.secretId.split(':secret:')[1] ?? ref.secretId).replace(/-[A-Za-z0-9]{6}$/, '');
}
