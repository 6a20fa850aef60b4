// End to end: `eda deploy` of an app with a bucket (the s3-eventbridge-direct pattern) against
// moto: the stack deploys, the bucket is encrypted, and the trigger's rule matches the bucket's
// real name. (moto's CloudFormation model of a bucket ignores the public access block and
// versioning, and has no bucket policies; test/kinds/bucket asserts those in the template.)
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CloudFormationClient, ListStackResourcesCommand } from '@aws-sdk/client-cloudformation';
import { EventBridgeClient, ListRulesCommand } from '@aws-sdk/client-eventbridge';
import { GetBucketEncryptionCommand, S3Client } from '@aws-sdk/client-s3';
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
  }, 60_000);

  afterAll(async () => {
    await moto.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('creates the bucket encrypted, and the trigger rule matching it by name', async () => {
    const run = await eda(['deploy', '--cwd', dir, '--yes']);
    expect(run.code, run.stdout + run.stderr + moto.log().slice(-3000)).toBe(0);
    const cfn = new CloudFormationClient(clientConfig());
    const listed = await cfn.send(new ListStackResourcesCommand({ StackName: 's3-eventbridge-direct-dev' }));
    const bucket = listed.StackResourceSummaries?.find((r) => r.LogicalResourceId === 'SourceBucket')?.PhysicalResourceId;
    expect(bucket).toBeTruthy();
    const s3 = new S3Client({ ...clientConfig(), forcePathStyle: true });
    const encryption = await s3.send(new GetBucketEncryptionCommand({ Bucket: bucket }));
    expect(encryption.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault?.SSEAlgorithm).toBe('AES256');
    // The trigger's rule on the default bus matches this bucket by its real name.
    const rules = (await new EventBridgeClient(clientConfig()).send(new ListRulesCommand({}))).Rules ?? [];
    const rule = rules.find((r) => r.EventPattern?.includes('aws.s3'));
    expect(JSON.parse(rule!.EventPattern!)).toEqual({ source: ['aws.s3'], 'detail-type': ['Object Created'], detail: { bucket: { name: [bucket] } } });
  }, 300_000);
});
