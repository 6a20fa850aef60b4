// In-memory fakes for the deploy seam (CfnApi, S3Api, Clock). The fake CloudFormation
// keeps stacks, change sets and events, and plays scripted outcomes for executions.
import type { CreateChangeSetInput, DescribeChangeSetOutput, Stack, StackEvent, StackResourceSummary } from '@aws-sdk/client-cloudformation';
import type { AwsApi, CfnApi, Clock, S3Api } from '../../src/deploy/api.js';
import { diffTemplates } from '../../src/deploy/diff.js';
import { parseTemplateBody } from '../../src/deploy/template.js';

export class FakeClock implements Clock {
  t = Date.UTC(2026, 0, 1, 12, 0, 0);
  sleeps: number[] = [];
  now() {
    return this.t;
  }
  async sleep(ms: number, signal?: AbortSignal) {
    this.sleeps.push(ms);
    if (signal?.aborted) return;
    this.t += ms;
    await Promise.resolve();
  }
}

export interface FakeStack {
  StackId: string;
  StackName: string;
  StackStatus: string;
  StackStatusReason?: string;
  Parameters: { ParameterKey: string; ParameterValue: string }[];
  Tags: { Key: string; Value: string }[];
  Outputs: { OutputKey: string; OutputValue: string }[];
  template?: string;
  events: StackEvent[]; // newest first
  resources: StackResourceSummary[];
}

interface FakeChangeSet {
  id: string;
  name: string;
  stackId: string;
  input: CreateChangeSetInput;
  status: string;
  statusReason?: string;
  executionStatus: string;
  pendingPolls: number;
  changes: DescribeChangeSetOutput['Changes'];
}

/** What happens when a change set is executed: batches of events, one per poll, then a final status. */
export interface ExecutionScript {
  batches: Omit<StackEvent, 'StackId' | 'StackName' | 'EventId' | 'Timestamp'>[][];
  finalStatus: string;
  outputs?: { OutputKey: string; OutputValue: string }[];
}

let seq = 0;

export class FakeCfn implements CfnApi {
  stacks = new Map<string, FakeStack>(); // by StackId
  changeSets = new Map<string, FakeChangeSet>();
  calls: { op: string; arg?: unknown }[] = [];
  /** Polls of DescribeChangeSet that still say CREATE_IN_PROGRESS. */
  changeSetPolls = 1;
  /** Override how a change set comes out (default: computed from the templates). */
  changeSetResult?: (input: CreateChangeSetInput, stack: FakeStack) => { status: string; reason?: string; changes?: DescribeChangeSetOutput['Changes'] };
  /** Scripted execution (default: one IN_PROGRESS batch, then success). */
  script?: ExecutionScript;
  /** Errors to throw from an operation (once each, in order). */
  failures: Record<string, unknown[]> = {};
  private running?: { stack: FakeStack; script: ExecutionScript; step: number; finalStatus: string; template?: string; params?: FakeStack['Parameters']; tags?: FakeStack['Tags'] };

  constructor(private readonly clock: FakeClock) {}

  private maybeFail(op: string) {
    const list = this.failures[op];
    if (list?.length) throw list.shift();
  }

  private byName(name: string): FakeStack | undefined {
    const direct = this.stacks.get(name);
    if (direct) return direct;
    return [...this.stacks.values()].find((s) => s.StackName === name && s.StackStatus !== 'DELETE_COMPLETE');
  }

  addStack(partial: Partial<FakeStack> & { StackName: string; StackStatus: string }): FakeStack {
    const stack: FakeStack = {
      StackId: `arn:aws:cloudformation:us-east-1:123456789012:stack/${partial.StackName}/${++seq}`,
      Parameters: [],
      Tags: [],
      Outputs: [],
      events: [],
      resources: [],
      ...partial,
    };
    stack.events.unshift(this.event(stack, { LogicalResourceId: stack.StackName, ResourceType: 'AWS::CloudFormation::Stack', ResourceStatus: stack.StackStatus as StackEvent['ResourceStatus'] }));
    this.stacks.set(stack.StackId, stack);
    return stack;
  }

  event(stack: FakeStack, e: Omit<StackEvent, 'StackId' | 'StackName' | 'EventId' | 'Timestamp'>): StackEvent {
    return { ...e, StackId: stack.StackId, StackName: stack.StackName, EventId: `ev-${++seq}`, Timestamp: new Date(this.clock.now()) } as StackEvent;
  }

  private advance() {
    const run = this.running;
    if (!run) return;
    const { stack, script } = run;
    if (run.step < script.batches.length) {
      for (const e of script.batches[run.step]!) {
        stack.events.unshift(this.event(stack, e));
        if (e.LogicalResourceId === stack.StackName && e.ResourceType === 'AWS::CloudFormation::Stack' && e.ResourceStatus) {
          stack.StackStatus = e.ResourceStatus;
        }
      }
      run.step++;
      return;
    }
    stack.StackStatus = run.finalStatus;
    stack.events.unshift(this.event(stack, { LogicalResourceId: stack.StackName, ResourceType: 'AWS::CloudFormation::Stack', ResourceStatus: run.finalStatus as StackEvent['ResourceStatus'] }));
    if (/_COMPLETE$/.test(run.finalStatus) && !/ROLLBACK|DELETE/.test(run.finalStatus)) {
      if (run.template !== undefined) stack.template = run.template;
      if (run.params) stack.Parameters = run.params;
      if (run.tags) stack.Tags = run.tags;
      if (script.outputs) stack.Outputs = script.outputs;
    }
    this.running = undefined;
  }

  async describeStack(name: string): Promise<Stack | undefined> {
    this.calls.push({ op: 'describeStack', arg: name });
    this.maybeFail('describeStack');
    this.advance();
    const s = this.byName(name);
    if (!s) return undefined;
    return {
      StackId: s.StackId,
      StackName: s.StackName,
      StackStatus: s.StackStatus as Stack['StackStatus'],
      StackStatusReason: s.StackStatusReason,
      Parameters: s.Parameters,
      Tags: s.Tags,
      Outputs: s.Outputs,
      CreationTime: new Date(this.clock.now()),
    };
  }

  async getTemplate(name: string): Promise<string | undefined> {
    this.calls.push({ op: 'getTemplate', arg: name });
    return this.byName(name)?.template;
  }

  async createChangeSet(input: CreateChangeSetInput) {
    this.calls.push({ op: 'createChangeSet', arg: input });
    this.maybeFail('createChangeSet');
    let stack = this.byName(input.StackName!);
    if (input.ChangeSetType === 'CREATE') {
      if (stack) throw Object.assign(new Error(`Stack [${input.StackName}] already exists`), { name: 'AlreadyExistsException' });
      stack = this.addStack({ StackName: input.StackName!, StackStatus: 'REVIEW_IN_PROGRESS' });
    } else if (!stack) {
      throw Object.assign(new Error(`Stack [${input.StackName}] does not exist`), { name: 'ValidationError' });
    }
    const id = `arn:aws:cloudformation:us-east-1:123456789012:changeSet/${input.ChangeSetName}/${++seq}`;
    const result = this.changeSetResult?.(input, stack) ?? this.computeChangeSet(input, stack);
    this.changeSets.set(id, {
      id,
      name: input.ChangeSetName!,
      stackId: stack.StackId,
      input,
      status: result.status,
      statusReason: result.reason,
      executionStatus: result.status === 'CREATE_COMPLETE' ? 'AVAILABLE' : 'UNAVAILABLE',
      pendingPolls: this.changeSetPolls,
      changes: result.changes,
    });
    return { Id: id, StackId: stack.StackId };
  }

  private computeChangeSet(input: CreateChangeSetInput, stack: FakeStack) {
    const next = parseTemplateBody(input.TemplateBody ?? '{}');
    const prev = stack.template ? parseTemplateBody(stack.template) : undefined;
    const d = diffTemplates(prev, next);
    const sameParams = JSON.stringify(stack.Parameters) === JSON.stringify(input.Parameters ?? []);
    const sameTags = JSON.stringify(stack.Tags) === JSON.stringify(input.Tags ?? []);
    if (prev && d.resources.length === 0 && sameParams && sameTags) {
      return { status: 'FAILED', reason: "The submitted information didn't contain changes. Submit different information to create a change set." };
    }
    // New stack tags propagate to every resource: each is modified.
    const rows = prev && d.resources.length === 0 ? Object.entries(next.Resources ?? {}).map(([id, r]: [string, any]) => ({ action: 'Modify', logicalId: id, type: r.Type })) : d.resources;
    return {
      status: 'CREATE_COMPLETE',
      changes: rows.map((r) => ({
        Type: 'Resource' as const,
        ResourceChange: { Action: r.action, LogicalResourceId: r.logicalId, ResourceType: r.type, Replacement: r.action === 'Modify' ? 'False' : undefined },
      })) as DescribeChangeSetOutput['Changes'],
    };
  }

  private findChangeSet(name: string): FakeChangeSet {
    const cs = this.changeSets.get(name) ?? [...this.changeSets.values()].find((c) => c.name === name);
    if (!cs) throw Object.assign(new Error(`ChangeSet [${name}] does not exist`), { name: 'ChangeSetNotFoundException' });
    return cs;
  }

  async describeChangeSet(name: string): Promise<DescribeChangeSetOutput> {
    this.calls.push({ op: 'describeChangeSet', arg: name });
    const cs = this.findChangeSet(name);
    if (cs.pendingPolls > 0) {
      cs.pendingPolls--;
      return { ChangeSetId: cs.id, ChangeSetName: cs.name, Status: 'CREATE_IN_PROGRESS', ExecutionStatus: 'UNAVAILABLE' };
    }
    return {
      ChangeSetId: cs.id,
      ChangeSetName: cs.name,
      StackId: cs.stackId,
      Status: cs.status as DescribeChangeSetOutput['Status'],
      StatusReason: cs.statusReason,
      ExecutionStatus: cs.executionStatus as DescribeChangeSetOutput['ExecutionStatus'],
      Changes: cs.changes,
    };
  }

  async listChangeSets(name: string) {
    this.calls.push({ op: 'listChangeSets', arg: name });
    this.maybeFail('listChangeSets');
    const s = this.byName(name);
    return [...this.changeSets.values()]
      .filter((c) => c.stackId === s?.StackId)
      .map((c) => ({ ChangeSetId: c.id, ChangeSetName: c.name, StackId: c.stackId, StackName: s!.StackName, Status: c.status as 'CREATE_COMPLETE', ExecutionStatus: c.executionStatus as 'AVAILABLE', CreationTime: new Date(this.clock.now()) }));
  }

  async deleteChangeSet(name: string) {
    this.calls.push({ op: 'deleteChangeSet', arg: name });
    this.changeSets.delete(this.findChangeSet(name).id);
  }

  async executeChangeSet(input: { ChangeSetName?: string; ClientRequestToken?: string }) {
    this.calls.push({ op: 'executeChangeSet', arg: input });
    this.maybeFail('executeChangeSet');
    const cs = this.findChangeSet(input.ChangeSetName!);
    const stack = this.stacks.get(cs.stackId)!;
    const type = cs.input.ChangeSetType ?? 'UPDATE';
    const script = this.script ?? {
      batches: [[{ LogicalResourceId: stack.StackName, ResourceType: 'AWS::CloudFormation::Stack', ResourceStatus: `${type}_IN_PROGRESS`, ResourceStatusReason: 'User Initiated' }]],
      finalStatus: `${type}_COMPLETE`,
    };
    this.running = {
      stack,
      script,
      step: 0,
      finalStatus: script.finalStatus,
      template: cs.input.TemplateBody,
      params: (cs.input.Parameters ?? []) as FakeStack['Parameters'],
      tags: (cs.input.Tags ?? []) as FakeStack['Tags'],
    };
    // Executing removes every change set of the stack.
    for (const [id, other] of this.changeSets) if (other.stackId === stack.StackId) this.changeSets.delete(id);
  }

  async describeStackEvents(name: string, nextToken?: string) {
    this.calls.push({ op: 'describeStackEvents', arg: name });
    const s = this.byName(name);
    if (!s) throw Object.assign(new Error(`Stack [${name}] does not exist`), { name: 'ValidationError' });
    const start = nextToken ? Number(nextToken) : 0;
    const page = s.events.slice(start, start + 5);
    return { events: page, nextToken: start + 5 < s.events.length ? String(start + 5) : undefined };
  }

  async listStackResources(name: string) {
    this.calls.push({ op: 'listStackResources', arg: name });
    return this.byName(name)?.resources ?? [];
  }

  async deleteStack(input: { StackName?: string }) {
    this.calls.push({ op: 'deleteStack', arg: input.StackName });
    const s = this.byName(input.StackName!);
    if (!s) return;
    s.events.unshift(this.event(s, { LogicalResourceId: s.StackName, ResourceType: 'AWS::CloudFormation::Stack', ResourceStatus: 'DELETE_IN_PROGRESS', ResourceStatusReason: 'User Initiated' }));
    s.StackStatus = 'DELETE_COMPLETE';
    s.events.unshift(this.event(s, { LogicalResourceId: s.StackName, ResourceType: 'AWS::CloudFormation::Stack', ResourceStatus: 'DELETE_COMPLETE' }));
    for (const [id, cs] of this.changeSets) if (cs.stackId === s.StackId) this.changeSets.delete(id);
  }

  ops(): string[] {
    return this.calls.map((c) => c.op);
  }
}

export class FakeS3 implements S3Api {
  objects = new Map<string, { body: Uint8Array; lastModified: Date }>();
  puts: string[] = [];
  touches: string[] = [];
  /** Buckets that do not exist (every other one does). */
  missingBuckets = new Set<string>();
  constructor(private readonly clock: FakeClock) {}
  async headBucket(bucket: string) {
    return !this.missingBuckets.has(bucket);
  }
  async headObject(bucket: string, key: string) {
    const o = this.objects.get(`${bucket}/${key}`);
    return o ? { lastModified: o.lastModified } : undefined;
  }
  async putObject(bucket: string, key: string, body: Uint8Array) {
    this.puts.push(key);
    this.objects.set(`${bucket}/${key}`, { body, lastModified: new Date(this.clock.now()) });
  }
  async touchObject(bucket: string, key: string) {
    this.touches.push(key);
    const o = this.objects.get(`${bucket}/${key}`)!;
    o.lastModified = new Date(this.clock.now());
  }
}

export function fakeAws(clock = new FakeClock()): { aws: AwsApi; cfn: FakeCfn; s3: FakeS3; clock: FakeClock } {
  const cfn = new FakeCfn(clock);
  const s3 = new FakeS3(clock);
  return { aws: { cfn, s3, region: 'us-east-1' }, cfn, s3, clock };
}
