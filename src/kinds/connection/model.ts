// Connections in the model: each auth method with its secret references parsed (the checks
// have made sure every secret value is a reference).
import { logicalId } from '../../core/names.js';
import type { ConnectionAuthModel, SecretRefModel } from '../../model/types.js';
import type { ModelContext } from '../types.js';
import { parseSecretRef } from './secret-ref.js';

const secret = (value: string): SecretRefModel => parseSecretRef(value) ?? { secretId: value };

export function modelConnections(c: ModelContext): void {
  for (const [name, spec] of Object.entries(c.m.connections ?? {})) {
    const a = spec.auth;
    let auth: ConnectionAuthModel;
    if (a.apiKey) auth = { type: 'apiKey', header: a.apiKey.header, value: secret(a.apiKey.value) };
    else if (a.basic) auth = { type: 'basic', username: a.basic.username, password: secret(a.basic.password) };
    else {
      const o = a.oauth!;
      auth = { type: 'oauth', endpoint: o.endpoint, method: o.method ?? 'POST', clientId: o.clientId, clientSecret: secret(o.clientSecret), scope: o.scope };
    }
    c.app.connections.push({ name, logicalId: logicalId('connection', name), description: spec.description, auth, path: ['connections', name] });
  }
}
