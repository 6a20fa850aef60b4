// What a `uses: - api: X` grants: posting to, reading and closing the connections of websocket
// api X (execute-api:ManageConnections) on exactly its stage's @connections resources.
import type { App, UseModel } from '../../model/types.js';
import { allow } from '../iam.js';
import { sub, type Statement } from '../template.js';
import { webSocketApi } from './attributes.js';

export function webSocketGrants(app: App, use: UseModel): Statement[] {
  const api = webSocketApi(app, use.name);
  if (!api) throw new Error(`api ${use.name} is not a websocket api`);
  const connections = (method: string) => sub(`arn:\${AWS::Partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${${api.logicalId}}/${app.stage}/${method}/@connections/*`);
  return [allow('execute-api:ManageConnections', ['POST', 'GET', 'DELETE'].map(connections))];
}
