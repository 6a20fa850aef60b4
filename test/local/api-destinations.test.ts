// API destinations in eda dev, each auth of a connection: the header a loopback server sees,
// secrets read from the local secrets file (a key of a JSON secret too), OAuth tokens fetched
// once, and the failures that send the event to the rule's DLQ.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiDestinations, DeliveryError } from '../../src/local/api-destinations.js';
import { Trace } from '../../src/local/trace.js';
import type { ConnectionModel, RuleModel, TargetModel } from '../../src/model/types.js';

let server: Server;
let base: string;
const seen: { url?: string; headers: IncomingHttpHeaders; body: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push({ url: req.url, headers: req.headers, body });
      if (req.url === '/token') return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ access_token: 'tok-1', expires_in: 3600 }));
      res.writeHead(req.url === '/broken' ? 500 : 200).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => void server.close());

const secretsFile = join(mkdtempSync(join(tmpdir(), 'eda-dest-')), 'secrets.json');
writeFileSync(secretsFile, JSON.stringify({ legacy: { password: 'p@ss' }, partner: 'client-secret' }));
const connections: ConnectionModel[] = [
  { name: 'legacy', logicalId: 'LegacyConnection', auth: { type: 'basic', username: 'shop', password: { secretId: 'legacy', jsonKey: 'password' } }, path: [] },
  { name: 'partner', logicalId: 'PartnerConnection', auth: { type: 'oauth', endpoint: '', method: 'POST', clientId: 'eda', clientSecret: { secretId: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:partner-AbCdEf' }, scope: 'events.write' }, path: [] },
  { name: 'nokey', logicalId: 'NokeyConnection', auth: { type: 'apiKey', header: 'x-api-key', value: { secretId: 'missing' } }, path: [] },
];
const rule = { name: 'notify' } as RuleModel;
const target = (url: string, connection: string): TargetModel => ({ kind: 'http', name: url, id: 'api-destination-1', source: [], http: { url, method: 'POST', connection, rateLimit: 300, logicalId: 'NotifyRuleDestination1' } });

describe('ApiDestinations', () => {
  it('sends basic auth with the password from a key of a JSON secret', async () => {
    const d = new ApiDestinations({ connections, trace: new Trace(), secretsFile });
    await d.call(rule, target(`${base}/basic`, 'legacy'), '{"a":1}');
    const req = seen.find((s) => s.url === '/basic')!;
    expect(req.headers.authorization).toBe(`Basic ${Buffer.from('shop:p@ss').toString('base64')}`);
    expect(req.body).toBe('{"a":1}');
  });

  it('fetches an OAuth token with client credentials once, then sends it as a bearer token', async () => {
    connections[1]!.auth = { ...(connections[1]!.auth as Extract<ConnectionModel['auth'], { type: 'oauth' }>), endpoint: `${base}/token` };
    const d = new ApiDestinations({ connections, trace: new Trace(), secretsFile });
    await d.call(rule, target(`${base}/a`, 'partner'), '{}');
    await d.call(rule, target(`${base}/b`, 'partner'), '{}');
    const tokenCalls = seen.filter((s) => s.url === '/token');
    expect(tokenCalls).toHaveLength(1);
    expect(tokenCalls[0]!.headers.authorization).toBe(`Basic ${Buffer.from('eda:client-secret').toString('base64')}`);
    expect(new URLSearchParams(tokenCalls[0]!.body).get('grant_type')).toBe('client_credentials');
    expect(new URLSearchParams(tokenCalls[0]!.body).get('scope')).toBe('events.write');
    expect(seen.find((s) => s.url === '/b')!.headers.authorization).toBe('Bearer tok-1');
  });

  it('fails, for the rule DLQ, on a status other than 2xx and on a secret the secrets file lacks', async () => {
    const trace = new Trace();
    const d = new ApiDestinations({ connections, trace, secretsFile });
    await expect(d.call(rule, target(`${base}/broken`, 'legacy'), '{}')).rejects.toMatchObject({ code: 'HTTP500' });
    expect(trace.recent.at(-1)).toMatchObject({ kind: 'destination', status: 500, called: true });
    const missing = await d.call(rule, target(`${base}/x`, 'nokey'), '{}').catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(DeliveryError);
    expect(missing).toMatchObject({ code: 'SecretNotFound' });
    expect(seen.some((s) => s.url === '/x')).toBe(false);
  });
});
