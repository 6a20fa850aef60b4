// ${apis.X.url} of a websocket api (wss://…/<stage>) and ${apis.X.callbackUrl}, the https
// endpoint of its connections (what ApiGatewayManagementApiClient takes as `endpoint`).
import type { App } from '../../model/types.js';
import { sub } from '../template.js';

const host = (id: string) => `\${${id}}.execute-api.\${AWS::Region}.\${AWS::URLSuffix}`;

export function webSocketApi(app: App, name: string) {
  return app.websocketApis.find((a) => a.name === name);
}

export function webSocketUrl(app: App, logicalId: string): unknown {
  return sub(`wss://${host(logicalId)}/${app.stage}`);
}

export function callbackUrl(app: App, logicalId: string): unknown {
  return sub(`https://${host(logicalId)}/${app.stage}`);
}
