// `eda add function <name> --authorizer <api>`: the function, the api's Lambda authorizer
// calling it, a stub typed for that authorizer and a first test; the project type-checks and
// its tests pass. `eda remove function` then refuses while the authorizer still names it.
import { execa } from 'execa';
import { readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { eda, edaOk, repoRoot, tempDir } from '../support/cli.js';
import { ensureBuilt } from '../scaffold/support/built.js';
import { linkModules } from '../support/link-modules.js';

beforeAll(async () => {
  await ensureBuilt();
}, 180_000);

const read = (dir: string, file: string) => readFileSync(path.join(dir, file), 'utf8');

const ok = edaOk;

describe('eda add function --authorizer', { timeout: 300_000 }, () => {
  it('adds each kind of Lambda authorizer with a typed stub and a passing first test', async () => {
    const root = tempDir('eda-add-authorizer-');
    await ok(root, ['new', 'shop', '--template', 'scheduled', '--no-install', '--no-git']);
    const dir = path.join(root, 'shop');
    await ok(dir, ['add', 'api', 'public']);
    await ok(dir, ['add', 'api', 'admin', '--type', 'rest']);
    await ok(dir, ['add', 'function', 'gate', '--authorizer', 'public']);
    await ok(dir, ['add', 'function', 'tokenGate', '--authorizer', 'admin']);
    await ok(dir, ['add', 'function', 'requestGate', '--authorizer', 'admin', '--type', 'request']);

    const app = parse(read(dir, 'app.yaml'));
    expect(app.apis.public.authorizers).toEqual({ gate: { type: 'lambda', function: 'gate' } });
    expect(app.apis.admin.authorizers).toEqual({ tokenGate: { type: 'token', function: 'tokenGate' }, requestGate: { type: 'request', function: 'requestGate' } });
    expect(app.functions.gate.triggers).toBeUndefined();
    expect(read(dir, 'src/handlers/gate.ts')).toContain('APIGatewayRequestAuthorizerEventV2');
    expect(read(dir, 'src/handlers/gate.ts')).toContain('APIGatewaySimpleAuthorizerWithContextResult');
    expect(read(dir, 'src/handlers/tokenGate.ts')).toContain('APIGatewayTokenAuthorizerEvent');
    expect(read(dir, 'src/handlers/requestGate.ts')).toContain('APIGatewayRequestAuthorizerEvent)');
    expect(parse(read(dir, 'template.yaml')).Resources.AdminRestApi.Properties.Auth.Authorizers.TokenGateAuthorizer.FunctionPayloadType).toBe('TOKEN');

    linkModules(dir);
    const tsc = await execa(path.join(repoRoot, 'node_modules', '.bin', 'tsc'), ['--noEmit'], { cwd: dir, reject: false });
    expect(tsc.stdout + tsc.stderr).toBe('');
    const vitest = await execa(path.join(repoRoot, 'node_modules', '.bin', 'vitest'), ['run', 'test/gate.test.ts', 'test/tokenGate.test.ts', 'test/requestGate.test.ts'], { cwd: dir, reject: false, env: { CI: '1', NO_COLOR: '1' } });
    expect(vitest.exitCode, vitest.stdout + vitest.stderr).toBe(0);
    expect(vitest.stdout).toMatch(/Tests\s+5 passed/);

    const before = read(dir, 'app.yaml');
    const remove = await eda(['remove', 'function', 'tokenGate'], { cwd: dir });
    expect(remove.exitCode).not.toBe(0);
    expect(remove.stderr).toContain('apis.admin.authorizers.tokenGate.function');
    expect(read(dir, 'app.yaml')).toBe(before);
  });

  it('refuses a type the api cannot have, and triggers, changing nothing', async () => {
    const root = tempDir('eda-add-authorizer-');
    await ok(root, ['new', 'shop', '--template', 'scheduled', '--no-install', '--no-git']);
    const dir = path.join(root, 'shop');
    await ok(dir, ['add', 'api', 'public']);
    const before = read(dir, 'app.yaml');
    const wrong = await eda(['add', 'function', 'gate', '--authorizer', 'public', '--type', 'token'], { cwd: dir });
    expect(wrong.exitCode).not.toBe(0);
    expect(wrong.stderr).toContain("a Lambda authorizer on an http api is lambda, not 'token'");
    const unknown = await eda(['add', 'function', 'gate', '--authorizer', 'publik'], { cwd: dir });
    expect(unknown.exitCode).not.toBe(0);
    expect(unknown.stderr).toContain('publik');
    expect(read(dir, 'app.yaml')).toBe(before);
  });
});
