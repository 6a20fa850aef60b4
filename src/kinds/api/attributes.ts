// ${apis.X.url}: the invoke URL of the API's stage.
import { logicalId } from '../../core/names.js';
import type { App } from '../../model/types.js';
import { sub } from '../template.js';
import type { Attributes } from '../types.js';
import { callbackUrl, webSocketApi, webSocketUrl } from '../websocket/attributes.js';

export function apiId(app: App, name: string): string {
  return app.apis.find((a) => a.name === name)?.logicalId ?? webSocketApi(app, name)?.logicalId ?? logicalId('api', name);
}

export function apiUrl(app: App, name: string): unknown {
  const api = app.apis.find((a) => a.name === name);
  const id = apiId(app, name);
  const stagePath = api?.type === 'rest' ? `${app.stage}/` : '';
  return sub(`https://\${${id}}.execute-api.\${AWS::Region}.\${AWS::URLSuffix}/${stagePath}`);
}

export const apiAttributes: Attributes = {
  section: 'apis',
  names: ['url', 'callbackUrl'],
  value(app, name, attr) {
    const ws = webSocketApi(app, name);
    if (ws) return attr === 'callbackUrl' ? callbackUrl(app, ws.logicalId) : webSocketUrl(app, ws.logicalId);
    return apiUrl(app, name);
  },
};
