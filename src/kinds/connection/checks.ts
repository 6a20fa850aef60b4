// Connections: exactly one auth method, every secret value a reference to a secret (a literal
// secret in app.yaml would end up in git and in the template), and an https token endpoint.
import type { Problem } from '../../manifest/problems.js';
import type { Path } from '../../manifest/source.js';
import type { CheckContext } from '../types.js';
import { parseSecretRef } from './secret-ref.js';
import { checkEndpointUrl } from './urls.js';

const methods = ['apiKey', 'basic', 'oauth'] as const;

export function checkConnections(c: CheckContext): void {
  for (const [name, spec] of Object.entries(c.m.connections ?? {})) {
    if (!spec?.auth || typeof spec.auth !== 'object') continue;
    const base = ['connections', name, 'auth'];
    const method = c.oneKind(spec.auth as Record<string, unknown>, methods, base, 'an auth');
    if (method === 'apiKey') checkSecret(spec.auth.apiKey?.value, [...base, 'apiKey', 'value'], 'the API key', c.add);
    if (method === 'basic') checkSecret(spec.auth.basic?.password, [...base, 'basic', 'password'], 'the password', c.add);
    if (method === 'oauth') {
      checkSecret(spec.auth.oauth?.clientSecret, [...base, 'oauth', 'clientSecret'], 'the client secret', c.add);
      checkEndpointUrl(spec.auth.oauth?.endpoint, [...base, 'oauth', 'endpoint'], 'an OAuth token endpoint', c.add);
    }
  }
}

function checkSecret(value: unknown, path: Path, what: string, add: (p: Problem) => void): void {
  if (typeof value !== 'string' || parseSecretRef(value)) return;
  add({
    path,
    code: 'secret-literal',
    message: `${what} is written into app.yaml; a connection takes a reference to a secret, never the secret`,
    hint: 'store it in Secrets Manager and write ${secret:<name>} (or ${secret:<name>:<jsonKey>}, a secret ARN, or {{resolve:secretsmanager:...}}); eda dev reads it from .eda/secrets.json',
  });
}
