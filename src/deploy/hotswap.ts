// eda deploy --hotswap (and eda watch): when the only differences between the deployed
// template and the new one are functions' code and state machines' definitions, changes
// them directly (Lambda UpdateFunctionCode, Step Functions UpdateStateMachine) without a
// change set. The stack then differs from its template, so what was swapped is recorded
// in .eda/hotswap/<stack>.json; the next full deploy puts those resources back in line
// with its template (restoreHotswapped) even when CloudFormation sees nothing to change.
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Parameter, Tag } from '@aws-sdk/client-cloudformation';
import { EdaError } from '../core/errors.js';
import type { Template } from '../core/template.js';
import type { AwsApi, Clock } from './api.js';
import { uploadAssets } from './assets.js';
import type { Asset } from './build.js';
import type { CloudApi, FunctionState } from './cloud-api.js';
import { parametersEqual, tagsEqual } from './engine.js';
import { codeLocation, learnSubstitutions, planHotswap, renderDefinition, type FunctionSwap, type StateMachineSwap } from './hotswap-plan.js';
import { canonicalJson, parseTemplateBody, resources } from './template.js';

export interface HotswapInput {
  cwd: string;
  stackName: string;
  /** The new template, asset locations filled in. */
  template: Template;
  assets: Asset[];
  bucket?: string;
  parameters: Parameter[];
  tags: Tag[];
}

export interface HotswapDeps {
  aws: AwsApi;
  cloud: CloudApi;
  clock: Clock;
}

export interface Swapped {
  logicalId: string;
  physicalId: string;
}

export type HotswapOutcome =
  | { kind: 'hot-swapped'; functions: Swapped[]; stateMachines: Swapped[] }
  | { kind: 'fallback'; reason: string };

/** What was hot-swapped in a stack since its last full deploy (and the substitutions learned). */
interface Record_ {
  functions: string[];
  stateMachines: string[];
  substitutions: Record<string, Record<string, string>>;
}

const STABLE = /^(CREATE|UPDATE|UPDATE_ROLLBACK|IMPORT)_COMPLETE$/;

const recordFile = (cwd: string, stackName: string) => path.join(cwd, '.eda', 'hotswap', `${stackName}.json`);

/** Whether hot swaps since the last full deploy are recorded for the stack (in this project folder). */
export function hasHotswapRecord(cwd: string, stackName: string): boolean {
  return existsSync(recordFile(cwd, stackName));
}

/** The functions' and state machines' logical IDs hot-swapped since the last full deploy (from this project folder's record). */
export async function hotswappedSinceDeploy(cwd: string, stackName: string): Promise<{ functions: string[]; stateMachines: string[] } | undefined> {
  const record = await readRecord(cwd, stackName);
  return record && record.functions.length + record.stateMachines.length ? { functions: record.functions, stateMachines: record.stateMachines } : undefined;
}

async function readRecord(cwd: string, stackName: string): Promise<Record_ | undefined> {
  try {
    const r = JSON.parse(await readFile(recordFile(cwd, stackName), 'utf8')) as Partial<Record_>;
    return { functions: r.functions ?? [], stateMachines: r.stateMachines ?? [], substitutions: r.substitutions ?? {} };
  } catch {
    return undefined;
  }
}

async function writeRecord(cwd: string, stackName: string, record: Record_): Promise<void> {
  const file = recordFile(cwd, stackName);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(record, null, 2)}\n`);
}

/** Lambda's CodeSha256 (base64) of an asset keyed assets/<hex sha256>.zip. */
function codeSha(key: string): string | undefined {
  const hex = /([0-9a-f]{64})\.zip$/.exec(key)?.[1];
  return hex ? Buffer.from(hex, 'hex').toString('base64') : undefined;
}

/** Hot-swaps the stack, or says why only a change set can deploy this template. */
export async function hotswap(input: HotswapInput, deps: HotswapDeps): Promise<HotswapOutcome> {
  const { cfn } = deps.aws;
  const stack = await cfn.describeStack(input.stackName);
  if (!stack || stack.StackStatus === 'REVIEW_IN_PROGRESS') return { kind: 'fallback', reason: `stack ${input.stackName} is not deployed yet` };
  if (!STABLE.test(stack.StackStatus ?? '')) return { kind: 'fallback', reason: `stack ${input.stackName} is ${stack.StackStatus}` };
  if (!parametersEqual(stack.Parameters, input.parameters)) return { kind: 'fallback', reason: 'the stack parameters change' };
  if (!tagsEqual(stack.Tags, input.tags)) return { kind: 'fallback', reason: 'the stack tags change' };
  const body = await cfn.getTemplate(stack.StackId ?? input.stackName, 'Original');
  if (!body) return { kind: 'fallback', reason: 'the deployed template could not be read' };
  const deployed = parseTemplateBody(body);
  const plan = planHotswap(deployed, input.template);
  if (plan.kind === 'fallback') return plan;

  // What was hot-swapped before and is not in this plan may still run other code than the template says.
  const record = (await readRecord(input.cwd, input.stackName)) ?? { functions: [], stateMachines: [], substitutions: {} };
  const next = resources(input.template);
  const functions = [...plan.functions];
  for (const id of record.functions) {
    const location = codeLocation(next[id]);
    if (location && !functions.some((f) => f.logicalId === id)) functions.push({ logicalId: id, ...location });
  }
  const machines = [...plan.stateMachines];
  for (const id of record.stateMachines) {
    if (!machines.some((m) => m.logicalId === id) && next[id]?.Properties?.Definition !== undefined) {
      machines.push({ logicalId: id, definition: next[id].Properties.Definition, deployedDefinition: resources(deployed)[id]?.Properties?.Definition });
    }
  }
  if (!functions.length && !machines.length) return { kind: 'hot-swapped', functions: [], stateMachines: [] };

  const physical = new Map((await cfn.listStackResources(stack.StackId ?? input.stackName)).map((r) => [r.LogicalResourceId ?? '', r.PhysicalResourceId ?? '']));
  const missing = [...functions, ...machines].find((s) => !physical.get(s.logicalId));
  if (missing) return { kind: 'fallback', reason: `${missing.logicalId} has no physical resource in the stack` };

  // Render every definition before changing anything: a definition that cannot be rendered falls back.
  const rendered: { swap: StateMachineSwap; arn: string; json: string }[] = [];
  for (const swap of machines) {
    const arn = physical.get(swap.logicalId)!;
    const running = await deps.cloud.code.describeStateMachine(arn);
    // Learned from what runs first; what a hot swap before learned fills the gaps.
    const values = { ...(record.substitutions[swap.logicalId] ?? {}), ...learnSubstitutions(swap.deployedDefinition, safeJson(running?.definition)) };
    const { json, missing: unknown } = renderDefinition(swap.definition, values);
    if (unknown.length) return { kind: 'fallback', reason: `the value of \${${unknown[0]}} in ${swap.logicalId}'s definition is not known` };
    record.substitutions[swap.logicalId] = values;
    if (canonicalJson(safeJson(running?.definition)) !== canonicalJson(JSON.parse(json))) rendered.push({ swap, arn, json });
  }

  const swappedFunctions = await swapFunctions(functions, physical, input, deps);
  for (const r of rendered) await deps.cloud.code.updateStateMachine({ stateMachineArn: r.arn, definition: r.json });
  await writeRecord(input.cwd, input.stackName, {
    functions: [...new Set([...record.functions, ...swappedFunctions.map((s) => s.logicalId)])],
    stateMachines: [...new Set([...record.stateMachines, ...rendered.map((r) => r.swap.logicalId)])],
    substitutions: record.substitutions,
  });
  return { kind: 'hot-swapped', functions: swappedFunctions, stateMachines: rendered.map((r) => ({ logicalId: r.swap.logicalId, physicalId: r.arn })) };
}

function safeJson(text: string | undefined): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/** Uploads the code the functions need, then updates each whose running code differs, in parallel. */
async function swapFunctions(swaps: FunctionSwap[], physical: Map<string, string>, input: HotswapInput, deps: HotswapDeps): Promise<Swapped[]> {
  if (!swaps.length) return [];
  const keys = new Set(swaps.map((s) => s.key));
  const needed = input.assets.filter((a) => keys.has(a.key));
  if (needed.length) {
    if (!input.bucket) throw new EdaError('The hot swap needs the artifacts bucket for the new code, but none was set up.', 'Run `eda bootstrap`.');
    await uploadAssets(deps.aws.s3, input.bucket, needed, deps.clock);
  }
  const results = await Promise.all(
    swaps.map(async (swap): Promise<Swapped | undefined> => {
      const name = physical.get(swap.logicalId)!;
      const current = await deps.cloud.code.getFunction(name);
      if (current?.codeSha256 && current.codeSha256 === codeSha(swap.key)) return undefined;
      await waitForUpdate(deps, name, current);
      const updated = await deps.cloud.code.updateFunctionCode({ functionName: name, bucket: swap.bucket, key: swap.key });
      await waitForUpdate(deps, name, updated);
      return { logicalId: swap.logicalId, physicalId: name };
    }),
  );
  return results.filter((r): r is Swapped => r !== undefined);
}

const UPDATE_DELAYS = [100, 200, 400, 800, 1000];

/** Waits until the function's last update is no longer InProgress; a failed update is an error. */
async function waitForUpdate(deps: HotswapDeps, name: string, state: FunctionState | undefined): Promise<void> {
  const started = deps.clock.now();
  for (let i = 0; state && (state.lastUpdateStatus === 'InProgress' || state.state === 'Pending'); i++) {
    if (deps.clock.now() - started > 5 * 60_000) throw new EdaError(`Function ${name} was still being updated after 5 minutes.`);
    await deps.clock.sleep(UPDATE_DELAYS[Math.min(i, UPDATE_DELAYS.length - 1)]!);
    state = await deps.cloud.code.getFunction(name);
  }
  if (state?.lastUpdateStatus === 'Failed') {
    throw new EdaError(`Updating the code of function ${name} failed: ${state.lastUpdateStatusReason ?? 'no reason given'}.`, 'Fix the cause, then run `eda deploy` (a full deploy).');
  }
}

/**
 * After a full deploy: puts what was hot-swapped back in line with the deployed template
 * (CloudFormation changes nothing whose template did not change, even if other code runs).
 * Returns the logical IDs it changed; forgets the record.
 */
export async function restoreHotswapped(input: Pick<HotswapInput, 'cwd' | 'stackName' | 'template'>, deps: HotswapDeps): Promise<string[]> {
  const record = await readRecord(input.cwd, input.stackName);
  if (!record) return [];
  const next = resources(input.template);
  const physical = new Map((await deps.aws.cfn.listStackResources(input.stackName)).map((r) => [r.LogicalResourceId ?? '', r.PhysicalResourceId ?? '']));
  const restored: string[] = [];
  for (const id of record.functions) {
    const location = codeLocation(next[id]);
    const name = physical.get(id);
    if (!location || !name) continue;
    const current = await deps.cloud.code.getFunction(name);
    if (!current || current.codeSha256 === codeSha(location.key)) continue;
    await waitForUpdate(deps, name, current);
    await waitForUpdate(deps, name, await deps.cloud.code.updateFunctionCode({ functionName: name, bucket: location.bucket, key: location.key }));
    restored.push(id);
  }
  for (const id of record.stateMachines) {
    const arn = physical.get(id);
    const definition = next[id]?.Properties?.Definition;
    if (!arn || definition === undefined) continue;
    const running = await deps.cloud.code.describeStateMachine(arn);
    const values = { ...(record.substitutions[id] ?? {}), ...learnSubstitutions(definition, safeJson(running?.definition)) };
    const { json, missing } = renderDefinition(definition, values);
    if (missing.length || !running || canonicalJson(safeJson(running.definition)) === canonicalJson(JSON.parse(json))) continue;
    await deps.cloud.code.updateStateMachine({ stateMachineArn: arn, definition: json });
    restored.push(id);
  }
  await rm(recordFile(input.cwd, input.stackName), { force: true });
  return restored;
}
