// Each connection: an AWS::Events::Connection whose secret values are dynamic references
// (CloudFormation resolves them; EventBridge keeps them in a secret it manages). A loopback
// http token endpoint, fine for eda dev, is refused here.
import type { App, ConnectionModel } from '../../model/types.js';
import type { TemplateBuilder } from '../template.js';
import { dynamicReference } from './secret-ref.js';
import { deployedUrlProblem } from './urls.js';

export function synthConnections(app: App, t: TemplateBuilder): void {
  for (const conn of app.connections) {
    if (conn.auth.type === 'oauth') {
      const problem = deployedUrlProblem(conn.auth.endpoint, [...conn.path, 'auth', 'oauth', 'endpoint'], 'an OAuth token endpoint');
      if (problem) t.problems.push(problem);
    }
    t.add(
      conn.logicalId,
      {
        Type: 'AWS::Events::Connection',
        Properties: { Description: conn.description ?? `Connection ${conn.name} of ${app.name}`, ...authProperties(conn) },
      },
      conn.path,
    );
  }
}

function authProperties(conn: ConnectionModel): Record<string, unknown> {
  const a = conn.auth;
  switch (a.type) {
    case 'apiKey':
      return { AuthorizationType: 'API_KEY', AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: a.header, ApiKeyValue: dynamicReference(a.value) } } };
    case 'basic':
      return { AuthorizationType: 'BASIC', AuthParameters: { BasicAuthParameters: { Username: a.username, Password: dynamicReference(a.password) } } };
    case 'oauth':
      return {
        AuthorizationType: 'OAUTH_CLIENT_CREDENTIALS',
        AuthParameters: {
          OAuthParameters: {
            AuthorizationEndpoint: a.endpoint,
            HttpMethod: a.method,
            ClientParameters: { ClientID: a.clientId, ClientSecret: dynamicReference(a.clientSecret) },
            OAuthHttpParameters: a.scope ? { BodyParameters: [{ Key: 'scope', Value: a.scope, IsValueSecret: false }] } : undefined,
          },
        },
      };
  }
}
