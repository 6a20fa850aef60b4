// The shapes --json prints for stacks: outputs as a plain object, stack events as records.
import type { Stack, StackEvent } from '../../deploy/api.js';

export function outputsObject(stack: Stack | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const o of stack?.Outputs ?? []) if (o.OutputKey) out[o.OutputKey] = o.OutputValue ?? '';
  return out;
}

export function eventJson(e: StackEvent) {
  return {
    logicalId: e.LogicalResourceId,
    type: e.ResourceType,
    status: e.ResourceStatus,
    reason: e.ResourceStatusReason,
    timestamp: e.Timestamp ? new Date(e.Timestamp).toISOString() : undefined,
  };
}
