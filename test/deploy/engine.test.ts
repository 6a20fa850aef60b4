import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CancelledError, EdaError, UsageError } from '../../src/core/errors.js';
import { deploy, isEmptyChangeSetReason, parametersEqual, tagsEqual, defaultParameters, type DeployInput, type DeployReporter } from '../../src/deploy/engine.js';
import { templateBody } from '../../src/deploy/template.js';
import { fakeAws, type ExecutionScript } from './fakes.js';

const fixture = JSON.parse(readFileSync(new URL('./fixtures/basic/template.json', import.meta.url), 'utf8'));
const STACK = 'shop-dev';

function input(overrides: Partial<DeployInput> = {}): DeployInput {
  return {
    stackName: STACK,
    template: fixture,
    assets: [],
    bucket: 'artifacts',
    parameters: [],
    tags: [
      { Key: 'eda:app', Value: 'shop' },
      { Key: 'eda:stage', Value: 'dev' },
    ],
    execute: true,
    ...overrides,
  };
}

function reporter(answer: boolean | Error = true) {
  const log: string[] = [];
  const shown: { rows: number; broadening: number }[] = [];
  let asked = 0;
  const r: DeployReporter = {
    info: (m) => log.push(m),
    changeSet: (rows, iam) => void shown.push({ rows: rows.length, broadening: iam.broadening.length }),
    confirm: async () => {
      asked++;
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
  return { r, log, shown, asked: () => asked };
}

function changed(template = fixture) {
  const t = JSON.parse(JSON.stringify(template));
  t.Resources.JobsQueue.Properties.VisibilityTimeout = 120;
  return t;
}

function deployedStack(f: ReturnType<typeof fakeAws>, status = 'UPDATE_COMPLETE', template = fixture) {
  return f.cfn.addStack({
    StackName: STACK,
    StackStatus: status,
    template: templateBody(template),
    Tags: [
      { Key: 'eda:app', Value: 'shop' },
      { Key: 'eda:stage', Value: 'dev' },
    ],
  });
}

const deps = (f: ReturnType<typeof fakeAws>, r: DeployReporter, extra: { signal?: AbortSignal } = {}) => ({
  aws: f.aws,
  clock: f.clock,
  reporter: r,
  pollMs: 1000,
  newId: () => '00000000-1111',
  ...extra,
});

describe('deploy state machine', () => {
  it('creates a new stack through a CREATE change set, deleting on failure, and reports outputs', async () => {
    const f = fakeAws();
    f.cfn.script = {
      batches: [
        [{ LogicalResourceId: STACK, ResourceType: 'AWS::CloudFormation::Stack', ResourceStatus: 'CREATE_IN_PROGRESS', ResourceStatusReason: 'User Initiated' }],
        [{ LogicalResourceId: 'JobsQueue', ResourceType: 'AWS::SQS::Queue', ResourceStatus: 'CREATE_COMPLETE' }],
      ],
      finalStatus: 'CREATE_COMPLETE',
      outputs: [{ OutputKey: 'QueueUrl', OutputValue: 'https://queue' }],
    };
    const rep = reporter();
    const outcome = await deploy(input(), deps(f, rep.r));
    expect(outcome.kind).toBe('deployed');
    if (outcome.kind !== 'deployed') return;
    expect(outcome.status).toBe('CREATE_COMPLETE');
    expect(outcome.stack?.Outputs).toEqual([{ OutputKey: 'QueueUrl', OutputValue: 'https://queue' }]);
    const create = f.cfn.calls.find((c) => c.op === 'createChangeSet')!.arg as any;
    expect(create.ChangeSetType).toBe('CREATE');
    expect(create.OnStackFailure).toBe('DELETE');
    expect(create.Capabilities).toEqual(['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM', 'CAPABILITY_AUTO_EXPAND']);
    expect(create.TemplateBody).toBe(templateBody(fixture));
    expect(create.DeploymentConfig).toBeUndefined();
    expect(rep.asked()).toBe(1);
    expect(rep.shown[0]!.rows).toBe(Object.keys(fixture.Resources).length);
    expect(rep.shown[0]!.broadening).toBeGreaterThan(0);
    expect(f.cfn.ops()).toContain('executeChangeSet');
    expect(f.cfn.ops()).not.toContain('deleteChangeSet');
  });

  it('skips a deploy whose template, parameters and tags equal the deployed ones, without a change set', async () => {
    const f = fakeAws();
    deployedStack(f);
    const rep = reporter();
    const outcome = await deploy(input(), deps(f, rep.r));
    expect(outcome).toMatchObject({ kind: 'no-changes', why: 'identical' });
    expect(f.cfn.ops()).toEqual(['describeStack', 'getTemplate']);
    expect(rep.asked()).toBe(0);
  });

  it('compares templates structurally: key order and a YAML deployed body do not matter', async () => {
    const f = fakeAws();
    const reordered = Object.fromEntries(Object.entries(fixture).reverse());
    deployedStack(f, 'UPDATE_COMPLETE', reordered);
    expect((await deploy(input(), deps(f, reporter().r))).kind).toBe('no-changes');

    const g = fakeAws();
    const s = deployedStack(g);
    s.template = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      RedrivePolicy:\n        deadLetterTargetArn: !GetAtt D.Arn\n  D:\n    Type: AWS::SQS::Queue\n';
    const yamlTemplate = {
      AWSTemplateFormatVersion: '2010-09-09',
      Resources: {
        Q: { Type: 'AWS::SQS::Queue', Properties: { RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': ['D', 'Arn'] } } } },
        D: { Type: 'AWS::SQS::Queue' },
      },
    };
    expect((await deploy(input({ template: yamlTemplate }), deps(g, reporter().r))).kind).toBe('no-changes');
  });

  it('does not skip when only the tags or the parameters differ', async () => {
    const f = fakeAws();
    deployedStack(f);
    const outcome = await deploy(input({ tags: [{ Key: 'eda:app', Value: 'shop' }] }), deps(f, reporter().r));
    expect(f.cfn.ops()).toContain('createChangeSet');
    expect(outcome.kind).toBe('deployed');

    const g = fakeAws();
    deployedStack(g);
    const withParam = { ...fixture, Parameters: { LogLevel: { Type: 'String', Default: 'info' } } };
    await deploy(input({ template: withParam, parameters: defaultParameters(withParam, STACK) }), deps(g, reporter().r));
    expect(g.cfn.ops()).toContain('createChangeSet');
  });

  it('updates a changed stack through an UPDATE change set and shows exactly the change', async () => {
    const f = fakeAws();
    deployedStack(f);
    const rep = reporter();
    const outcome = await deploy(input({ template: changed() }), deps(f, rep.r));
    expect(outcome.kind).toBe('deployed');
    if (outcome.kind !== 'deployed') return;
    expect(outcome.changes).toEqual([{ action: 'Modify', logicalId: 'JobsQueue', type: 'AWS::SQS::Queue', replacement: 'False', physicalId: undefined }]);
    const create = f.cfn.calls.find((c) => c.op === 'createChangeSet')!.arg as any;
    expect(create.ChangeSetType).toBe('UPDATE');
    expect(create.OnStackFailure).toBeUndefined();
    expect(rep.shown[0]!.broadening).toBe(0);
  });

  it('executes a change set with no resource changes: an outputs-only change is deployed, not dropped', async () => {
    const f = fakeAws();
    deployedStack(f);
    const withOutput = { ...fixture, Outputs: { QueueUrl: { Value: { Ref: 'JobsQueue' } } } };
    // CloudFormation creates such a change set (CREATE_COMPLETE) with an empty Changes list.
    f.cfn.changeSetResult = () => ({ status: 'CREATE_COMPLETE', changes: [] });
    const rep = reporter();
    const outcome = await deploy(input({ template: withOutput }), deps(f, rep.r));
    expect(outcome.kind).toBe('deployed');
    expect(f.cfn.ops()).toContain('executeChangeSet');
    expect(rep.shown[0]!.rows).toBe(0);
  });

  it('deletes an empty change set and reports no changes', async () => {
    const f = fakeAws();
    deployedStack(f);
    // Same resources, but the deployed body differs textually in a way CloudFormation ignores.
    f.cfn.changeSetResult = () => ({ status: 'FAILED', reason: "The submitted information didn't contain changes. Submit different information to create a change set." });
    const outcome = await deploy(input({ template: changed() }), deps(f, reporter().r));
    expect(outcome).toMatchObject({ kind: 'no-changes', why: 'empty-change-set' });
    expect(f.cfn.ops()).toContain('deleteChangeSet');
    expect(f.cfn.changeSets.size).toBe(0);

    const g = fakeAws();
    deployedStack(g);
    g.cfn.changeSetResult = () => ({ status: 'FAILED', reason: 'No updates are to be performed.' });
    expect((await deploy(input({ template: changed() }), deps(g, reporter().r))).kind).toBe('no-changes');
    expect(g.cfn.changeSets.size).toBe(0);
  });

  it('turns a change set that fails to create into one sentence and leaves nothing behind', async () => {
    const f = fakeAws();
    f.cfn.changeSetResult = () => ({ status: 'FAILED', reason: 'Transform AWS::Serverless-2016-10-31 failed with: Invalid Serverless Application Specification document.' });
    const error = await deploy(input(), deps(f, reporter().r)).catch((e) => e);
    expect(error).toBeInstanceOf(EdaError);
    expect(error.message).toBe(
      'The change set for stack shop-dev could not be created: Transform AWS::Serverless-2016-10-31 failed with: Invalid Serverless Application Specification document.',
    );
    expect(f.cfn.changeSets.size).toBe(0);
    // The REVIEW_IN_PROGRESS shell the CREATE change set made is deleted too.
    expect([...f.cfn.stacks.values()].every((s) => s.StackStatus === 'DELETE_COMPLETE')).toBe(true);
  });

  it('deletes the change set when the person says no (and for a new stack, the empty stack)', async () => {
    const f = fakeAws();
    const error = await deploy(input(), deps(f, reporter(false).r)).catch((e) => e);
    expect(error).toBeInstanceOf(CancelledError);
    expect(f.cfn.changeSets.size).toBe(0);
    expect(f.cfn.ops()).not.toContain('executeChangeSet');
    expect([...f.cfn.stacks.values()].map((s) => s.StackStatus)).toEqual(['DELETE_COMPLETE']);
  });

  it('refuses without a TTY (the reporter throws UsageError) and deletes the change set', async () => {
    const f = fakeAws();
    deployedStack(f);
    const error = await deploy(input({ template: changed() }), deps(f, reporter(new UsageError('Refusing to deploy')).r)).catch((e) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect(error.exitCode).toBe(2);
    expect(f.cfn.changeSets.size).toBe(0);
    expect([...f.cfn.stacks.values()][0]!.StackStatus).toBe('UPDATE_COMPLETE');
  });

  it('--no-execute creates and shows the change set, then keeps it', async () => {
    const f = fakeAws();
    deployedStack(f);
    const rep = reporter();
    const outcome = await deploy(input({ template: changed(), execute: false }), deps(f, rep.r));
    expect(outcome.kind).toBe('change-set');
    expect(rep.asked()).toBe(0);
    expect(f.cfn.changeSets.size).toBe(1);
    expect(f.cfn.ops()).not.toContain('executeChangeSet');
  });

  it('--express asks CloudFormation for express mode', async () => {
    const f = fakeAws();
    await deploy(input({ express: true }), deps(f, reporter().r));
    const create = f.cfn.calls.find((c) => c.op === 'createChangeSet')!.arg as any;
    expect(create.DeploymentConfig).toEqual({ Mode: 'EXPRESS' });
  });

  it.each(['ROLLBACK_COMPLETE', 'REVIEW_IN_PROGRESS'])('deletes and recreates a stack in %s that holds nothing, saying so', async (status) => {
    const f = fakeAws();
    const old = f.cfn.addStack({
      StackName: STACK,
      StackStatus: status,
      resources: status === 'ROLLBACK_COMPLETE' ? [{ LogicalResourceId: 'JobsQueue', ResourceType: 'AWS::SQS::Queue', ResourceStatus: 'DELETE_COMPLETE', LastUpdatedTimestamp: new Date() }] : [],
    });
    const rep = reporter();
    const outcome = await deploy(input(), deps(f, rep.r));
    expect(outcome.kind).toBe('deployed');
    expect(rep.log.join('\n')).toMatch(new RegExp(`${status}.*deleting it and creating it again`));
    expect(old.StackStatus).toBe('DELETE_COMPLETE');
    const ops = f.cfn.ops();
    expect(ops.indexOf('deleteStack')).toBeLessThan(ops.indexOf('createChangeSet'));
    expect((f.cfn.calls.find((c) => c.op === 'createChangeSet')!.arg as any).ChangeSetType).toBe('CREATE');
  });

  it('refuses to recreate a ROLLBACK_COMPLETE stack that still holds resources', async () => {
    const f = fakeAws();
    f.cfn.addStack({
      StackName: STACK,
      StackStatus: 'ROLLBACK_COMPLETE',
      resources: [{ LogicalResourceId: 'OrdersTable', ResourceType: 'AWS::DynamoDB::Table', ResourceStatus: 'DELETE_FAILED', LastUpdatedTimestamp: new Date() }],
    });
    const error = await deploy(input(), deps(f, reporter().r)).catch((e) => e);
    expect(error).toBeInstanceOf(EdaError);
    expect(error.message).toMatch(/ROLLBACK_COMPLETE but still holds 1 resource \(OrdersTable\)/);
    expect(f.cfn.ops()).not.toContain('deleteStack');
  });

  it.each(['UPDATE_IN_PROGRESS', 'CREATE_IN_PROGRESS', 'DELETE_IN_PROGRESS', 'UPDATE_ROLLBACK_IN_PROGRESS', 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS'])(
    'fails at once, with one sentence, when the stack is locked (%s)',
    async (status) => {
      const f = fakeAws();
      deployedStack(f, status);
      const error = await deploy(input({ template: changed() }), deps(f, reporter().r)).catch((e) => e);
      expect(error).toBeInstanceOf(EdaError);
      expect(error.message).toBe(`Stack shop-dev is locked by another operation (${status}).`);
      expect(error.hint).toMatch(/eda status --watch/);
      expect(f.cfn.ops()).toEqual(['describeStack']);
    },
  );

  it.each([
    ['UPDATE_ROLLBACK_FAILED', /continue-update-rollback/],
    ['DELETE_FAILED', /eda destroy/],
    ['ROLLBACK_FAILED', /eda destroy/],
  ])('explains what to do with a stack in %s', async (status, hint) => {
    const f = fakeAws();
    deployedStack(f, status);
    const error = await deploy(input({ template: changed() }), deps(f, reporter().r)).catch((e) => e);
    expect(error).toBeInstanceOf(EdaError);
    expect(error.message).toMatch(status);
    expect(error.hint).toMatch(hint);
  });

  it.each(['UPDATE_ROLLBACK_COMPLETE', 'CREATE_COMPLETE', 'IMPORT_COMPLETE', 'UPDATE_FAILED'])('updates a stack in %s', async (status) => {
    const f = fakeAws();
    deployedStack(f, status);
    const outcome = await deploy(input({ template: changed() }), deps(f, reporter().r));
    expect(outcome.kind).toBe('deployed');
  });

  it('reports a failed update that rolled back, with the root cause first', async () => {
    const f = fakeAws();
    deployedStack(f);
    const script: ExecutionScript = {
      batches: [
        [{ LogicalResourceId: STACK, ResourceType: 'AWS::CloudFormation::Stack', ResourceStatus: 'UPDATE_IN_PROGRESS', ResourceStatusReason: 'User Initiated' }],
        [
          { LogicalResourceId: 'JobsQueue', ResourceType: 'AWS::SQS::Queue', ResourceStatus: 'UPDATE_IN_PROGRESS' },
          { LogicalResourceId: 'WorkerFunction', ResourceType: 'AWS::Lambda::Function', ResourceStatus: 'UPDATE_IN_PROGRESS' },
        ],
        [
          { LogicalResourceId: 'WorkerFunction', ResourceType: 'AWS::Lambda::Function', ResourceStatus: 'UPDATE_FAILED', ResourceStatusReason: 'Resource handler returned message: "Memory size 99999 is not valid"' },
          { LogicalResourceId: 'JobsQueue', ResourceType: 'AWS::SQS::Queue', ResourceStatus: 'UPDATE_FAILED', ResourceStatusReason: 'Resource update cancelled' },
          { LogicalResourceId: STACK, ResourceType: 'AWS::CloudFormation::Stack', ResourceStatus: 'UPDATE_ROLLBACK_IN_PROGRESS', ResourceStatusReason: 'The following resource(s) failed to update: [WorkerFunction].' },
        ],
        [{ LogicalResourceId: 'JobsQueue', ResourceType: 'AWS::SQS::Queue', ResourceStatus: 'UPDATE_COMPLETE' }],
      ],
      finalStatus: 'UPDATE_ROLLBACK_COMPLETE',
    };
    f.cfn.script = script;
    const outcome = await deploy(input({ template: changed() }), deps(f, reporter().r));
    expect(outcome.kind).toBe('failed');
    if (outcome.kind !== 'failed') return;
    expect(outcome.status).toBe('UPDATE_ROLLBACK_COMPLETE');
    expect(outcome.causes.map((e) => e.LogicalResourceId)).toEqual(['WorkerFunction']);
    expect(outcome.causes[0]!.ResourceStatusReason).toMatch(/Memory size/);
    // The deployed template is unchanged after a rollback.
    expect([...f.cfn.stacks.values()][0]!.template).toBe(templateBody(fixture));
  });

  it('reports a failed create whose stack was deleted (OnStackFailure DELETE)', async () => {
    const f = fakeAws();
    f.cfn.script = {
      batches: [
        [{ LogicalResourceId: STACK, ResourceType: 'AWS::CloudFormation::Stack', ResourceStatus: 'CREATE_IN_PROGRESS', ResourceStatusReason: 'User Initiated' }],
        [{ LogicalResourceId: 'OrdersTable', ResourceType: 'AWS::DynamoDB::Table', ResourceStatus: 'CREATE_FAILED', ResourceStatusReason: 'Table already exists: orders' }],
        [{ LogicalResourceId: STACK, ResourceType: 'AWS::CloudFormation::Stack', ResourceStatus: 'DELETE_IN_PROGRESS', ResourceStatusReason: 'The following resource(s) failed to create: [OrdersTable]. Delete requested by user.' }],
      ],
      finalStatus: 'DELETE_COMPLETE',
    };
    const outcome = await deploy(input(), deps(f, reporter().r));
    expect(outcome).toMatchObject({ kind: 'failed', status: 'DELETE_COMPLETE' });
    if (outcome.kind === 'failed') expect(outcome.causes[0]!.ResourceStatusReason).toBe('Table already exists: orders');
  });

  it('stops watching on Ctrl-C (abort) but leaves the deployment running', async () => {
    const f = fakeAws();
    deployedStack(f);
    const controller = new AbortController();
    f.cfn.script = {
      batches: [
        [{ LogicalResourceId: STACK, ResourceType: 'AWS::CloudFormation::Stack', ResourceStatus: 'UPDATE_IN_PROGRESS', ResourceStatusReason: 'User Initiated' }],
        [{ LogicalResourceId: 'JobsQueue', ResourceType: 'AWS::SQS::Queue', ResourceStatus: 'UPDATE_IN_PROGRESS' }],
        [],
        [],
      ],
      finalStatus: 'UPDATE_COMPLETE',
    };
    const r = reporter();
    r.r.progress = () => {
      // Abort once watching has begun.
      setTimeout(() => controller.abort(), 0);
      return undefined;
    };
    const clock = f.clock;
    const realSleep = clock.sleep.bind(clock);
    clock.sleep = async (ms, signal) => {
      await new Promise((res) => setTimeout(res, 1));
      return realSleep(ms, signal);
    };
    const outcome = await deploy(input({ template: changed() }), deps(f, r.r, { signal: controller.signal }));
    expect(outcome.kind).toBe('detached');
    expect(f.cfn.ops()).not.toContain('deleteChangeSet');
    expect(f.cfn.ops()).not.toContain('deleteStack');
  });

  it('Ctrl-C once a new stack is executing reports where the stack stands now, not what was seen before', async () => {
    const f = fakeAws();
    // CloudFormation finishes the create before eda looks again.
    f.cfn.script = { batches: [], finalStatus: 'CREATE_COMPLETE' };
    const controller = new AbortController();
    const r = reporter();
    r.r.progress = () => {
      controller.abort();
      return undefined;
    };
    const outcome = await deploy(input(), deps(f, r.r, { signal: controller.signal }));
    expect(outcome).toMatchObject({ kind: 'detached', status: 'CREATE_COMPLETE' });
    expect(f.cfn.ops().slice(-1)).toEqual(['describeStack']);
  });

  it('Ctrl-C once executing keeps the last status seen when the stack cannot be read again', async () => {
    const f = fakeAws();
    f.cfn.script = { batches: [], finalStatus: 'CREATE_COMPLETE' };
    const controller = new AbortController();
    const r = reporter();
    r.r.progress = () => {
      controller.abort();
      f.cfn.failures.describeStack = [new EdaError('http://127.0.0.1:1 did not answer within 300 ms when asked to describe stack shop-dev.')];
      return undefined;
    };
    const outcome = await deploy(input(), deps(f, r.r, { signal: controller.signal }));
    expect(outcome).toMatchObject({ kind: 'detached', status: 'REVIEW_IN_PROGRESS' });
  });

  it('Ctrl-C while the change set is being created deletes it', async () => {
    const f = fakeAws();
    deployedStack(f);
    f.cfn.changeSetPolls = 100;
    const controller = new AbortController();
    const clock = f.clock;
    let n = 0;
    const realSleep = clock.sleep.bind(clock);
    clock.sleep = async (ms, signal) => {
      if (++n === 3) controller.abort();
      return realSleep(ms, signal);
    };
    const error = await deploy(input({ template: changed() }), deps(f, reporter().r, { signal: controller.signal })).catch((e) => e);
    expect(error).toBeInstanceOf(CancelledError);
    expect(f.cfn.ops()).toContain('deleteChangeSet');
    expect(f.cfn.changeSets.size).toBe(0);
  });

  it('deletes the change set when executing it fails', async () => {
    const f = fakeAws();
    deployedStack(f);
    f.cfn.failures.executeChangeSet = [new EdaError('Could not execute change set: stack is locked.')];
    await expect(deploy(input({ template: changed() }), deps(f, reporter().r))).rejects.toThrow(/locked/);
    expect(f.cfn.changeSets.size).toBe(0);
  });

  it('uploads only missing assets and sends templates over 51,200 bytes through S3', async () => {
    const f = fakeAws();
    const asset = (key: string) => ({ key, body: Buffer.from(key), sha256: key, contentType: 'application/zip', usedBy: ['WorkerFunction'] });
    await f.s3.putObject('artifacts', 'assets/old.zip', Buffer.from('x'));
    f.s3.puts.length = 0;
    const big = JSON.parse(JSON.stringify(fixture));
    big.Description = 'x'.repeat(60_000).slice(0, 1024);
    for (let i = 0; i < 600; i++) big.Resources[`Queue${i}`] = { Type: 'AWS::SQS::Queue', Properties: { QueueName: `queue-number-${i}-with-a-long-name-for-size`, VisibilityTimeout: 30 } };
    const uploads: unknown[] = [];
    const rep = reporter();
    rep.r.uploaded = (s) => void uploads.push(s);
    await deploy(input({ template: big, assets: [asset('assets/old.zip'), asset('assets/new.zip')] }), deps(f, rep.r));
    expect(f.s3.puts[0]).toBe('assets/new.zip');
    expect(uploads).toEqual([{ uploaded: 1, uploadedBytes: 14, unchanged: 1, refreshed: 0 }]);
    const create = f.cfn.calls.find((c) => c.op === 'createChangeSet')!.arg as any;
    expect('TemplateBody' in create).toBe(false);
    expect(create.TemplateURL).toMatch(/^https:\/\/artifacts\.s3\.us-east-1\.amazonaws\.com\/templates\/shop-dev-[0-9a-f]{16}\.json$/);
    expect(f.s3.puts).toContainEqual(expect.stringMatching(/^templates\//));
  });

  it('refreshes reused assets that the bucket lifecycle would soon expire', async () => {
    const f = fakeAws();
    await f.s3.putObject('artifacts', 'assets/a.zip', Buffer.from('x'));
    f.clock.t += 40 * 24 * 3600 * 1000;
    await deploy(input({ assets: [{ key: 'assets/a.zip', body: Buffer.from('x'), sha256: 'a', contentType: 'application/zip', usedBy: [] }] }), deps(f, reporter().r));
    expect(f.s3.touches).toEqual(['assets/a.zip']);
  });
});

describe('deploy helpers', () => {
  it('recognises the ways CloudFormation says a change set is empty', () => {
    expect(isEmptyChangeSetReason("The submitted information didn't contain changes. Submit different information to create a change set.")).toBe(true);
    expect(isEmptyChangeSetReason('No updates are to be performed.')).toBe(true);
    expect(isEmptyChangeSetReason('Template format error: unsupported structure.')).toBe(false);
  });

  it('compares parameters and tags as sets', () => {
    expect(parametersEqual([{ ParameterKey: 'A', ParameterValue: '1' }, { ParameterKey: 'B', ParameterValue: '2' }], [{ ParameterKey: 'B', ParameterValue: '2' }, { ParameterKey: 'A', ParameterValue: '1' }])).toBe(true);
    expect(parametersEqual(undefined, [])).toBe(true);
    expect(parametersEqual([{ ParameterKey: 'A', ParameterValue: '1' }], [{ ParameterKey: 'A', ParameterValue: '2' }])).toBe(false);
    expect(tagsEqual([{ Key: 'a', Value: 'b' }], [{ Key: 'a', Value: 'b' }])).toBe(true);
    expect(tagsEqual([{ Key: 'a', Value: 'b' }], [])).toBe(false);
  });

  it('passes template parameter defaults and rejects parameters without one', () => {
    expect(defaultParameters({ Resources: {}, Parameters: { A: { Type: 'String', Default: 'x' }, L: { Type: 'CommaDelimitedList', Default: ['a', 'b'] } } }, 's')).toEqual([
      { ParameterKey: 'A', ParameterValue: 'x' },
      { ParameterKey: 'L', ParameterValue: 'a,b' },
    ]);
    expect(() => defaultParameters({ Resources: {}, Parameters: { A: { Type: 'String' } } }, 's')).toThrow(/parameter A has no default/);
  });
});
