// The deploy state machine. Given a ready template (asset locations filled in) it
// decides what to do with the stack in whatever state it is in, skips no-op
// deploys without creating a change set, creates and shows a change set, asks,
// executes and follows it, and never leaves a stray change set behind.
// All AWS access goes through the seam in api.ts.
import { randomUUID } from 'node:crypto';
import type { Change, Parameter, Tag } from '@aws-sdk/client-cloudformation';
import { stackParameters } from './parameters.js';
import { CancelledError, EdaError } from '../core/errors.js';
import type { AwsApi, Clock, Stack, StackEvent } from './api.js';
import { uploadAssets, uploadTemplate, type UploadSummary } from './assets.js';
import type { Asset } from './build.js';
import { iamDiff, type IamDiff } from './iam.js';
import { rootCauses } from './causes.js';
import { dispositionFor, isSuccess } from './status.js';
import { changeDrift } from './drift.js';
import type { Template } from '../core/template.js';
import { parseTemplateBody, templateBody, templatesEqual, TEMPLATE_BODY_LIMIT } from './template.js';
import { latestEventId, watchStack, type ProgressSink } from './watch.js';

export const CAPABILITIES = ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM', 'CAPABILITY_AUTO_EXPAND'] as const;

export interface DeployInput {
  stackName: string;
  template: Template;
  assets: Asset[];
  /** Artifacts bucket (for assets and templates over the body limit). */
  bucket?: string;
  parameters: Parameter[];
  tags: Tag[];
  /** false: create and show the change set only (--no-execute). */
  execute: boolean;
  /** CloudFormation express mode (DeploymentConfig.Mode EXPRESS). */
  express?: boolean;
  /** Updates through drift-aware change sets (DeploymentMode REVERT_DRIFT) where CloudFormation accepts them. */
  driftAware?: boolean;
  description?: string;
}

export interface ChangeRow {
  action: string;
  logicalId: string;
  type: string;
  replacement: string;
  physicalId?: string;
  /** A drift-aware change set's drift information: this change overwrites an out-of-band change. */
  drift?: { status: string; properties: string[] };
}

/** How the engine talks to the person (or to a test). */
export interface DeployReporter {
  info(message: string): void;
  /** Uploads done (or nothing to upload). */
  uploaded?(summary: UploadSummary): void;
  changeSet(rows: ChangeRow[], iam: IamDiff, meta: { type: 'CREATE' | 'UPDATE'; changeSetName: string }): void;
  /** Resolve true to execute. Throw (UsageError/CancelledError) to refuse. */
  confirm(meta: { iamBroadening: boolean; changes: number }): Promise<boolean>;
  /** A renderer for the live progress, or undefined for none. */
  progress?(total: number, stackName: string): ProgressSink | undefined;
}

export interface DeployDeps {
  aws: AwsApi;
  clock: Clock;
  reporter: DeployReporter;
  signal?: AbortSignal;
  pollMs?: number;
  /** Change set names and client tokens (tests pass fixed ones). */
  newId?: () => string;
}

export type DeployOutcome =
  | { kind: 'no-changes'; why: 'identical' | 'empty-change-set'; stack?: Stack }
  | { kind: 'change-set'; changeSetId: string; changeSetName: string; changes: ChangeRow[]; iam: IamDiff }
  | { kind: 'deployed'; status: string; stack?: Stack; changes: ChangeRow[]; iam: IamDiff; events: StackEvent[] }
  | { kind: 'failed'; status: string; reason?: string; stack?: Stack; causes: StackEvent[]; changes: ChangeRow[]; events: StackEvent[] }
  | { kind: 'detached'; status: string; changes: ChangeRow[] };

/** CloudFormation's ways of saying a change set holds no changes. */
export function isEmptyChangeSetReason(reason: string | undefined): boolean {
  return /didn't contain changes|did not contain changes|No updates are to be performed/i.test(reason ?? '');
}

export function changeRows(changes: Change[] | undefined): ChangeRow[] {
  const rows: ChangeRow[] = [];
  for (const c of changes ?? []) {
    const r = c.ResourceChange;
    if (!r) continue;
    rows.push({
      action: String(r.Action ?? ''),
      logicalId: r.LogicalResourceId ?? '',
      type: r.ResourceType ?? '',
      replacement: r.Action === 'Modify' ? String(r.Replacement ?? '') : '',
      physicalId: r.PhysicalResourceId,
      ...(changeDrift(r) ? { drift: changeDrift(r) } : {}),
    });
  }
  return rows;
}

function asMap(items: { key?: string; value?: string }[]): Map<string, string> {
  return new Map(items.filter((i) => i.key !== undefined).map((i) => [i.key!, i.value ?? '']));
}

function mapsEqual(a: Map<string, string>, b: Map<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}

export function parametersEqual(deployed: Parameter[] | undefined, next: Parameter[]): boolean {
  const before = asMap((deployed ?? []).map((p) => ({ key: p.ParameterKey, value: p.ParameterValue })));
  // UsePreviousValue keeps the deployed value: no change.
  return mapsEqual(before, asMap(next.map((p) => ({ key: p.ParameterKey, value: p.UsePreviousValue ? before.get(p.ParameterKey ?? '') : p.ParameterValue }))));
}

export function tagsEqual(deployed: Tag[] | undefined, next: Tag[]): boolean {
  return mapsEqual(asMap((deployed ?? []).map((t) => ({ key: t.Key, value: t.Value }))), asMap(next.map((t) => ({ key: t.Key, value: t.Value }))));
}

/** The parameters to pass when no --parameter is given: every template parameter's Default. */
export function defaultParameters(template: Template, stackName: string): Parameter[] {
  return stackParameters(template, stackName, new Map());
}

/** A fresh ID for a change set name or a client token. */
const nextId = (deps: DeployDeps) => (deps.newId ?? randomUUID)();

const CHANGE_SET_PENDING = new Set(['CREATE_PENDING', 'CREATE_IN_PROGRESS']);

async function waitForChangeSet(deps: DeployDeps, changeSetId: string, stackName: string) {
  const delays = [0, 300, 500, 1000, 1000, 2000];
  const started = deps.clock.now();
  for (let i = 0; ; i++) {
    if (deps.signal?.aborted) throw new CancelledError('Cancelled while the change set was being created; it was deleted.');
    await deps.clock.sleep(delays[Math.min(i, delays.length - 1)]!, deps.signal);
    if (deps.signal?.aborted) throw new CancelledError('Cancelled while the change set was being created; it was deleted.');
    const cs = await deps.aws.cfn.describeChangeSet(changeSetId, stackName);
    if (!CHANGE_SET_PENDING.has(cs.Status ?? '')) return cs;
    if (deps.clock.now() - started > 15 * 60_000) throw new EdaError(`Change set ${changeSetId} was still being created after 15 minutes.`);
  }
}

/** Deletes a stack and waits until it is gone (used for empty shells before recreating). */
export async function deleteAndWait(deps: DeployDeps, stack: Stack): Promise<void> {
  const id = stack.StackId ?? stack.StackName!;
  const marker = await latestEventId(deps.aws.cfn, id).catch(() => undefined);
  await deps.aws.cfn.deleteStack({ StackName: id, ClientRequestToken: `eda-${nextId(deps)}` });
  const result = await watchStack({
    cfn: deps.aws.cfn,
    clock: deps.clock,
    stack: id,
    stackName: stack.StackName ?? id,
    marker,
    statusBefore: stack.StackStatus,
    pollMs: deps.pollMs,
    signal: deps.signal,
  });
  if (result.detached) throw new CancelledError(`Stopped waiting while stack ${stack.StackName} was being deleted; nothing was deployed.`);
  if (result.status !== 'DELETE_COMPLETE') {
    throw new EdaError(`Stack ${stack.StackName} could not be deleted (${result.status}${result.reason ? `: ${result.reason}` : ''}).`, 'Run `eda destroy` to see what is left.');
  }
}

/** What a change set being reviewed needs to know: the step 1–2 findings and its identity. */
interface ChangeSetRef {
  changeSetId: string;
  changeSetName: string;
  stackId: string;
  type: 'CREATE' | 'UPDATE';
  /** The stack before the change set, if it existed. */
  existing?: Stack;
  /** The deployed template, when it could be read (for the IAM difference). */
  deployed?: Template;
}

/** An executed change set, to be followed. */
interface Execution {
  stackId: string;
  rows: ChangeRow[];
  iam: IamDiff;
  marker?: string;
  statusBefore: string;
}

/** Deploys the template: the steps below, in order; every way it can end is a DeployOutcome. */
export async function deploy(input: DeployInput, deps: DeployDeps): Promise<DeployOutcome> {
  // 1. Where the stack stands.
  const { existing, disposition } = await standingStack(input.stackName, deps);

  // 2. Skip entirely when nothing changed: same template, parameters and tags.
  let deployed: Template | undefined;
  if (disposition === 'update') {
    deployed = await deployedTemplate(deps, existing!.StackId ?? input.stackName);
    if (deployed && isUnchanged(deployed, existing!, input)) return { kind: 'no-changes', why: 'identical', stack: existing };
  }

  // 3. Assets and the template body (through S3 when over the limit).
  const templateSource = await stageTemplate(input, deps);

  // 4. The change set: created, shown, confirmed and (5.) executed, or discarded.
  const created = await createChangeSet(input, deps, disposition === 'update' ? 'UPDATE' : 'CREATE', templateSource);
  const reviewed = await reviewChangeSet(input, deps, { ...created, existing, deployed });
  if ('kind' in reviewed) return reviewed;

  // 6. Follow it.
  return followDeployment(input.stackName, deps, reviewed);
}

/**
 * Step 1: the stack as it stands, and whether to create or update it. A stack that can only
 * be replaced (an empty shell, a failed creation) is deleted first; a busy or broken one is refused.
 */
async function standingStack(stackName: string, deps: DeployDeps): Promise<{ existing?: Stack; disposition: 'create' | 'update' }> {
  const existing = await deps.aws.cfn.describeStack(stackName);
  const disposition = dispositionFor(stackName, existing?.StackStatus);
  if (disposition.kind === 'busy' || disposition.kind === 'broken') throw new EdaError(disposition.message, disposition.hint);
  if (disposition.kind === 'recreate' && existing) {
    if (existing.StackStatus === 'ROLLBACK_COMPLETE') await refuseLeftovers(deps, existing, stackName);
    deps.reporter.info(`${disposition.reason}: deleting it and creating it again.`);
    await deleteAndWait(deps, existing);
    return { existing: undefined, disposition: 'create' };
  }
  return { existing, disposition: disposition.kind === 'update' ? 'update' : 'create' };
}

/** A rolled-back creation that still holds resources is not deleted behind the person's back. */
async function refuseLeftovers(deps: DeployDeps, existing: Stack, stackName: string): Promise<void> {
  const left = (await deps.aws.cfn.listStackResources(existing.StackId ?? stackName)).filter(
    (r) => r.ResourceStatus !== 'DELETE_COMPLETE' && r.ResourceStatus !== 'DELETE_SKIPPED',
  );
  if (left.length) {
    throw new EdaError(
      `Stack ${stackName} is in ROLLBACK_COMPLETE but still holds ${left.length} resource${left.length === 1 ? '' : 's'} (${left
        .slice(0, 3)
        .map((r) => r.LogicalResourceId)
        .join(', ')}).`,
      'Delete it with `eda destroy`, then deploy again.',
    );
  }
}

/** Step 2: the template as deployed, or undefined when it is missing or unreadable (CloudFormation compares then). */
async function deployedTemplate(deps: DeployDeps, stackId: string): Promise<Template | undefined> {
  const body = await deps.aws.cfn.getTemplate(stackId, 'Original');
  try {
    return body ? parseTemplateBody(body) : undefined;
  } catch {
    return undefined; // unreadable: let CloudFormation compare
  }
}

function isUnchanged(deployed: Template, existing: Stack, input: DeployInput): boolean {
  return templatesEqual(deployed, input.template) && parametersEqual(existing.Parameters, input.parameters) && tagsEqual(existing.Tags, input.tags);
}

/** Step 3: uploads the assets, and the template itself when it is over the inline limit. */
async function stageTemplate(input: DeployInput, deps: DeployDeps): Promise<{ TemplateBody?: string; TemplateURL?: string }> {
  if (input.assets.length) {
    if (!input.bucket) throw new EdaError('The template needs an artifacts bucket for its code, but none was set up.', 'Run `eda bootstrap`.');
    const summary = await uploadAssets(deps.aws.s3, input.bucket, input.assets, deps.clock);
    deps.reporter.uploaded?.(summary);
  }
  const body = templateBody(input.template);
  if (Buffer.byteLength(body) <= TEMPLATE_BODY_LIMIT) return { TemplateBody: body };
  if (!input.bucket) throw new EdaError(`The template is ${Buffer.byteLength(body)} bytes, over CloudFormation's ${TEMPLATE_BODY_LIMIT}-byte limit for inline templates, and there is no artifacts bucket.`, 'Run `eda bootstrap`.');
  return { TemplateURL: await uploadTemplate(deps.aws.s3, input.bucket, input.stackName, body, deps.aws.region) };
}

/** Step 4: creates the change set (it is not ready yet: see waitForChangeSet). */
async function createChangeSet(
  input: DeployInput,
  deps: DeployDeps,
  type: 'CREATE' | 'UPDATE',
  templateSource: { TemplateBody?: string; TemplateURL?: string },
): Promise<Omit<ChangeSetRef, 'existing' | 'deployed'>> {
  if (deps.signal?.aborted) throw new CancelledError('Cancelled before anything changed.');
  const { stackName } = input;
  const changeSetName = `eda-${new Date(deps.clock.now()).toISOString().replace(/[-:]/g, '').replace(/\..*$/, '')}-${nextId(deps).slice(0, 8)}`;
  const request = {
    StackName: stackName,
    ChangeSetName: changeSetName,
    ChangeSetType: type,
    ...templateSource,
    Parameters: input.parameters,
    Tags: input.tags,
    Capabilities: [...CAPABILITIES],
    Description: input.description ?? 'Created by eda deploy',
    ...(type === 'CREATE' ? { OnStackFailure: 'DELETE' as const } : {}),
    ...(input.express ? { DeploymentConfig: { Mode: 'EXPRESS' as const } } : {}),
  };
  const driftAware = input.driftAware && type === 'UPDATE';
  const created = await deps.aws.cfn.createChangeSet(driftAware ? { ...request, DeploymentMode: 'REVERT_DRIFT' } : request).catch((error: unknown) => {
    // An endpoint (or region) without drift-aware change sets: a standard one says the same, minus the drift.
    if (!driftAware || !/DeploymentMode|REVERT_DRIFT|drift/i.test((error as Error).message)) throw error;
    deps.reporter.info(`drift-aware change sets are not available here (${(error as Error).message}); creating a standard change set`);
    return deps.aws.cfn.createChangeSet(request);
  });
  return { changeSetId: created.Id ?? changeSetName, changeSetName, stackId: created.StackId ?? stackName, type };
}

/**
 * Steps 4–5: waits for the change set, shows it, asks, and executes it. Ends as an outcome
 * (nothing to change, or --no-execute) or as an execution to follow; a change set that is
 * not executed (an error, a refusal, a cancel) is deleted.
 */
async function reviewChangeSet(input: DeployInput, deps: DeployDeps, ref: ChangeSetRef): Promise<DeployOutcome | Execution> {
  const { cfn } = deps.aws;
  const { reporter } = deps;
  const { stackName } = input;
  const { changeSetId, changeSetName, stackId, type } = ref;
  let keep = false;
  try {
    const cs = await waitForChangeSet(deps, changeSetId, stackName);
    if (cs.Status === 'FAILED') {
      if (isEmptyChangeSetReason(cs.StatusReason)) return { kind: 'no-changes', why: 'empty-change-set', stack: ref.existing };
      throw new EdaError(`The change set for stack ${stackName} could not be created: ${cs.StatusReason ?? 'no reason given'}`);
    }
    const rows = changeRows(cs.Changes);
    // A change set CloudFormation created with no resource changes still changes something
    // step 2 saw differ (outputs, tags, parameters, metadata): executing it applies that.
    // Truly empty ones end FAILED ("didn't contain changes") above.
    const iam = iamDiff(ref.deployed, input.template);
    reporter.changeSet(rows, iam, { type, changeSetName });
    if (!input.execute) {
      keep = true;
      return { kind: 'change-set', changeSetId, changeSetName, changes: rows, iam };
    }
    const ok = await reporter.confirm({ iamBroadening: iam.broadening.length > 0, changes: rows.length });
    if (!ok) throw new CancelledError('Not deployed: the change set was deleted.');
    if (deps.signal?.aborted) throw new CancelledError('Not deployed: the change set was deleted.');
    // 5. Execute.
    const marker = await latestEventId(cfn, stackId).catch(() => undefined);
    const current = await cfn.describeStack(stackId);
    const statusBefore = current?.StackStatus ?? ref.existing?.StackStatus ?? 'REVIEW_IN_PROGRESS';
    await cfn.executeChangeSet({ ChangeSetName: changeSetId, StackName: stackName, ClientRequestToken: `eda-${nextId(deps)}` });
    keep = true;
    return { stackId, rows, iam, marker, statusBefore };
  } finally {
    if (!keep) await discardChangeSet(deps, changeSetId, stackName, stackId, type);
  }
}

/** Step 6: follows the executed change set to its end. */
async function followDeployment(stackName: string, deps: DeployDeps, run: Execution): Promise<DeployOutcome> {
  const renderer = deps.reporter.progress?.(run.rows.length, stackName);
  const result = await watchStack({
    cfn: deps.aws.cfn,
    clock: deps.clock,
    stack: run.stackId,
    stackName,
    marker: run.marker,
    statusBefore: run.statusBefore,
    renderer,
    pollMs: deps.pollMs,
    signal: deps.signal,
  });
  const { rows, iam } = run;
  if (result.detached) return { kind: 'detached', status: result.status, changes: rows };
  if (isSuccess(result.status) && result.status !== 'DELETE_COMPLETE') {
    return { kind: 'deployed', status: result.status, stack: result.stack, changes: rows, iam, events: result.events };
  }
  return {
    kind: 'failed',
    status: result.status,
    reason: result.reason,
    stack: result.stack,
    causes: rootCauses(result.events, stackName),
    changes: rows,
    events: result.events,
  };
}

/** Deletes a change set that will not be executed, and the empty stack a CREATE change set made. */
async function discardChangeSet(deps: DeployDeps, changeSetId: string, stackName: string, stackId: string, type: 'CREATE' | 'UPDATE') {
  try {
    await deps.aws.cfn.deleteChangeSet(changeSetId, stackName);
  } catch (error) {
    deps.reporter.info(`Could not delete change set ${changeSetId}: ${(error as Error).message} (\`eda status\` lists what is left)`);
  }
  if (type === 'CREATE') {
    try {
      const stack = await deps.aws.cfn.describeStack(stackId);
      if (stack?.StackStatus === 'REVIEW_IN_PROGRESS') await deps.aws.cfn.deleteStack({ StackName: stackId });
    } catch (error) {
      deps.reporter.info(`Could not delete the empty stack ${stackName}: ${(error as Error).message}`);
    }
  }
}
