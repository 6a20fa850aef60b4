// Whole-process: every command of the deploy family against an endpoint that is not AWS —
// a web server answering HTML, a black hole that accepts connections and never answers
// (with a short EDA_AWS_TIMEOUT_MS), and scripted endpoints that fail mid-command. Each ends
// in one sentence with a hint on stderr, exit code 1, no stack trace, quickly.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { changeSetsXml, describeStacks, errorXml, eventsXml, resourcesXml, stackId, stackXml, templateXml } from '../support/cfn-query.js';
import { blackHole, fakeAwsEnv, htmlEndpoint, scriptedEndpoint, type Answer, type Endpoint } from '../support/endpoint.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = path.join(root, 'bin/eda.js');
const example = path.join(root, 'examples/order-pipeline');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

function eda(args: string[], endpoint: string, env: Record<string, string> = {}): Promise<Run> {
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      {
        env: {
          ...process.env,
          ...fakeAwsEnv(endpoint),
          ...env,
        },
        timeout: 90_000,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof (error as { code?: unknown }).code === 'number' ? (error as { code: number }).code : -1) : 0;
        resolve({ code, stdout, stderr, ms: Date.now() - started });
      },
    );
  });
}

/** Each command of the family, and the first thing it asks AWS. */
const COMMANDS: [string, string[], RegExp][] = [
  ['deploy', ['deploy', '--cwd', example, '--yes'], /describe stack eda-bootstrap/],
  ['diff', ['diff', '--cwd', example], /describe stack (shop-dev|eda-bootstrap)/],
  ['status', ['status', '--cwd', example], /describe stack shop-dev/],
  ['status --watch', ['status', '--cwd', example, '--watch'], /describe stack shop-dev/],
  ['outputs', ['outputs', '--cwd', example], /describe stack shop-dev/],
  ['destroy', ['destroy', '--cwd', example, '--yes'], /describe stack shop-dev/],
  ['bootstrap', ['bootstrap'], /describe stack eda-bootstrap/],
];

/** One sentence, its hint, nothing else: no SDK text, no stack trace. */
function expectOneSentence(run: Run, message: RegExp, hint: RegExp) {
  expect(run.code, run.stderr).toBe(1);
  const lines = run.stderr.split('\n');
  expect(lines, run.stderr).toHaveLength(3);
  expect(lines[0]).toMatch(/^error [^\n]+\.$/);
  expect(lines[0]).toMatch(message);
  expect(lines[1]).toMatch(/^hint {2}/);
  expect(lines[1]).toMatch(hint);
  expect(lines[2]).toBe('');
  expect(run.stderr + run.stdout).not.toMatch(/\n\s+at |\$response|@smithy|@aws-sdk|requestTimeout/);
}

let endpoint: Endpoint | undefined;

describe('the deploy commands against an endpoint that is not AWS', () => {
  beforeAll(() => {
    if (!existsSync(path.join(root, 'dist/main.js'))) throw new Error('dist/ is missing: run `npm run build` first (npm test does).');
  });
  afterEach(async () => {
    await endpoint?.close();
    endpoint = undefined;
  });

  it.each(COMMANDS)('%s: a web page at the endpoint is one sentence', async (_name, args, action) => {
    endpoint = await htmlEndpoint();
    const run = await eda(args, endpoint.url);
    expectOneSentence(run, new RegExp(`^error ${endpoint.url.replace(/\./g, '\\.')} answered HTTP 200 with a web page, not an AWS response, when asked to ${action.source}\\.$`), /--endpoint-url/);
  });

  it.each(COMMANDS)('%s: an endpoint that never answers gives up with one sentence', async (_name, args, action) => {
    endpoint = await blackHole();
    const run = await eda(args, endpoint.url, { EDA_AWS_TIMEOUT_MS: '1000' });
    expectOneSentence(run, new RegExp(`did not answer within 1 s when asked to ${action.source}\\.$`), /EDA_AWS_TIMEOUT_MS/);
    expect(run.ms).toBeLessThan(20_000);
  });
});

describe('the deploy commands when the endpoint fails mid-command', () => {
  afterEach(async () => {
    await endpoint?.close();
    endpoint = undefined;
  });

  /** shop-dev deployed (UPDATE_COMPLETE or as given), the bootstrap bucket "artifacts"; `fail` decides per request. */
  function healthy(fail: (action: string, n: number) => Answer | undefined, status = 'UPDATE_COMPLETE') {
    const counts = new Map<string, number>();
    return (action: string, p: URLSearchParams): Answer => {
      const n = (counts.get(action) ?? 0) + 1;
      counts.set(action, n);
      const failed = fail(action, n);
      if (failed) return failed;
      if (action.startsWith('HEAD /artifacts')) return { status: 200, body: '', contentType: 'application/xml' };
      switch (action) {
        case 'DescribeStacks':
          return p.get('StackName') === 'eda-bootstrap'
            ? { status: 200, body: describeStacks(stackXml('eda-bootstrap', 'CREATE_COMPLETE', { BucketName: 'artifacts' })) }
            : { status: 200, body: describeStacks(stackXml('shop-dev', status)) };
        case 'GetTemplate':
          return { status: 200, body: templateXml('{"Resources":{}}') };
        case 'DescribeStackEvents':
          return { status: 200, body: eventsXml('shop-dev', status) };
        case 'ListStackResources':
          return { status: 200, body: resourcesXml() };
        case 'ListChangeSets':
          return { status: 200, body: changeSetsXml('shop-dev', []) };
        default:
          return { status: 400, body: errorXml('ValidationError', `unexpected ${action}`) };
      }
    };
  }

  it('deploy: a change set that is never answered', async () => {
    endpoint = await scriptedEndpoint(healthy((action) => (action === 'CreateChangeSet' ? 'hang' : undefined)));
    const run = await eda(['deploy', '--cwd', example, '--yes'], endpoint.url, { EDA_AWS_TIMEOUT_MS: '1000' });
    expectOneSentence(run, /did not answer within 1 s when asked to create a change set for stack shop-dev\.$/, /EDA_AWS_TIMEOUT_MS/);
  });

  it('deploy: a web page where the asset check expects S3', async () => {
    endpoint = await scriptedEndpoint(healthy((action) => (action.startsWith('HEAD /artifacts/assets/') ? 'html' : undefined)));
    const run = await eda(['deploy', '--cwd', example, '--yes'], endpoint.url);
    expectOneSentence(run, /answered HTTP 200 with a web page, not an AWS response, when asked to check s3:\/\/artifacts\/assets\/[0-9a-f]{64}\.zip\.$/, /--endpoint-url/);
  });

  it('status --watch: the endpoint stops answering while an operation is followed', async () => {
    endpoint = await scriptedEndpoint(healthy((action, n) => (action === 'DescribeStacks' && n > 1 ? 'hang' : undefined), 'UPDATE_IN_PROGRESS'));
    const run = await eda(['status', '--cwd', example, '--watch'], endpoint.url, { EDA_AWS_TIMEOUT_MS: '1000' });
    expect(run.stdout).toMatch(/Following shop-dev \(UPDATE_IN_PROGRESS\)/);
    expectOneSentence(run, new RegExp(`did not answer within 1 s when asked to describe stack ${stackId('shop-dev').replace(/[/.]/g, '\\$&')}\\.$`), /EDA_AWS_TIMEOUT_MS/);
  });

  it('destroy: a web page where the resources are listed', async () => {
    endpoint = await scriptedEndpoint(healthy((action) => (action === 'ListStackResources' ? 'html' : undefined)));
    const run = await eda(['destroy', '--cwd', example, '--yes'], endpoint.url);
    expectOneSentence(run, /answered HTTP 200 with a web page, not an AWS response, when asked to list the resources of stack /, /--endpoint-url/);
  });

  it('diff: the deployed template is never answered', async () => {
    endpoint = await scriptedEndpoint(healthy((action) => (action === 'GetTemplate' ? 'hang' : undefined)));
    const run = await eda(['diff', '--cwd', example], endpoint.url, { EDA_AWS_TIMEOUT_MS: '1000' });
    expectOneSentence(run, /did not answer within 1 s when asked to read the template of stack /, /EDA_AWS_TIMEOUT_MS/);
  });
});
