// The CloudFormation half of the AWS seam (CfnApi in api.ts), over the SDK client that
// aws.ts creates. Every call goes through `call`, which retries throttling and turns
// failures into one sentence.
import {
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DeleteStackCommand,
  DescribeChangeSetCommand,
  DescribeStackDriftDetectionStatusCommand,
  DescribeStackEventsCommand,
  DescribeStackResourceDriftsCommand,
  DescribeStacksCommand,
  DetectStackDriftCommand,
  ExecuteChangeSetCommand,
  GetTemplateCommand,
  ListChangeSetsCommand,
  ListStackResourcesCommand,
  type Change,
  type ChangeSetSummary,
  type CloudFormationClient,
  type DescribeChangeSetOutput,
  type StackResourceDrift,
  type StackResourceSummary,
} from '@aws-sdk/client-cloudformation';
import type { CfnApi } from './api.js';
import type { DriftApi } from './drift.js';
import { isStackMissing, type AwsCall } from './aws-errors.js';

const missingStack = (error: unknown) => (isStackMissing(error) ? { value: undefined } : undefined);

export function cloudFormationApi(cf: CloudFormationClient, call: AwsCall): CfnApi {
  return {
    describeStack: (stackName) =>
      call(`describe stack ${stackName}`, async () => (await cf.send(new DescribeStacksCommand({ StackName: stackName }))).Stacks?.[0], missingStack),
    getTemplate: (stackName, stage = 'Original') =>
      call(
        `read the template of stack ${stackName}`,
        async () => (await cf.send(new GetTemplateCommand({ StackName: stackName, TemplateStage: stage }))).TemplateBody,
        missingStack,
      ),
    createChangeSet: (input) =>
      call(`create a change set for stack ${input.StackName}`, async () => {
        const out = await cf.send(new CreateChangeSetCommand(input));
        return { Id: out.Id, StackId: out.StackId };
      }),
    describeChangeSet: (name, stackName) => call(`describe change set ${name}`, () => describeWholeChangeSet(cf, name, stackName)),
    listChangeSets: (stackName) =>
      call(`list the change sets of stack ${stackName}`, () => listChangeSetsOf(cf, stackName), (error) =>
        isStackMissing(error) ? { value: [] } : undefined,
      ),
    deleteChangeSet: (name, stackName) =>
      call(`delete change set ${name}`, async () => {
        await cf.send(new DeleteChangeSetCommand({ ChangeSetName: name, StackName: stackName }));
      }),
    executeChangeSet: (input) =>
      call(`execute change set ${input.ChangeSetName}`, async () => {
        await cf.send(new ExecuteChangeSetCommand(input));
      }),
    describeStackEvents: (stackName, nextToken) =>
      call(`read the events of stack ${stackName}`, async () => {
        const out = await cf.send(new DescribeStackEventsCommand({ StackName: stackName, NextToken: nextToken }));
        return { events: out.StackEvents ?? [], nextToken: out.NextToken };
      }),
    listStackResources: (stackName) => call(`list the resources of stack ${stackName}`, () => listStackResourcesOf(cf, stackName)),
    deleteStack: (input) =>
      call(`delete stack ${input.StackName}`, async () => {
        await cf.send(new DeleteStackCommand(input));
      }),
  };
}

/** One change set with the changes of every page. */
async function describeWholeChangeSet(cf: CloudFormationClient, name: string, stackName: string): Promise<DescribeChangeSetOutput> {
  let first: DescribeChangeSetOutput | undefined;
  const changes: Change[] = [];
  let token: string | undefined;
  do {
    const page = await cf.send(new DescribeChangeSetCommand({ ChangeSetName: name, StackName: stackName, NextToken: token }));
    first ??= page;
    changes.push(...(page.Changes ?? []));
    token = page.NextToken;
  } while (token);
  return { ...first!, Changes: changes, NextToken: undefined };
}

/** The stack's change sets, every page. */
async function listChangeSetsOf(cf: CloudFormationClient, stackName: string): Promise<ChangeSetSummary[]> {
  const all: ChangeSetSummary[] = [];
  let token: string | undefined;
  do {
    const page = await cf.send(new ListChangeSetsCommand({ StackName: stackName, NextToken: token }));
    all.push(...(page.Summaries ?? []));
    token = page.NextToken;
  } while (token);
  // Some emulators list every stack's change sets.
  return all.filter((c) => c.StackName === stackName || c.StackId === stackName);
}

/** The stack's resources, every page. */
async function listStackResourcesOf(cf: CloudFormationClient, stackName: string): Promise<StackResourceSummary[]> {
  const all: StackResourceSummary[] = [];
  let token: string | undefined;
  do {
    const page = await cf.send(new ListStackResourcesCommand({ StackName: stackName, NextToken: token }));
    all.push(...(page.StackResourceSummaries ?? []));
    token = page.NextToken;
  } while (token);
  return all;
}

/** The drift half of the seam: detection, its status, and the drifted resources (every page). */
export function driftApi(cf: CloudFormationClient, call: AwsCall): DriftApi {
  return {
    detectStackDrift: (stackName) =>
      call(`start a drift detection on stack ${stackName}`, async () => (await cf.send(new DetectStackDriftCommand({ StackName: stackName }))).StackDriftDetectionId ?? ''),
    detectionStatus: (id) =>
      call('read the drift detection status', async () => {
        const out = await cf.send(new DescribeStackDriftDetectionStatusCommand({ StackDriftDetectionId: id }));
        return { detectionStatus: String(out.DetectionStatus ?? ''), driftStatus: out.StackDriftStatus, reason: out.DetectionStatusReason, drifted: out.DriftedStackResourceCount };
      }),
    resourceDrifts: (stackName) =>
      call(`read the drifted resources of stack ${stackName}`, async () => {
        const all: StackResourceDrift[] = [];
        let token: string | undefined;
        do {
          const page = await cf.send(new DescribeStackResourceDriftsCommand({ StackName: stackName, StackResourceDriftStatusFilters: ['MODIFIED', 'DELETED'], NextToken: token }));
          all.push(...(page.StackResourceDrifts ?? []));
          token = page.NextToken;
        } while (token);
        return all;
      }),
  };
}
