// Every CloudFormation and S3 call behind the seam, against endpoints that are not AWS:
// an HTML page (malformed and well-formed), and a black hole that never answers. Each call
// must end in one sentence (an EdaError), never the SDK's parse error, and never hang.
import { afterEach, describe, expect, it } from 'vitest';
import { EdaError } from '../../src/core/errors.js';
import type { AwsApi } from '../../src/deploy/api.js';
import { createAwsApi } from '../../src/deploy/aws.js';
import { notAwsReason, timeoutsFrom } from '../../src/deploy/aws-transport.js';
import { blackHole, htmlEndpoint, scriptedEndpoint, type Endpoint } from '../support/endpoint.js';
import { FakeClock } from './fakes.js';

const STACK = 'shop-dev';
/** Every method of the seam, with what it is asked to do (as the error names it). */
const CALLS: [string, (aws: AwsApi) => Promise<unknown>, string][] = [
  ['describeStack', (a) => a.cfn.describeStack(STACK), `describe stack ${STACK}`],
  ['getTemplate', (a) => a.cfn.getTemplate(STACK), `read the template of stack ${STACK}`],
  ['createChangeSet', (a) => a.cfn.createChangeSet({ StackName: STACK, ChangeSetName: 'eda-1', TemplateBody: '{}' }), `create a change set for stack ${STACK}`],
  ['describeChangeSet', (a) => a.cfn.describeChangeSet('eda-1', STACK), 'describe change set eda-1'],
  ['listChangeSets', (a) => a.cfn.listChangeSets(STACK), `list the change sets of stack ${STACK}`],
  ['deleteChangeSet', (a) => a.cfn.deleteChangeSet('eda-1', STACK), 'delete change set eda-1'],
  ['executeChangeSet', (a) => a.cfn.executeChangeSet({ ChangeSetName: 'eda-1', StackName: STACK }), 'execute change set eda-1'],
  ['describeStackEvents', (a) => a.cfn.describeStackEvents(STACK), `read the events of stack ${STACK}`],
  ['listStackResources', (a) => a.cfn.listStackResources(STACK), `list the resources of stack ${STACK}`],
  ['deleteStack', (a) => a.cfn.deleteStack({ StackName: STACK }), `delete stack ${STACK}`],
  ['headBucket', (a) => a.s3.headBucket('artifacts'), 'check the bucket artifacts'],
  ['headObject', (a) => a.s3.headObject('artifacts', 'assets/a.zip'), 'check s3://artifacts/assets/a.zip'],
  ['putObject', (a) => a.s3.putObject('artifacts', 'assets/a.zip', Buffer.from('zip'), 'application/zip'), 'upload s3://artifacts/assets/a.zip'],
  ['touchObject', (a) => a.s3.touchObject('artifacts', 'assets/a.zip'), 'refresh s3://artifacts/assets/a.zip'],
];

const CREDENTIALS = { AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' };

async function withEnv<T>(extra: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const saved = { ...process.env };
  Object.assign(process.env, CREDENTIALS, extra);
  try {
    return await fn();
  } finally {
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
  }
}

let endpoint: Endpoint | undefined;
afterEach(async () => {
  await endpoint?.close();
  endpoint = undefined;
});

async function failures(env: Record<string, string> = {}) {
  return withEnv(env, async () => {
    const aws = await createAwsApi({ region: 'us-east-1', endpoint: endpoint!.url, clock: new FakeClock() });
    return Promise.all(
      CALLS.map(async ([method, run, action]) => {
        const started = Date.now();
        const error = await run(aws).then(
          (value) => new Error(`${method} answered ${JSON.stringify(value)}`),
          (e: unknown) => e,
        );
        return { method, action, error: error as EdaError, ms: Date.now() - started };
      }),
    );
  });
}

describe('a web page at the endpoint', () => {
  it('is one sentence for every call, malformed HTML (the SDK cannot parse it) or not', async () => {
    endpoint = await htmlEndpoint();
    for (const { method, action, error } of await failures()) {
      expect(error, method).toBeInstanceOf(EdaError);
      expect(error.message, method).toBe(`${endpoint.url} answered HTTP 200 with a web page, not an AWS response, when asked to ${action}.`);
      expect(error.hint, method).toMatch(/--endpoint-url/);
    }
  });

  it('is not taken for an empty answer when it parses as XML (no "stack not deployed")', async () => {
    endpoint = await scriptedEndpoint(() => ({ status: 200, body: '<html><body>Sign in to the proxy</body></html>', contentType: 'text/html' }));
    for (const { method, error } of await failures()) {
      expect(error, method).toBeInstanceOf(EdaError);
      expect(error.message, method).toMatch(/answered HTTP 200 with a web page, not an AWS response/);
    }
  });

  it('tells apart what AWS and emulators answer from what they do not', () => {
    expect(notAwsReason('query', 200, '<DescribeStacksResponse xmlns="x"><DescribeStacksResult/></DescribeStacksResponse>')).toBeUndefined();
    expect(notAwsReason('query', 400, '<ErrorResponse><Error><Code>ValidationError</Code></Error></ErrorResponse>')).toBeUndefined();
    expect(notAwsReason('query', 200, '{"ok":true}')).toBe('a body that is not XML from the API');
    // S3 answers many calls with an empty body (emulators even label it text/html).
    expect(notAwsReason('rest-xml', 200, '')).toBeUndefined();
    expect(notAwsReason('rest-xml', 404, '<?xml version="1.0"?><Error><Code>NoSuchBucket</Code></Error>')).toBeUndefined();
    expect(notAwsReason('rest-xml', 200, '', { 'content-type': 'text/html; charset=utf-8', 'x-amzn-requestid': 'r' })).toBeUndefined();
    expect(notAwsReason('rest-xml', 200, '  <!doctype html><title>x</title>')).toBe('a web page');
    // A HEAD answered by a web server: no body, labelled HTML, none of AWS's headers.
    expect(notAwsReason('rest-xml', 200, '', { 'Content-Type': 'text/html' })).toBe('a web page');
  });
});

describe('an endpoint that accepts connections and never answers', () => {
  it('gives up on every call with one sentence, within the configured timeout (both attempts)', async () => {
    endpoint = await blackHole();
    const results = await failures({ EDA_AWS_TIMEOUT_MS: '300' });
    for (const { method, action, error, ms } of results) {
      expect(error, method).toBeInstanceOf(EdaError);
      expect(error.message, method).toBe(`${endpoint.url} did not answer within 300 ms when asked to ${action}.`);
      expect(error.hint, method).toMatch(/EDA_AWS_TIMEOUT_MS/);
      expect(ms, method).toBeLessThan(5_000);
    }
    expect(endpoint.requests.length).toBeGreaterThanOrEqual(CALLS.length);
  });

  it('defaults to 20 s per request and 5 s to connect, and refuses a timeout that is not a number', () => {
    expect(timeoutsFrom({})).toEqual({ connectMs: 5_000, requestMs: 20_000 });
    expect(timeoutsFrom({ EDA_AWS_TIMEOUT_MS: '300' })).toEqual({ connectMs: 300, requestMs: 300 });
    const error = (() => {
      try {
        return timeoutsFrom({ EDA_AWS_TIMEOUT_MS: '5s' });
      } catch (e) {
        return e as EdaError;
      }
    })() as EdaError;
    expect(error).toBeInstanceOf(EdaError);
    expect(error.message).toBe('EDA_AWS_TIMEOUT_MS is "5s", not a whole number of milliseconds.');
  });
});
