// Express mode per stage: stages.<name>.deploy.express in app.yaml, --express / --no-express
// over it, refused for production stages. The built CLI runs against a scripted CloudFormation
// endpoint that records what CreateChangeSet was asked (--no-execute: nothing is executed).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createChangeSetXml, describeChangeSetXml, errorXml } from '../support/cfn-query.js';
import { eda, repoRoot, tempProject } from '../support/cli.js';
import { fakeAwsEnv, scriptedEndpoint, type Endpoint } from '../support/endpoint.js';

const APP = `name: shop
stages:
  dev:
    deploy: { express: true }
  qa: {}
  prod:
    production: true
queues:
  jobs: {}
`;

let endpoint: Endpoint | undefined;
afterEach(async () => {
  await endpoint?.close();
  endpoint = undefined;
});

/** Runs `eda deploy --no-execute` with these flags; the CreateChangeSet parameters it sent. */
async function deploy(dir: string, args: string[]) {
  const created: URLSearchParams[] = [];
  endpoint = await scriptedEndpoint((action, params) => {
    const stack = params.get('StackName') ?? '';
    if (action === 'DescribeStacks') return { status: 400, body: errorXml('ValidationError', `Stack with id ${stack} does not exist`) };
    if (action === 'CreateChangeSet') {
      created.push(params);
      return { status: 200, body: createChangeSetXml(stack, params.get('ChangeSetName')!) };
    }
    if (action === 'DescribeChangeSet') return { status: 200, body: describeChangeSetXml(stack.replace(/^arn:.*:stack\/([^/]+)\/.*$/, '$1'), 'cs', [{ action: 'Add', logicalId: 'JobsQueue', type: 'AWS::SQS::Queue' }]) };
    if (action === 'DeleteChangeSet' || action === 'DeleteStack') return { status: 200, body: `<${action}Response><${action}Result/></${action}Response>` };
    return { status: 400, body: errorXml('InvalidAction', action) };
  });
  const run = await eda(['deploy', '--cwd', dir, '--no-execute', ...args], { env: fakeAwsEnv(endpoint.url) });
  return { run, created, requests: endpoint.requests };
}

describe('express mode per stage', () => {
  let dir: string;
  beforeAll(() => {
    if (!existsSync(path.join(repoRoot, 'dist/main.js'))) throw new Error('dist/ is missing: run `npm run build` first (npm test does).');
    dir = tempProject({ 'app.yaml': APP });
  });

  it('a stage with deploy.express asks CloudFormation for EXPRESS, and says so', async () => {
    const { run, created } = await deploy(dir, ['--stage', 'dev']);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(created).toHaveLength(1);
    expect(created[0]!.get('DeploymentConfig.Mode')).toBe('EXPRESS');
    expect(run.stdout + run.stderr).toContain('express mode (stages.dev.deploy.express)');
  });

  it('another stage of the same app deploys in standard mode', async () => {
    const { run, created } = await deploy(dir, ['--stage', 'qa']);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(created[0]!.get('StackName')).toBe('shop-qa');
    expect([...created[0]!.keys()].filter((k) => k.startsWith('DeploymentConfig'))).toEqual([]);
    expect(run.stdout + run.stderr).not.toContain('express mode');
  });

  it('--express and --no-express override the stage', async () => {
    expect((await deploy(dir, ['--stage', 'qa', '--express'])).created[0]!.get('DeploymentConfig.Mode')).toBe('EXPRESS');
    const off = await deploy(dir, ['--stage', 'dev', '--no-express']);
    expect(off.run.exitCode, off.run.stderr).toBe(0);
    expect(off.created[0]!.get('DeploymentConfig.Mode')).toBeNull();
  });

  it('--express on a production stage is refused before anything is asked of AWS', async () => {
    const { run, requests } = await deploy(dir, ['--stage', 'prod', '--express']);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain("Refusing an express deploy of shop-prod: stage 'prod' is marked production: true in app.yaml.");
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(requests).toEqual([]);
  });

  it('deploy.express on a production stage is an app.yaml error at its position', async () => {
    const bad = tempProject({ 'app.yaml': 'name: shop\nstages:\n  prod:\n    production: true\n    deploy: { express: true }\nqueues:\n  jobs: {}\n' });
    const run = await eda(['validate', '--cwd', bad]);
    expect(run.exitCode).toBe(1);
    expect(run.stdout + run.stderr).toMatch(/app\.yaml:5:24: error stage 'prod' is marked production: true/);
    expect(run.stdout + run.stderr).toContain('remove deploy.express from stages.prod');
    const typo = tempProject({ 'app.yaml': 'name: shop\nstages:\n  dev:\n    deploy: { exprss: true }\n' });
    const r2 = await eda(['validate', '--cwd', typo]);
    expect(r2.exitCode).toBe(1);
    expect(r2.stdout + r2.stderr).toMatch(/app\.yaml:4:\d+: error .*exprss/);
  });
});
