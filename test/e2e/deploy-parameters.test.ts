// End to end: `eda deploy --parameter` and `eda diff --parameter` against a local emulator
// (moto): the change set carries the values given (else the stage's), the function's
// environment gets them, diff lists a parameter that would change, and a flag naming no
// parameter is refused before anything reaches AWS.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CloudFormationClient, DescribeStacksCommand, ListStackResourcesCommand } from '@aws-sdk/client-cloudformation';
import { GetFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { motoHarness } from '../support/moto.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = path.join(root, 'bin/eda.js');
const moto = motoHarness();

function eda(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { env: { ...process.env, ...moto.env, NO_COLOR: '1' }, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof (error as { code?: unknown }).code === 'number' ? (error as { code: number }).code : 1) : 0, stdout, stderr });
    });
  });
}

const clientConfig = () => ({ endpoint: moto.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });

describe.skipIf(moto.skip)('eda deploy --parameter against a local emulator (moto)', () => {
  let dir: string;

  beforeAll(async () => {
    if (!existsSync(path.join(root, 'dist/main.js'))) throw new Error('dist/ is missing: run `npm run build` first (npm test does).');
    await moto.start();
    dir = mkdtempSync(path.join(tmpdir(), 'eda-e2e-params-'));
    mkdirSync(path.join(dir, 'src/handlers'), { recursive: true });
    writeFileSync(
      path.join(dir, 'app.yaml'),
      [
        'name: params',
        'monitoring: { alarms: false }',
        'parameters:',
        '  Env: { default: test, allowed: [test, staging, prod] }',
        '  Team: { default: blue }',
        '  Token: { noEcho: true }',
        'functions:',
        '  hello:',
        '    environment: { ENV: "${parameters.Env}", TEAM: "${parameters.Team}" }',
        '',
      ].join('\n'),
    );
    writeFileSync(path.join(dir, 'src/handlers/hello.ts'), 'export const handler = async () => ({ env: process.env.ENV });\n');
  }, 60_000);

  afterAll(async () => {
    await moto.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a --parameter naming no parameter, or a value it does not allow, before reaching AWS', async () => {
    const unknown = await eda(['deploy', '--cwd', dir, '--yes', '--parameter', 'Envv=prod']);
    expect(unknown.code).toBe(2); // a usage error
    expect(unknown.stderr).toContain('--parameter Envv: app.yaml declares no parameter Envv.');
    expect(unknown.stderr).toContain("did you mean 'Env'?");
    expect(unknown.stderr).not.toMatch(/\n\s+at /);
    const disallowed = await eda(['deploy', '--cwd', dir, '--yes', '--parameter', 'Env=qa']);
    expect(disallowed.code).toBe(2);
    expect(disallowed.stderr).toContain("--parameter Env: 'qa' is not an allowed value.");
    const malformed = await eda(['diff', '--cwd', dir, '--parameter', 'Env']);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain('--parameter "Env" is not Name=value.');
  });

  it('passes the values given, and the defaults for the rest, to the stack', async () => {
    const missing = await eda(['deploy', '--cwd', dir, '--yes', '--parameter', 'Env=prod']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("The template's parameter Token has no default and no --parameter Token=… was given");
    const run = await eda(['deploy', '--cwd', dir, '--yes', '--parameter', 'Env=prod', '--parameter', 'Token=s3cret']);
    expect(run.code, run.stdout + run.stderr + moto.log().slice(-2000)).toBe(0);
    const cfn = new CloudFormationClient(clientConfig());
    const stack = (await cfn.send(new DescribeStacksCommand({ StackName: 'params-dev' }))).Stacks![0]!;
    expect(Object.fromEntries((stack.Parameters ?? []).map((p) => [p.ParameterKey, p.ParameterValue]))).toMatchObject({ Env: 'prod', Team: 'blue' });
    expect(stack.Parameters?.map((p) => p.ParameterKey)).toContain('Token');
    const ids = new Map(((await cfn.send(new ListStackResourcesCommand({ StackName: 'params-dev' }))).StackResourceSummaries ?? []).map((r) => [r.LogicalResourceId!, r.PhysicalResourceId!]));
    const fn = await new LambdaClient(clientConfig()).send(new GetFunctionCommand({ FunctionName: ids.get('HelloFunction')! }));
    expect(fn.Configuration?.Environment?.Variables).toMatchObject({ ENV: 'prod', TEAM: 'blue' });
  }, 180_000);

  it('keeps the deployed value of a parameter given no flag and no default (UsePreviousValue): nothing to change', async () => {
    const run = await eda(['deploy', '--cwd', dir, '--yes', '--parameter', 'Env=prod']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('No changes');
  }, 120_000);

  it('eda diff lists a parameter whose value would change', async () => {
    const same = await eda(['diff', '--cwd', dir, '--json', '--parameter', 'Env=prod']);
    expect(same.code, same.stderr).toBe(0);
    expect(JSON.parse(same.stdout).parameters).toEqual([]);
    const changed = await eda(['diff', '--cwd', dir, '--fail', '--parameter', 'Env=staging']);
    expect(changed.code).toBe(1);
    expect(changed.stdout).toContain('Parameter Env: prod → staging');
  }, 120_000);
});
