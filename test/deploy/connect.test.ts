// --region is checked before any AWS call: a typo is a usage error (exit 2) naming the flag,
// for every command that connects (and for eda export, which writes the region into URLs).
import { describe, expect, it } from 'vitest';
import { checkRegionFlag } from '../../src/deploy/connect.js';
import { copyExample, eda } from '../support/cli.js';

describe('--region', () => {
  it('accepts region names of every partition, and no flag', () => {
    for (const region of ['eu-west-1', 'us-east-1', 'ap-southeast-2', 'us-gov-west-1', 'cn-north-1', 'eu-central-2', undefined]) expect(() => checkRegionFlag(region)).not.toThrow();
  });

  it('refuses what is not a region: exit 2 from invoke --remote, diff and export, before any connection', async () => {
    const dir = copyExample('order-pipeline');
    const env = { AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'y' };
    for (const args of [['invoke', 'getOrder', '--remote'], ['diff'], ['export', 'asyncapi']]) {
      const run = await eda([...args, '--cwd', dir, '--region', 'us-east'], { env });
      expect(run.exitCode, args.join(' ')).toBe(2);
      expect(run.stderr).toBe('error --region "us-east" is not an AWS region.\nhint  e.g. --region eu-west-1 or --region us-east-1');
    }
  });
});
