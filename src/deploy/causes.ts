// Why a stack operation failed, from its events.
import type { StackEvent } from './api.js';

/** Whether an event is about the stack itself rather than one of its resources. */
export function isStackEvent(e: StackEvent, stackName: string): boolean {
  return e.ResourceType === 'AWS::CloudFormation::Stack' && (e.LogicalResourceId === stackName || e.PhysicalResourceId === e.StackId);
}

/**
 * The events that explain a failure: the first resources that failed, with their
 * reasons, skipping the "Resource creation cancelled" noise of resources that were
 * stopped because another failed. Falls back to the stack's own failure reasons.
 */
export function rootCauses(events: StackEvent[], stackName: string, max = 3): StackEvent[] {
  const chronological = [...events].sort((a, b) => new Date(a.Timestamp ?? 0).valueOf() - new Date(b.Timestamp ?? 0).valueOf());
  const failed = chronological.filter(
    (e) =>
      /FAILED$/.test(e.ResourceStatus ?? '') &&
      !isStackEvent(e, stackName) &&
      !/cancel+ed/i.test(e.ResourceStatusReason ?? ''),
  );
  if (failed.length) {
    const seen = new Set<string>();
    return failed.filter((e) => !seen.has(e.LogicalResourceId ?? '') && seen.add(e.LogicalResourceId ?? '')).slice(0, max);
  }
  return chronological
    .filter((e) => isStackEvent(e, stackName) && e.ResourceStatusReason && e.ResourceStatusReason !== 'User Initiated' && /FAILED|ROLLBACK/.test(e.ResourceStatus ?? ''))
    .slice(0, max);
}
