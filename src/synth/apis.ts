import type { App } from '../model/types.js';
import type { TemplateBuilder } from './template.js';
import { apiUrl } from './values.js';

export function synthApis(app: App, t: TemplateBuilder): void {
  for (const api of app.apis) {
    const cors = api.cors;
    if (api.type === 'http') {
      t.add(
        api.logicalId,
        {
          Type: 'AWS::Serverless::HttpApi',
          Properties: {
            Description: api.description ?? `HTTP API ${api.name} of ${app.name}`,
            CorsConfiguration: cors
              ? { AllowOrigins: cors.origins, AllowMethods: cors.methods, AllowHeaders: cors.headers, AllowCredentials: cors.allowCredentials || undefined, MaxAge: cors.maxAge }
              : undefined,
            Auth:
              api.auth.type === 'jwt'
                ? {
                    Authorizers: {
                      JwtAuthorizer: {
                        IdentitySource: '$request.header.Authorization',
                        JwtConfiguration: { issuer: api.auth.issuer, audience: api.auth.audience },
                        AuthorizationScopes: api.auth.scopes.length ? api.auth.scopes : undefined,
                      },
                    },
                    DefaultAuthorizer: 'JwtAuthorizer',
                  }
                : api.auth.type === 'iam'
                  ? { EnableIamAuthorizer: true, DefaultAuthorizer: 'AWS_IAM' }
                  : undefined,
          },
        },
        api.path,
      );
    } else {
      const quote = (list: string[]) => `'${list.join(',')}'`;
      t.add(
        api.logicalId,
        {
          Type: 'AWS::Serverless::Api',
          Properties: {
            Description: api.description ?? `REST API ${api.name} of ${app.name}`,
            StageName: app.stage,
            EndpointConfiguration: { Type: 'REGIONAL' },
            TracingEnabled: true,
            Cors: cors
              ? { AllowOrigin: quote(cors.origins), AllowMethods: quote(cors.methods), AllowHeaders: quote(cors.headers), AllowCredentials: cors.allowCredentials || undefined, MaxAge: cors.maxAge !== undefined ? `'${cors.maxAge}'` : undefined }
              : undefined,
            Auth: api.auth.type === 'iam' ? { DefaultAuthorizer: 'AWS_IAM' } : undefined,
          },
        },
        api.path,
      );
    }
    t.output(`${api.logicalId.replace(/(Http|Rest)Api$/, '')}ApiUrl`, apiUrl(app, api.name), `URL of the ${api.name} API`);
  }
}
