// The API Gateway management API of the WebSocket APIs (REST JSON, the path the handler's
// ApiGatewayManagementApiClient reaches through the api's callback endpoint):
// POST /execute-api/<api>/<stage>/@connections/<id> (PostToConnection: the body is the frame),
// GET (GetConnection) and DELETE (DeleteConnection). An unknown or closed connection is
// GoneException (410), as in AWS.
import type { WebSocketApis } from '../websockets.js';
import type { ApiRequest, ApiResponse } from './protocol.js';

/** The path prefix of an api's callback endpoint on the local services server. */
export const CONNECTIONS_PREFIX = '/execute-api/';

/** AWS's limit on a PostToConnection payload. */
const MAX_FRAME_BYTES = 128 * 1024;

const answer = (status: number, body?: unknown, errorType?: string): ApiResponse => ({
  status,
  headers: { 'content-type': 'application/json', 'x-amzn-requestid': crypto.randomUUID(), ...(errorType ? { 'x-amzn-errortype': errorType } : {}) },
  body: body === undefined ? '' : JSON.stringify(body),
});

export function handleConnections(websockets: WebSocketApis | undefined, stage: string, req: ApiRequest): ApiResponse {
  const m = /^\/execute-api\/([^/]+)\/([^/]+)\/@connections\/([^/]+)\/?$/.exec(req.path);
  if (!m) return answer(404, { message: `eda dev does not serve ${req.method} ${req.path}` }, 'NotFoundException');
  const [, api, stageName, encoded] = m as unknown as [string, string, string, string];
  const id = decodeURIComponent(encoded);
  const c = websockets?.connections.get(id);
  if (!c || c.api.name !== api || stageName !== stage) return answer(410, { message: `Connection ${id} is gone` }, 'GoneException');
  switch (req.method) {
    case 'POST':
      if (req.body.length > MAX_FRAME_BYTES) return answer(413, { message: 'Payload Too Large' }, 'PayloadTooLargeException');
      c.socket.send(req.body, { binary: false });
      c.lastActiveAt = Date.now();
      return answer(200);
    case 'GET':
      return answer(200, {
        connectedAt: new Date(c.connectedAt).toISOString(),
        identity: { sourceIp: c.sourceIp, userAgent: String(c.headers['user-agent'] ?? '') },
        lastActiveAt: new Date(c.lastActiveAt).toISOString(),
      });
    case 'DELETE':
      websockets!.disconnect(id);
      return answer(204);
    default:
      return answer(405, { message: `${req.method} is not a management API method` }, 'BadRequestException');
  }
}
