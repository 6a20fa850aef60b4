// eda add / eda remove for WebSocket APIs as a user runs them: a websocket api, its routes
// (a route key and the function that handles it), and removals refused while a route still
// names the function.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { eda, tempProject } from '../support/cli.js';
import { ensureBuilt } from '../scaffold/support/built.js';

const read = (dir: string, file: string) => readFileSync(path.join(dir, file), 'utf8');

beforeAll(async () => {
  await ensureBuilt();
}, 180_000);

describe('eda add/remove with a websocket api', () => {
  it('adds the api and its routes, and removes a route back to the same bytes', async () => {
    const dir = tempProject({ 'app.yaml': 'name: shop\nfunctions:\n  onConnect: {}\n' });
    expect((await eda(['add', 'api', 'chat', '--type', 'websocket', '--yes'], { cwd: dir })).exitCode).toBe(0);
    const connect = await eda(['add', 'route', '$connect', '--api', 'chat', '--function', 'onConnect', '--yes'], { cwd: dir });
    expect(connect.exitCode, connect.stderr).toBe(0);
    const before = read(dir, 'app.yaml');
    const templateBefore = read(dir, 'template.yaml');
    // the only websocket api is implied for a key that is not METHOD /path
    const send = await eda(['add', 'route', 'sendMessage', '--function', 'onConnect', '--yes'], { cwd: dir });
    expect(send.exitCode, send.stderr).toBe(0);
    expect(parse(read(dir, 'app.yaml')).apis.chat).toEqual({ type: 'websocket', routes: { $connect: 'onConnect', sendMessage: 'onConnect' } });
    expect(parse(read(dir, 'template.yaml')).Resources.ChatWebSocketSendMessageRoute.Properties.RouteKey).toBe('sendMessage');
    const removed = await eda(['remove', 'route', 'sendMessage', '--api', 'chat', '--yes'], { cwd: dir });
    expect(removed.exitCode, removed.stderr).toBe(0);
    expect(read(dir, 'app.yaml')).toBe(before);
    expect(read(dir, 'template.yaml')).toBe(templateBefore);
    // a function that posts to the api's connections: the grant, the variable and the typed getter
    const notify = await eda(['add', 'function', 'notify', '--uses', 'api:chat', '--yes'], { cwd: dir });
    expect(notify.exitCode, notify.stderr).toBe(0);
    expect(parse(read(dir, 'app.yaml')).functions.notify).toEqual({ uses: [{ api: 'chat' }] });
    expect(read(dir, 'src/handlers/notify.ts')).toContain('resources.apis.chat.endpoint');
    expect(parse(read(dir, 'template.yaml')).Resources.NotifyFunction.Properties.Environment.Variables).toHaveProperty('CHAT_API_ENDPOINT');
  }, 120_000);

  it('refuses an invalid key, a duplicate route, http options on a websocket api and removing a routed function', async () => {
    const dir = tempProject({ 'app.yaml': 'name: shop\napis:\n  chat:\n    type: websocket\n    routes: { $connect: onConnect }\nfunctions:\n  onConnect: {}\n' });
    const bad = await eda(['add', 'route', '$conect', '--api', 'chat', '--function', 'onConnect', '--yes'], { cwd: dir });
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain("'$conect' is not a websocket route key");
    const dup = await eda(['add', 'route', '$connect', '--api', 'chat', '--function', 'onConnect', '--yes'], { cwd: dir });
    expect(dup.exitCode).toBe(1);
    expect(dup.stderr).toContain('the route $connect of websocket api chat already exists (functions.onConnect)');
    const cors = await eda(['add', 'api', 'live', '--type', 'websocket', '--cors', '--yes'], { cwd: dir });
    expect(cors.exitCode).toBe(2);
    expect(cors.stderr).toContain('--cors does not apply to a websocket api');
    const uses = await eda(['add', 'function', 'notify', '--uses', 'api:chta', '--yes'], { cwd: dir });
    expect(uses.exitCode).toBe(1);
    expect(uses.stderr).toContain("did you mean 'chat'?");
    const fn = await eda(['remove', 'function', 'onConnect', '--yes'], { cwd: dir });
    expect(fn.exitCode).toBe(1);
    expect(fn.stderr).toContain('apis.chat.routes.$connect');
    expect(read(dir, 'app.yaml')).toContain('$connect: onConnect');
  }, 120_000);
});
