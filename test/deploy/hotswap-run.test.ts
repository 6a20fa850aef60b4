// Running a hot swap through the seams (fake CloudFormation, S3 and Lambda): what it waits
// for, what it uploads, what it refuses to swap, and what it records for the next full deploy.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Template } from '../../src/core/template.js';
import type { CloudApi, FunctionState } from '../../src/deploy/cloud-api.js';
import { hotswap, restoreHotswapped } from '../../src/deploy/hotswap.js';
import { tempDir } from '../support/cli.js';
import { fakeAws } from './fakes.js';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const asset = (text: string) => ({ key: `assets/${sha(text)}.zip`, body: Buffer.from(text), sha256: sha(text), contentType: 'application/zip', usedBy: ['AFunction'] });
const lambdaSha = (text: string) => createHash('sha256').update(text).digest('base64');

const fn = (key: string) => ({ Type: 'AWS::Serverless::Function', Properties: { CodeUri: { Bucket: 'artifacts', Key: key }, Handler: 'a.handler' } });
const template = (key: string) => ({ Resources: { AFunction: fn(key) } }) as unknown as Template;
const TAGS = [{ Key: 'eda:app', Value: 'shop' }];

/** A Lambda that reports each update InProgress for `busyPolls` reads, then `outcome`. */
function fakeCode(opts: { running: string; busyPolls?: number; outcome?: 'Successful' | 'Failed' }) {
  let code = opts.running;
  let busy = 0;
  const calls: string[] = [];
  const state = (): FunctionState => ({ codeSha256: code, lastUpdateStatus: busy > 0 ? 'InProgress' : opts.outcome ?? 'Successful', lastUpdateStatusReason: opts.outcome === 'Failed' ? 'The zip is corrupt' : undefined });
  const cloud = {
    code: {
      getFunction: async (name: string) => {
        calls.push(`get ${name}`);
        const s = state();
        if (busy > 0) busy--;
        return s;
      },
      updateFunctionCode: async (input: { functionName: string; key: string }) => {
        calls.push(`update ${input.functionName} ${input.key}`);
        code = lambdaSha(input.key.includes(sha('v2')) ? 'v2' : 'v1');
        busy = opts.busyPolls ?? 0;
        return { ...state(), lastUpdateStatus: 'InProgress' };
      },
      describeStateMachine: async () => undefined,
      updateStateMachine: async () => undefined,
    },
  } as unknown as CloudApi;
  return { cloud, calls };
}

describe('hotswap()', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  function setup(status = 'UPDATE_COMPLETE') {
    const f = fakeAws();
    f.cfn.addStack({
      StackName: 'shop-dev',
      StackStatus: status,
      Tags: TAGS,
      template: JSON.stringify(template(`assets/${sha('v1')}.zip`)),
      resources: [{ LogicalResourceId: 'AFunction', PhysicalResourceId: 'shop-dev-A-1X', ResourceType: 'AWS::Lambda::Function', ResourceStatus: 'UPDATE_COMPLETE', LastUpdatedTimestamp: new Date() }],
    });
    const cwd = tempDir();
    dirs.push(cwd);
    return { ...f, cwd };
  }
  const input = (cwd: string, tags = TAGS) => ({ cwd, stackName: 'shop-dev', template: template(asset('v2').key), assets: [asset('v2')], bucket: 'artifacts', parameters: [], tags });

  it('uploads the new code, updates the function, waits until Lambda says Successful, and records the swap', async () => {
    const { aws, s3, clock, cwd } = setup();
    const { cloud, calls } = fakeCode({ running: lambdaSha('v1'), busyPolls: 2 });
    const out = await hotswap(input(cwd), { aws, cloud, clock });
    expect(out).toEqual({ kind: 'hot-swapped', functions: [{ logicalId: 'AFunction', physicalId: 'shop-dev-A-1X' }], stateMachines: [] });
    expect(s3.puts).toEqual([asset('v2').key]);
    expect(calls).toEqual(['get shop-dev-A-1X', `update shop-dev-A-1X ${asset('v2').key}`, 'get shop-dev-A-1X', 'get shop-dev-A-1X', 'get shop-dev-A-1X']);
    expect(clock.sleeps.length).toBe(3);
    expect(JSON.parse(readFileSync(`${cwd}/.eda/hotswap/shop-dev.json`, 'utf8')).functions).toEqual(['AFunction']);
  });

  it("a failed update is an error with Lambda's reason", async () => {
    const { aws, clock, cwd } = setup();
    const { cloud } = fakeCode({ running: lambdaSha('v1'), outcome: 'Failed' });
    await expect(hotswap(input(cwd), { aws, cloud, clock })).rejects.toThrow('Updating the code of function shop-dev-A-1X failed: The zip is corrupt.');
  });

  it('does not update a function that already runs the new code', async () => {
    const { aws, clock, cwd } = setup();
    const { cloud, calls } = fakeCode({ running: lambdaSha('v2') });
    expect(await hotswap(input(cwd), { aws, cloud, clock })).toEqual({ kind: 'hot-swapped', functions: [], stateMachines: [] });
    expect(calls).toEqual(['get shop-dev-A-1X']);
  });

  it('falls back, changing nothing, for a stack that is busy or whose tags change', async () => {
    const busy = setup('UPDATE_IN_PROGRESS');
    const { cloud, calls } = fakeCode({ running: lambdaSha('v1') });
    expect(await hotswap(input(busy.cwd), { aws: busy.aws, cloud, clock: busy.clock })).toEqual({ kind: 'fallback', reason: 'stack shop-dev is UPDATE_IN_PROGRESS' });
    const tagged = setup();
    expect(await hotswap(input(tagged.cwd, [{ Key: 'eda:app', Value: 'other' }]), { aws: tagged.aws, cloud, clock: tagged.clock })).toEqual({ kind: 'fallback', reason: 'the stack tags change' });
    expect(calls).toEqual([]);
    expect(tagged.s3.puts).toEqual([]);
  });

  it('after a full deploy, restores recorded functions whose running code differs from the template, then forgets them', async () => {
    const { aws, clock, cwd } = setup();
    const { cloud, calls } = fakeCode({ running: lambdaSha('v1') });
    await hotswap(input(cwd), { aws, cloud, clock });
    calls.length = 0;
    expect(await restoreHotswapped({ cwd, stackName: 'shop-dev', template: template(`assets/${sha('v1')}.zip`) }, { aws, cloud, clock })).toEqual(['AFunction']);
    expect(calls).toContain(`update shop-dev-A-1X assets/${sha('v1')}.zip`);
    expect(existsSync(`${cwd}/.eda/hotswap/shop-dev.json`)).toBe(false);
    expect(await restoreHotswapped({ cwd, stackName: 'shop-dev', template: template(`assets/${sha('v1')}.zip`) }, { aws, cloud, clock })).toEqual([]);
  });
});
