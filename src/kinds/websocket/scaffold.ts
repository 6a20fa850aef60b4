// The handler stub of a websocket route: a connection handler ($connect, $disconnect) or a
// message handler, typed with APIGatewayProxyWebsocketEventV2. `eda add api --type websocket`
// and `eda add route '<key>' --api <websocket api>` are the api and route kinds' (their scaffold.ts).
import type { StubTrigger } from '../scaffold-types.js';

export const webSocketStub: StubTrigger<'websocket'> = {
  trigger: 'websocket',
  template: (t) => (t.route === '$connect' || t.route === '$disconnect' ? 'websocket-connect' : 'websocket'),
  source: (t) => `websocket ${t.api} ${t.route}`,
  testSource: (t) => t.route,
};
