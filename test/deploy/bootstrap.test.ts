// eda bootstrap checks the bootstrap stack's health (status, BucketName output, the bucket
// itself) and repairs it: by updating it, or by creating it again when updating cannot help.
import { describe, expect, it } from 'vitest';
import { EdaError } from '../../src/core/errors.js';
import { BOOTSTRAP_STACK, BOOTSTRAP_VERSION, bootstrapTemplate, checkBootstrap, ensureBucket, repairBootstrap } from '../../src/deploy/bootstrap.js';
import type { DeployReporter } from '../../src/deploy/engine.js';
import { templateBody } from '../../src/deploy/template.js';
import { fakeAws } from './fakes.js';

const TAGS = [{ Key: 'eda:bootstrap', Value: BOOTSTRAP_VERSION }];

function setup(partial: { status?: string; bucket?: string | null; template?: string } = {}) {
  const f = fakeAws();
  const old = f.cfn.addStack({
    StackName: BOOTSTRAP_STACK,
    StackStatus: partial.status ?? 'CREATE_COMPLETE',
    template: partial.template ?? templateBody(bootstrapTemplate()),
    Tags: TAGS,
    Outputs: partial.bucket === null ? [] : [{ OutputKey: 'BucketName', OutputValue: partial.bucket ?? 'eda-bootstrap-old' }],
  });
  // A new stack gets a new bucket.
  f.cfn.script = { batches: [], finalStatus: 'CREATE_COMPLETE', outputs: [{ OutputKey: 'BucketName', OutputValue: 'eda-bootstrap-new' }] };
  const info: string[] = [];
  const reporter: DeployReporter = { info: (m) => void info.push(m), changeSet: () => {}, confirm: async () => true };
  return { f, old, info, deps: { aws: f.aws, clock: f.clock, reporter, pollMs: 1000 } };
}

describe('bootstrap health', () => {
  it('is healthy when the stack is complete, names its bucket, and the bucket exists', async () => {
    const { f } = setup();
    expect(await checkBootstrap(f.aws)).toMatchObject({ kind: 'healthy', bucket: 'eda-bootstrap-old' });
  });

  it.each([
    ['a deleted bucket', { bucket: 'eda-bootstrap-old' }, true, { fix: 'recreate', problem: 'its bucket eda-bootstrap-old did not exist' }],
    ['no BucketName output', { bucket: null }, false, { fix: 'update', problem: 'it had no BucketName output' }],
    ['a failed rollback', { status: 'UPDATE_ROLLBACK_FAILED' }, false, { fix: 'recreate', problem: 'it was in UPDATE_ROLLBACK_FAILED' }],
  ])('finds %s', async (_what, stack, bucketGone, expected) => {
    const { f } = setup(stack as never);
    if (bucketGone) f.s3.missingBuckets.add('eda-bootstrap-old');
    expect(await checkBootstrap(f.aws)).toMatchObject({ kind: 'broken', ...expected });
  });

  it('refuses while another operation holds the stack', async () => {
    const { f } = setup({ status: 'UPDATE_IN_PROGRESS' });
    const error = await checkBootstrap(f.aws).catch((e) => e);
    expect(error).toBeInstanceOf(EdaError);
    expect(error.message).toBe('Stack eda-bootstrap is locked by another operation (UPDATE_IN_PROGRESS).');
  });
});

describe('eda bootstrap repairs', () => {
  it('says it is up to date, naming the bucket, when nothing is wrong', async () => {
    const { f, deps } = setup();
    const result = await repairBootstrap(deps);
    expect(result).toMatchObject({ status: 'up-to-date', bucket: 'eda-bootstrap-old' });
    expect(f.cfn.ops()).not.toContain('createChangeSet');
  });

  it('a deleted bucket: deletes the stack and creates it again, with a new bucket, saying why', async () => {
    const { f, old, info, deps } = setup();
    f.s3.missingBuckets.add('eda-bootstrap-old');
    const result = await repairBootstrap(deps);
    expect(result).toMatchObject({ status: 'repaired', bucket: 'eda-bootstrap-new', repaired: 'its bucket eda-bootstrap-old did not exist' });
    expect(old.StackStatus).toBe('DELETE_COMPLETE');
    expect(info).toContain('Repairing stack eda-bootstrap: its bucket eda-bootstrap-old did not exist. Deleting it and creating it again, with a new bucket.');
    const ops = f.cfn.ops();
    expect(ops.indexOf('deleteStack')).toBeLessThan(ops.indexOf('createChangeSet'));
  });

  it('missing outputs: updates the stack when its template differs', async () => {
    const { f, old, info, deps } = setup({ bucket: null, template: '{"Resources":{"ArtifactsBucket":{"Type":"AWS::S3::Bucket"}}}' });
    f.cfn.script = { batches: [], finalStatus: 'UPDATE_COMPLETE', outputs: [{ OutputKey: 'BucketName', OutputValue: 'eda-bootstrap-old' }] };
    const result = await repairBootstrap(deps);
    expect(result).toMatchObject({ status: 'repaired', bucket: 'eda-bootstrap-old', repaired: 'it had no BucketName output' });
    expect(old.StackStatus).toBe('UPDATE_COMPLETE');
    expect(f.cfn.ops()).not.toContain('deleteStack');
    expect(info[0]).toBe('Repairing stack eda-bootstrap: it had no BucketName output. Updating it.');
  });

  it('missing outputs with the template as it should be: creates the stack again', async () => {
    const { f, old, deps } = setup({ bucket: null });
    const result = await repairBootstrap(deps);
    expect(result).toMatchObject({ status: 'repaired', bucket: 'eda-bootstrap-new' });
    expect(old.StackStatus).toBe('DELETE_COMPLETE');
  });

  it.each(['UPDATE_ROLLBACK_FAILED', 'ROLLBACK_FAILED', 'DELETE_FAILED', 'ROLLBACK_COMPLETE'])('a stack in %s: creates it again', async (status) => {
    const { old, deps } = setup({ status });
    const result = await repairBootstrap(deps);
    expect(result).toMatchObject({ status: 'repaired', bucket: 'eda-bootstrap-new', repaired: `it was in ${status}` });
    expect(old.StackStatus).toBe('DELETE_COMPLETE');
  });

  it('a deploy repairs a bootstrap stack without outputs instead of sending people to `eda bootstrap`', async () => {
    const { deps } = setup({ bucket: null });
    expect(await ensureBucket(deps.aws, deps, { create: true })).toBe('eda-bootstrap-new');
  });
});
