// Faults talking to AWS: each becomes one sentence (an EdaError), throttling is retried
// with backoff. The last group runs the real SDK clients against a local HTTP server
// that answers like CloudFormation's query API.
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EdaError } from '../../src/core/errors.js';
import { createAwsApi, resolveEndpoint } from '../../src/deploy/aws.js';
import { isThrottling, networkCode, toEdaError, withThrottleRetry } from '../../src/deploy/aws-errors.js';
import { chooseRegion } from '../../src/deploy/connect.js';
import { FakeClock } from './fakes.js';

const ctx = { action: 'describe stack shop-dev', region: 'eu-west-1' };
const err = (name: string, message: string, extra: object = {}) => Object.assign(new Error(message), { name, ...extra });

describe('toEdaError', () => {
  it.each([
    [err('CredentialsProviderError', 'Could not load credentials from any providers'), 'No AWS credentials were found.', /AWS_PROFILE/],
    [err('InvalidClientTokenId', 'The security token included in the request is invalid.'), 'AWS rejected the credentials while trying to describe stack shop-dev (InvalidClientTokenId).', /access key/],
    [err('SignatureDoesNotMatch', 'The request signature we calculated does not match'), 'AWS rejected the credentials while trying to describe stack shop-dev (SignatureDoesNotMatch).', /access key/],
    [err('ExpiredToken', 'The security token included in the request is expired'), 'AWS rejected the credentials while trying to describe stack shop-dev (ExpiredToken).', /sso login/],
    [err('AccessDenied', 'User: arn:aws:iam::1:user/x is not authorized to perform: cloudformation:DescribeStacks'), 'Access denied while trying to describe stack shop-dev: User: arn:aws:iam::1:user/x is not authorized to perform: cloudformation:DescribeStacks', /lack a permission/],
    [new Error('Region is missing'), 'No AWS region is configured.', /--region/],
    [err('Throttling', 'Rate exceeded'), 'AWS kept throttling requests while trying to describe stack shop-dev, even after retrying.', /Wait a minute/],
    [err('ValidationError', 'Stack:arn:aws:cloudformation:eu-west-1:1:stack/shop-dev/x is in UPDATE_IN_PROGRESS state and can not be updated.'), 'Stack:arn:aws:cloudformation:eu-west-1:1:stack/shop-dev/x is in UPDATE_IN_PROGRESS state and can not be updated: another operation holds the stack.', /eda status --watch/],
    [err('ValidationError', 'Template format error: Unresolved resource dependencies [Nope] in the Resources block of the template'), 'Could not describe stack shop-dev: Template format error: Unresolved resource dependencies [Nope] in the Resources block of the template.', undefined],
  ])('%#: %s', (error, message, hint) => {
    const e = toEdaError(error, ctx);
    expect(e).toBeInstanceOf(EdaError);
    expect(e.exitCode).toBe(1);
    expect(e.message).toBe(message);
    if (hint) expect(e.hint).toMatch(hint);
  });

  it('names the profile when its credentials cannot be loaded', () => {
    const e = toEdaError(err('CredentialsProviderError', 'Could not resolve credentials using profile: [work] in configuration/credentials file(s).'), { ...ctx, profile: 'work' });
    expect(e.message).toMatch(/^Could not load AWS credentials for profile "work": /);
  });

  it('finds network failures in nested causes and aggregate errors', () => {
    const refused = Object.assign(new AggregateError([Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' })]), { name: 'AggregateError' });
    expect(networkCode(refused)).toBe('ECONNREFUSED');
    expect(toEdaError(refused, { ...ctx, endpoint: 'http://127.0.0.1:1' }).message).toBe(
      'Cannot reach http://127.0.0.1:1 to describe stack shop-dev: the connection was refused.',
    );
    const dns = Object.assign(new Error('getaddrinfo ENOTFOUND cloudformation.nowhere'), { cause: { code: 'ENOTFOUND' } });
    expect(toEdaError(dns, ctx).message).toBe('Cannot reach AWS in eu-west-1 to describe stack shop-dev: the host name does not resolve.');
    expect(toEdaError(err('TimeoutError', 'Connection timed out after 5000 ms'), ctx).message).toMatch(/the connection timed out\.$/);
  });

  it('recognises throttling by code, status 429 or message', () => {
    expect(isThrottling(err('ThrottlingException', 'x'))).toBe(true);
    expect(isThrottling(err('SlowDown', 'Please reduce your request rate.'))).toBe(true);
    expect(isThrottling(Object.assign(new Error('x'), { $metadata: { httpStatusCode: 429 } }))).toBe(true);
    expect(isThrottling(err('ValidationError', 'Rate exceeded'))).toBe(true);
    expect(isThrottling(err('ValidationError', 'Stack does not exist'))).toBe(false);
  });
});

describe('withThrottleRetry', () => {
  it('retries throttled calls with growing delays, then succeeds', async () => {
    const clock = new FakeClock();
    let calls = 0;
    const result = await withThrottleRetry(
      async () => {
        if (++calls < 4) throw err('Throttling', 'Rate exceeded');
        return 'ok';
      },
      { clock, random: () => 0 },
    );
    expect(result).toBe('ok');
    expect(clock.sleeps).toEqual([500, 1000, 2000]);
  });

  it('gives up after the last delay (well within a minute) and passes other errors through at once', async () => {
    const clock = new FakeClock();
    await expect(withThrottleRetry(async () => Promise.reject(err('Throttling', 'Rate exceeded')), { clock, random: () => 1 })).rejects.toThrow('Rate exceeded');
    const waited = clock.sleeps.reduce((a, b) => a + b, 0);
    expect(clock.sleeps).toHaveLength(6);
    expect(waited).toBeLessThan(40_000);
    const other = new FakeClock();
    await expect(withThrottleRetry(async () => Promise.reject(err('ValidationError', 'bad')), { clock: other })).rejects.toThrow('bad');
    expect(other.sleeps).toEqual([]);
  });
});

describe('region and endpoint', () => {
  it('chooses --region, then the app region, then AWS_REGION / AWS_DEFAULT_REGION', () => {
    expect(chooseRegion('eu-west-1', 'us-west-2', { AWS_REGION: 'ap-south-1' })).toBe('eu-west-1');
    expect(chooseRegion(undefined, 'us-west-2', { AWS_REGION: 'ap-south-1' })).toBe('us-west-2');
    expect(chooseRegion(undefined, undefined, { AWS_REGION: 'ap-south-1', AWS_DEFAULT_REGION: 'x' })).toBe('ap-south-1');
    expect(chooseRegion(undefined, undefined, { AWS_DEFAULT_REGION: 'sa-east-1' })).toBe('sa-east-1');
    expect(chooseRegion(undefined, undefined, {})).toBeUndefined();
  });

  it('takes --endpoint-url, else AWS_ENDPOINT_URL, and rejects what is not an http(s) URL', () => {
    expect(resolveEndpoint('http://127.0.0.1:4566/', { AWS_ENDPOINT_URL: 'http://other' })).toBe('http://127.0.0.1:4566');
    expect(resolveEndpoint(undefined, { AWS_ENDPOINT_URL: 'http://localhost:5000' })).toBe('http://localhost:5000');
    expect(resolveEndpoint(undefined, {})).toBeUndefined();
    expect(() => resolveEndpoint('localhost:5000', {})).toThrow(EdaError);
  });
});

describe('the SDK behind the seam, against a local server', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

  async function serve(handler: (action: string, n: number) => { status: number; body: string }): Promise<string> {
    let n = 0;
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const action = new URLSearchParams(body).get('Action') ?? '';
        const out = handler(action, ++n);
        res.writeHead(out.status, { 'content-type': 'text/xml' });
        res.end(out.body);
      });
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
    const address = server.address() as { port: number };
    return `http://127.0.0.1:${address.port}`;
  }

  const errorXml = (code: string, message: string) =>
    `<ErrorResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>r</RequestId></ErrorResponse>`;
  const env = { AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret' };

  function withEnv<T>(fn: () => Promise<T>): Promise<T> {
    const saved = { ...process.env };
    Object.assign(process.env, env, { AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' });
    return fn().finally(() => {
      for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
      Object.assign(process.env, saved);
    });
  }

  it('retries Throttling from CloudFormation and then reads the stack', async () => {
    const endpoint = await serve((_action, n) =>
      n <= 2
        ? { status: 400, body: errorXml('Throttling', 'Rate exceeded') }
        : {
            status: 200,
            body: `<DescribeStacksResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><DescribeStacksResult><Stacks><member><StackName>shop-dev</StackName><StackId>id-1</StackId><StackStatus>UPDATE_COMPLETE</StackStatus><CreationTime>2026-01-01T00:00:00Z</CreationTime></member></Stacks></DescribeStacksResult></DescribeStacksResponse>`,
          },
    );
    const clock = new FakeClock();
    const aws = await withEnv(() => createAwsApi({ region: 'us-east-1', endpoint, clock }));
    const stack = await withEnv(() => aws.cfn.describeStack('shop-dev'));
    expect(stack?.StackStatus).toBe('UPDATE_COMPLETE');
    expect(clock.sleeps.length).toBeGreaterThanOrEqual(1);
  });

  it('maps a missing stack to undefined and bad credentials to one sentence', async () => {
    const endpoint = await serve((action) =>
      action === 'DescribeStacks'
        ? { status: 400, body: errorXml('ValidationError', 'Stack with id shop-dev does not exist') }
        : { status: 403, body: errorXml('InvalidClientTokenId', 'The security token included in the request is invalid.') },
    );
    const aws = await withEnv(() => createAwsApi({ region: 'us-east-1', endpoint, clock: new FakeClock() }));
    await expect(withEnv(() => aws.cfn.describeStack('shop-dev'))).resolves.toBeUndefined();
    const error = await withEnv(() => aws.cfn.listStackResources('shop-dev')).catch((e) => e);
    expect(error).toBeInstanceOf(EdaError);
    expect(error.message).toBe('AWS rejected the credentials while trying to list the resources of stack shop-dev (InvalidClientTokenId).');
  });

  it('says so in one sentence when the endpoint answers, but not as AWS does (a wrong port, a web server)', async () => {
    const endpoint = await serve(() => ({ status: 404, body: '' }));
    const aws = await withEnv(() => createAwsApi({ region: 'us-east-1', endpoint, clock: new FakeClock() }));
    const error = await withEnv(() => aws.cfn.describeStack('shop-dev')).catch((e) => e);
    expect(error).toBeInstanceOf(EdaError);
    expect(error.message).toBe(`${endpoint} answered HTTP 404, not an AWS response, when asked to describe stack shop-dev.`);
    expect(error.hint).toMatch(/--endpoint-url/);
    const html = await serve(() => ({ status: 502, body: '<html><body>Bad gateway</body></html>' }));
    const viaProxy = await withEnv(() => createAwsApi({ region: 'us-east-1', endpoint: html, clock: new FakeClock() }));
    const error2 = await withEnv(() => viaProxy.cfn.listStackResources('shop-dev')).catch((e) => e);
    expect(error2.message).toBe(`${html} answered HTTP 502 with a web page, not an AWS response, when asked to list the resources of stack shop-dev.`);
  });

  it('uses --profile over credentials in the environment without the SDK printing a warning about it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'eda-profile-'));
    writeFileSync(path.join(dir, 'credentials'), '[work]\naws_access_key_id = AKIDWORK\naws_secret_access_key = secret\n');
    let authorization = '';
    const endpoint = await serve(() => ({ status: 400, body: errorXml('ValidationError', 'Stack with id shop-dev does not exist') }));
    server!.prependListener('request', (req) => (authorization = String(req.headers.authorization ?? '')));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      await withEnv(async () => {
        process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(dir, 'credentials');
        const aws = await createAwsApi({ region: 'us-east-1', endpoint, profile: 'work', clock: new FakeClock() });
        await expect(aws.cfn.describeStack('shop-dev')).resolves.toBeUndefined();
      });
      expect(authorization).toContain('Credential=AKIDWORK/');
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports a missing region before any request', async () => {
    const saved = { ...process.env };
    for (const k of ['AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_PROFILE']) delete process.env[k];
    process.env.AWS_CONFIG_FILE = '/dev/null';
    process.env.AWS_SHARED_CREDENTIALS_FILE = '/dev/null';
    try {
      const error = await createAwsApi({}).catch((e) => e);
      expect(error).toBeInstanceOf(EdaError);
      expect(error.message).toBe('No AWS region is configured.');
    } finally {
      for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
      Object.assign(process.env, saved);
    }
  });
});
