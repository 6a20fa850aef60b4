// End to end: the built CLI runs `eda dev` on a copy of the apigw-lambda-authorizer pattern,
// grown an API key requirement and an HTTP API with a JWT authorizer. Real handlers run the
// authorizer; requests get exactly what API Gateway answers.
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { testIssuer, type TestIssuer } from '../support/jwt.js';

const root = resolve(import.meta.dirname, '../..');
const pattern = join(root, 'examples/patterns/apigw-lambda-authorizer');
const ISSUER = 'https://issuer.example.com';

async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => res(port));
    });
  });
}

let dir: string;
let dev: ResultPromise;
let ready: Record<string, any>;
let stdout = '';
let issuer: TestIssuer;

beforeAll(async () => {
  await execa('npm', ['run', 'build'], { cwd: root });
  dir = mkdtempSync(join(tmpdir(), 'eda-dev-auth-'));
  cpSync(pattern, dir, { recursive: true });
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const doc = parseDocument(readFileSync(join(dir, 'app.yaml'), 'utf8'));
  doc.setIn(['apis', 'app', 'apiKeys'], true);
  doc.setIn(['apis', 'users'], doc.createNode({ authorizers: { users: { type: 'jwt', issuer: ISSUER, audience: ['client-1'] } }, auth: 'users' }));
  doc.setIn(['functions', 'app', 'triggers', 0, 'api'], 'app');
  doc.setIn(['functions', 'me'], doc.createNode({ triggers: [{ http: 'GET /me', api: 'users', auth: { authorizer: 'users', scopes: ['orders/read'] } }] }));
  writeFileSync(join(dir, 'app.yaml'), doc.toString());
  writeFileSync(join(dir, 'src/handlers/me.ts'), "export const handler = async (event: any) => ({ statusCode: 200, body: JSON.stringify(event.requestContext.authorizer) });\n");
  issuer = await testIssuer(dir);
  const port = await freePort();
  dev = execa('node', [join(root, 'bin/eda.js'), 'dev', '--cwd', dir, '--port', String(port), '--json'], {
    cwd: root,
    reject: false,
    env: { NO_COLOR: '1', EDA_DEV_JWKS: 'jwks.json', EDA_DEV_API_KEY: 'local-key-123' },
  });
  ready = await new Promise((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`no ready line: ${stdout}`)), 90_000);
    dev.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split('\n').find((l) => l.includes('"kind":"ready"'));
      if (line) (clearTimeout(timer), res(JSON.parse(line)));
    });
  });
}, 150_000);

afterAll(async () => {
  if (dev && dev.exitCode === null) dev.kill('SIGINT');
  await dev?.catch(() => undefined);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const get = async (url: string, headers: Record<string, string>) => {
  const res = await fetch(url, { headers });
  return { status: res.status, body: (await res.json()) as any };
};

describe('eda dev with authorizers (built CLI)', () => {
  const key = { 'x-api-key': 'local-key-123' };

  it('reports the dev API key in its ready line', () => {
    expect(ready.apiKey).toBe('local-key-123');
  });

  it("runs the Lambda TOKEN authorizer: allows with its context in the route's event", async () => {
    const res = await get(`${ready.apis.app}/`, { ...key, authorizationToken: 'Bearer allow' });
    expect(res.status).toBe(200);
    expect(res.body.requestContext.authorizer).toEqual({ principalId: 'user', stringKey: 'stringval', numberKey: '123', booleanKey: 'true' });
  });

  it('answers its deny with 403, its Unauthorized with 401, a missing header with 401, its failure with 500', async () => {
    expect(await get(`${ready.apis.app}/`, { ...key, authorizationToken: 'Bearer deny' })).toEqual({ status: 403, body: { message: 'User is not authorized to access this resource with an explicit deny' } });
    expect(await get(`${ready.apis.app}/`, { ...key, authorizationToken: 'unauthorized' })).toEqual({ status: 401, body: { message: 'Unauthorized' } });
    expect(await get(`${ready.apis.app}/`, key)).toEqual({ status: 401, body: { message: 'Unauthorized' } });
    expect((await get(`${ready.apis.app}/`, { ...key, authorizationToken: 'garbage' })).status).toBe(500);
  });

  it('requires the API key', async () => {
    expect(await get(`${ready.apis.app}/`, { authorizationToken: 'Bearer allow' })).toEqual({ status: 403, body: { message: 'Forbidden' } });
  });

  it('verifies JWTs against EDA_DEV_JWKS: a bad signature is 401, a good one without the scope 403, with it 200', async () => {
    const exp = Math.floor(Date.now() / 1000) + 300;
    const claims = { iss: ISSUER, aud: 'client-1', sub: 'u-1', exp };
    expect((await get(`${ready.apis.users}/me`, { authorization: `Bearer ${await issuer.sign({ ...claims, scope: 'orders/read' }, { forged: true })}` })).status).toBe(401);
    expect((await get(`${ready.apis.users}/me`, { authorization: `Bearer ${await issuer.sign({ ...claims, scope: 'orders/write' })}` })).status).toBe(403);
    const ok = await get(`${ready.apis.users}/me`, { authorization: `Bearer ${await issuer.sign({ ...claims, scope: 'orders/read' })}` });
    expect(ok).toMatchObject({ status: 200, body: { jwt: { claims: { sub: 'u-1' }, scopes: ['orders/read'] } } });
  });
});
