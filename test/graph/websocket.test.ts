// A websocket api in the graph: its route keys, each to the function that handles it, and its
// @connections, where a function that uses the api posts.
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/kinds/build.js';
import { buildGraph } from '../../src/graph/build.js';
import type { AppManifest } from '../../src/manifest/app.types.js';

const app = buildApp(
  {
    name: 'chat',
    apis: { live: { type: 'websocket', routes: { $connect: 'onConnect', sendMessage: 'send' } } },
    functions: { onConnect: {}, send: { uses: [{ api: 'live' }] } },
  } as AppManifest,
  'dev',
);

describe('graph: websocket apis', () => {
  it('draws each route key to its function, and uses: api to the api\'s @connections', () => {
    const g = buildGraph(app);
    expect(g.groups).toContainEqual({ id: 'group:api:live', kind: 'api', label: 'WebSocket API live' });
    expect(g.nodes.filter((n) => n.group === 'group:api:live').map((n) => n.label)).toEqual(['$connect', 'sendMessage', '@connections']);
    expect(g.edges).toEqual(
      expect.arrayContaining([
        { from: 'route:live:$connect', to: 'function:onConnect', kind: 'route', label: '' },
        { from: 'route:live:sendMessage', to: 'function:send', kind: 'route', label: '' },
        { from: 'function:send', to: 'api:live', kind: 'uses', label: 'post to connections' },
      ]),
    );
    const ids = new Set(g.nodes.map((n) => n.id));
    for (const e of g.edges) expect(ids.has(e.to) && ids.has(e.from), `${e.from} → ${e.to}`).toBe(true);
  });
});
