// End to end: `eda deploy` of a mixed app — a Node.js function and a Python function with a
// dependency (a wheel from a local folder, no package index) — against moto; an unchanged
// redeploy is "No changes" because the Python package hashes the same.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ListStackResourcesCommand, CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { GetFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { motoHarness } from '../support/moto.js';
import { writeWheel } from '../support/wheels.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = path.join(root, 'bin/eda.js');
const moto = motoHarness();

const files: Record<string, string> = {
  'app.yaml': `name: pymix
functions:
  api: {}
  worker:
    runtime: python3.13
    environment: { GREETING: hello }
`,
  'src/handlers/api.ts': 'export const handler = async () => ({ statusCode: 200, body: "ok" });\n',
  'src/handlers/worker.py': 'import tinydep\ndef handler(event, context):\n    return tinydep.VERSION\n',
  'src/requirements.txt': 'tinydep==1.0\n',
};

describe.skipIf(moto.skip)('eda deploy of Python functions (moto)', () => {
  let dir: string;
  const clientConfig = () => ({ endpoint: moto.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  const eda = (args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        [bin, ...args],
        { env: { ...process.env, ...moto.env, NO_COLOR: '1', PIP_NO_INDEX: '1', PIP_FIND_LINKS: path.join(dir, 'wheels') }, timeout: 180_000, maxBuffer: 16 * 1024 * 1024 },
        (error, stdout, stderr) => resolve({ code: error ? Number((error as { code?: unknown }).code) || 1 : 0, stdout, stderr }),
      );
    });

  beforeAll(async () => {
    if (!existsSync(path.join(root, 'dist/main.js'))) throw new Error('dist/ is missing: run `npm run build` first (npm test does).');
    await moto.start();
    dir = mkdtempSync(path.join(tmpdir(), 'eda-e2e-pydeploy-'));
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.join(dir, file, '..'), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    }
    mkdirSync(path.join(dir, 'wheels'));
    writeWheel(path.join(dir, 'wheels'), 'tinydep', '1.0');
  });

  afterAll(async () => {
    await moto.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('creates both functions with their runtime and handler, the Python one packaged with its dependency', async () => {
    const run = await eda(['deploy', '--cwd', dir, '--yes']);
    expect(run.code, run.stdout + run.stderr + moto.log().slice(-3000)).toBe(0);
    expect(run.stdout).toMatch(/✓ Deployed pymix-dev \(CREATE_COMPLETE, /);
    const cfn = new CloudFormationClient(clientConfig());
    const ids = new Map(((await cfn.send(new ListStackResourcesCommand({ StackName: 'pymix-dev' }))).StackResourceSummaries ?? []).map((r) => [r.LogicalResourceId!, r.PhysicalResourceId!]));
    const lambda = new LambdaClient(clientConfig());
    const worker = (await lambda.send(new GetFunctionCommand({ FunctionName: ids.get('WorkerFunction')! }))).Configuration!;
    const api = (await lambda.send(new GetFunctionCommand({ FunctionName: ids.get('ApiFunction')! }))).Configuration!;
    expect([worker.Runtime, worker.Handler, worker.Environment?.Variables?.GREETING]).toEqual(['python3.13', 'handlers.worker.handler', 'hello']);
    expect([api.Runtime, api.Handler]).toEqual(['nodejs24.x', 'api.handler']);
    // the package (source + tinydep) is larger than the handler alone
    expect(worker.CodeSize!).toBeGreaterThan(1000);
    expect(existsSync(path.join(dir, '.eda/build/python'))).toBe(true);
  });

  it('redeploys an unchanged app as "No changes"', async () => {
    const run = await eda(['deploy', '--cwd', dir, '--yes']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/✓ No changes: pymix-dev is up to date/);
  });

  it('redeploys a changed Python handler as an update of that function only', async () => {
    writeFileSync(path.join(dir, 'src/handlers/worker.py'), 'import tinydep\ndef handler(event, context):\n    return "v2 " + tinydep.VERSION\n');
    const run = await eda(['deploy', '--cwd', dir, '--yes']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Modify\s+WorkerFunction\s+AWS::Lambda::Function/);
    expect(run.stdout).not.toMatch(/ApiFunction/);
  });
});
