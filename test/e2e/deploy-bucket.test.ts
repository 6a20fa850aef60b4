// End to end: `eda deploy` of an app with a bucket (the s3-eventbridge-direct pattern) against
// moto, asserting with the S3 API what the bucket really got: encryption, the TLS-only policy and
// versioning. (moto's CloudFormation model of a bucket ignores PublicAccessBlockConfiguration;
// test/kinds/bucket asserts it in the template.)
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CloudFormationClient, ListStackResourcesCommand } from '@aws-sdk/client-cloudformation';
import { GetBucketEncryptionCommand, GetBucketPolicyCommand, GetBucketVersioningCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { motoHarness } from '../support/moto.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = path.join(root, 'bin/eda.js');
const moto = motoHarness();

function eda(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { env: { ...process.env, ...moto.env, NO_COLOR: '1' }, timeout: 180_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof (error as { code?: unknown }).code === 'number' ? (error as { code: number }).code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const clientConfig = () => ({ endpoint: moto.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });

describe.skipIf(moto.skip)('eda deploy of a bucket against moto', () => {
  let dir: string;

  beforeAll(async () => {
    if (!existsSync(path.join(root, 'dist/main.js'))) throw new Error('dist/ is missing: run `npm run build` first (npm test does).');
    await moto.start();
    dir = mkdtempSync(path.join(tmpdir(), 'eda-e2e-bucket-'));
    cpSync(path.join(root, 'examples/patterns/s3-eventbridge-direct'), dir, { recursive: true });
    // versioned, so the deployed versioning is observable too
    writeFileSync(path.join(dir, 'app.yaml'), readFileSync(path.join(dir, 'app.yaml'), 'utf8').replace('  source: {}', '  source: { versioning: true }'));
  }, 60_000);

  afterAll(async () => {
    await moto.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('creates the bucket encrypted, TLS-only and versioned', async () => {
    const run = await eda(['deploy', '--cwd', dir, '--yes']);
    expect(run.code, run.stdout + run.stderr + moto.log().slice(-3000)).toBe(0);
    const cfn = new CloudFormationClient(clientConfig());
    const listed = await cfn.send(new ListStackResourcesCommand({ StackName: 's3-eventbridge-direct-dev' }));
    const bucket = listed.StackResourceSummaries?.find((r) => r.LogicalResourceId === 'SourceBucket')?.PhysicalResourceId;
    expect(bucket).toBeTruthy();
    const s3 = new S3Client({ ...clientConfig(), forcePathStyle: true });
    const encryption = await s3.send(new GetBucketEncryptionCommand({ Bucket: bucket }));
    expect(encryption.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault?.SSEAlgorithm).toBe('AES256');
    expect((await s3.send(new GetBucketVersioningCommand({ Bucket: bucket }))).Status).toBe('Enabled');
    const policy = JSON.parse((await s3.send(new GetBucketPolicyCommand({ Bucket: bucket }))).Policy!);
    expect(policy.Statement).toEqual([
      expect.objectContaining({ Sid: 'DenyInsecureTransport', Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } }, Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`] }),
    ]);
  }, 300_000);
});
