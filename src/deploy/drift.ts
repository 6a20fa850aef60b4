// Drift: what changed in a deployed stack outside CloudFormation. DetectStackDrift, then
// DescribeStackDriftDetectionStatus until the detection ends, then DescribeStackResourceDrifts
// (MODIFIED and DELETED resources, with their property differences). Also what a drift-aware
// change set (DeploymentMode REVERT_DRIFT) says about the drift it will overwrite.
import type { ResourceChange, StackResourceDrift } from '@aws-sdk/client-cloudformation';
import { EdaError } from '../core/errors.js';
import type { Clock } from './api.js';

/** The drift half of the AWS seam (aws-cfn.ts implements it). */
export interface DriftApi {
  /** Starts a detection; its ID. */
  detectStackDrift(stackName: string): Promise<string>;
  detectionStatus(detectionId: string): Promise<{ detectionStatus: string; driftStatus?: string; reason?: string; drifted?: number }>;
  /** The stack's resources that are MODIFIED or DELETED (every page). */
  resourceDrifts(stackName: string): Promise<StackResourceDrift[]>;
}

export interface PropertyDrift {
  path: string;
  /** ADD, REMOVE or NOT_EQUAL. */
  type: string;
  expected?: string;
  actual?: string;
}

export interface DriftedResource {
  logicalId: string;
  type: string;
  physicalId?: string;
  /** MODIFIED or DELETED. */
  status: string;
  differences: PropertyDrift[];
}

export interface DriftReport {
  /** DRIFTED, IN_SYNC, UNKNOWN or NOT_CHECKED (the stack's drift status). */
  status: string;
  detectionId: string;
  resources: DriftedResource[];
  /** Set when the detection failed for some resources (the rest is still reported). */
  failure?: string;
}

const POLL_MS = [500, 1000, 1000, 2000, 2000, 3000, 5000];
const LIMIT_MS = 10 * 60_000;

/** Runs a drift detection on the stack and reads what drifted; `progress` hears each poll. */
export async function detectDrift(api: DriftApi, stackName: string, deps: { clock: Clock; signal?: AbortSignal; progress?: (elapsedMs: number) => void }): Promise<DriftReport> {
  const detectionId = await api.detectStackDrift(stackName);
  const started = deps.clock.now();
  for (let i = 0; ; i++) {
    await deps.clock.sleep(POLL_MS[Math.min(i, POLL_MS.length - 1)]!, deps.signal);
    if (deps.signal?.aborted) throw new EdaError('Stopped waiting for the drift detection.');
    const status = await api.detectionStatus(detectionId);
    deps.progress?.(deps.clock.now() - started);
    if (status.detectionStatus === 'DETECTION_IN_PROGRESS') {
      if (deps.clock.now() - started > LIMIT_MS) throw new EdaError(`The drift detection of ${stackName} was still running after 10 minutes.`, 'Run `eda diff --no-drift` for the template difference alone.');
      continue;
    }
    const resources = (await api.resourceDrifts(stackName)).filter((r) => r.StackResourceDriftStatus === 'MODIFIED' || r.StackResourceDriftStatus === 'DELETED').map(driftedResource);
    resources.sort((a, b) => a.logicalId.localeCompare(b.logicalId));
    return {
      status: status.driftStatus ?? (resources.length ? 'DRIFTED' : 'UNKNOWN'),
      detectionId,
      resources,
      ...(status.detectionStatus === 'DETECTION_FAILED' ? { failure: status.reason ?? 'the detection failed for some resources' } : {}),
    };
  }
}

function driftedResource(r: StackResourceDrift): DriftedResource {
  return {
    logicalId: r.LogicalResourceId ?? '',
    type: r.ResourceType ?? '',
    physicalId: r.PhysicalResourceId,
    status: String(r.StackResourceDriftStatus ?? ''),
    differences: (r.PropertyDifferences ?? []).map((d) => ({ path: d.PropertyPath ?? '', type: String(d.DifferenceType ?? ''), expected: d.ExpectedValue, actual: d.ActualValue })),
  };
}

/** What a drift-aware change set says a resource change overwrites: its drift status and the drifted properties. */
export function changeDrift(r: ResourceChange): { status: string; properties: string[] } | undefined {
  const drifted = (r.Details ?? [])
    .map((d) => d.Target)
    .filter((t) => t && (t.BeforeValueFrom === 'ACTUAL_STATE' || (t.Drift?.ActualValue !== undefined && t.Drift.ActualValue !== t.Drift.PreviousValue)))
    .map((t) => (t!.Path ?? t!.Name ?? '').replace(/^\/Properties\//, '').replace(/\//g, '.'));
  const status = String(r.ResourceDriftStatus ?? '');
  if (status !== 'MODIFIED' && status !== 'DELETED' && !drifted.length) return undefined;
  return { status: status || 'MODIFIED', properties: [...new Set(drifted.filter(Boolean))] };
}
