// eda invoke and eda watch fail fast with a clear error: a handler file that does not exist is
// positioned in app.yaml before any runtime starts; watch without a region or credentials stops
// at once (exit 1) instead of waiting for saves that cannot fix it.
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyExample, eda, tempDir, tempProject } from '../support/cli.js';

const PYTHON_APP = `name: reports
runtime: python3.13
functions:
  report:
    handler: src/jobs/report.py
  digest: {}
`;

describe('eda invoke with a missing handler file', () => {
  it('a Python handler: the error points at handler: in app.yaml, exit 1', async () => {
    const dir = tempProject({ 'app.yaml': PYTHON_APP });
    const run = await eda(['invoke', 'report', '--cwd', dir]);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain("app.yaml:5:14: error report's handler file src/jobs/report.py does not exist");
    expect(run.stderr).toContain('hint: run eda synth to create a stub at src/jobs/report.py, or point handler: at an existing file');
    expect(run.stderr).not.toContain('ImportModuleError');
  });

  it('the default handler path: the error points at the function', async () => {
    const dir = tempProject({ 'app.yaml': PYTHON_APP });
    const run = await eda(['invoke', 'digest', '--cwd', dir]);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain("app.yaml:6:3: error digest's handler file src/handlers/digest.py does not exist");
  });

  it('a TypeScript handler deleted after synth', async () => {
    const dir = copyExample('order-pipeline');
    rmSync(path.join(dir, 'src/handlers/getOrder.ts'));
    const run = await eda(['invoke', 'getOrder', '--cwd', dir, '--sample']);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(/app\.yaml:\d+:3: error getOrder's handler file src\/handlers\/getOrder\.ts does not exist/);
  });
});

describe('eda invoke with a broken event file', () => {
  it('says where the file breaks, before any runtime starts, exit 1', async () => {
    const dir = copyExample('order-pipeline');
    writeFileSync(path.join(dir, 'bad.json'), '{"id": 1,\n');
    const run = await eda(['invoke', 'getOrder', '--cwd', dir, '--event', 'bad.json']);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toBe('error bad.json:2:1: the event is neither JSON nor YAML (Flow map must end with a })\nhint  fix the event file, or pass another with --event <file> (or - for stdin)');
    const stdin = await eda(['invoke', 'getOrder', '--cwd', dir, '--event', '-'], { input: 'a: 1\n  b: [\n' });
    expect(stdin.exitCode).toBe(1);
    expect(stdin.stderr).toContain('error stdin:1:4: the event is neither JSON nor YAML');
  });
});

describe('eda watch without an AWS connection', () => {
  const noAws = () => {
    const home = tempDir('eda-home-');
    // undefined: the variable is not passed on at all
    const unset = Object.fromEntries(['AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_ENDPOINT_URL'].map((k) => [k, undefined]));
    return { ...unset, HOME: home, AWS_CONFIG_FILE: path.join(home, 'none'), AWS_SHARED_CREDENTIALS_FILE: path.join(home, 'none') } as unknown as Record<string, string>;
  };

  it('no region: exit 1 at once, before watching', async () => {
    const dir = copyExample('order-pipeline');
    const started = Date.now();
    const run = await eda(['watch', '--cwd', dir], { env: noAws() });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('error No AWS region is configured.');
    expect(run.stdout + run.stderr).not.toContain('Waiting for the next change');
    expect(Date.now() - started).toBeLessThan(60_000);
  });

  it('a region but no credentials: exit 1, says so', async () => {
    const dir = copyExample('order-pipeline');
    const run = await eda(['watch', '--cwd', dir, '--region', 'eu-west-1'], { env: noAws() });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('error No AWS credentials were found.');
    expect(run.stdout + run.stderr).not.toContain('Waiting for the next change');
  });
});
