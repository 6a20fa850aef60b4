// CloudFormation stack and resource statuses: what each one means for eda.

/** Statuses from which a change set of type UPDATE can be created and executed. */
const UPDATABLE = new Set([
  'CREATE_COMPLETE',
  'UPDATE_COMPLETE',
  'UPDATE_ROLLBACK_COMPLETE',
  'IMPORT_COMPLETE',
  'IMPORT_ROLLBACK_COMPLETE',
  // With rollback disabled, a failed update leaves the stack updatable.
  'UPDATE_FAILED',
]);

/** The stack exists only as an empty shell: delete it and create again. */
const EMPTY_SHELL = new Set(['ROLLBACK_COMPLETE', 'REVIEW_IN_PROGRESS']);

export type StackDisposition =
  | { kind: 'create' }
  | { kind: 'update' }
  | { kind: 'recreate'; reason: string }
  | { kind: 'busy'; message: string; hint: string }
  | { kind: 'broken'; message: string; hint: string };

export function isInProgress(status: string | undefined): boolean {
  return Boolean(status && status.endsWith('_IN_PROGRESS'));
}

/** A status no operation will move on from by itself. REVIEW_IN_PROGRESS waits for a person. */
export function isTerminal(status: string | undefined): boolean {
  return Boolean(status) && (!isInProgress(status) || status === 'REVIEW_IN_PROGRESS');
}

export function isSuccess(status: string | undefined): boolean {
  return status === 'CREATE_COMPLETE' || status === 'UPDATE_COMPLETE' || status === 'IMPORT_COMPLETE' || status === 'DELETE_COMPLETE';
}

export function isFailureStatus(status: string | undefined): boolean {
  return Boolean(status && (/FAILED$/.test(status) || /ROLLBACK/.test(status)));
}

/** What a deploy must do with a stack in this status (undefined: the stack does not exist). */
export function dispositionFor(stackName: string, status: string | undefined): StackDisposition {
  if (!status || status === 'DELETE_COMPLETE') return { kind: 'create' };
  if (UPDATABLE.has(status)) return { kind: 'update' };
  if (EMPTY_SHELL.has(status)) {
    return {
      kind: 'recreate',
      reason:
        status === 'ROLLBACK_COMPLETE'
          ? `Stack ${stackName} is in ROLLBACK_COMPLETE (its first deployment failed), so it holds nothing and cannot be updated`
          : `Stack ${stackName} is in REVIEW_IN_PROGRESS (created by a change set that was never executed), so it holds nothing`,
    };
  }
  if (isInProgress(status)) {
    return {
      kind: 'busy',
      message: `Stack ${stackName} is locked by another operation (${status}).`,
      hint: 'Wait for it to finish (`eda status --watch`), then deploy again.',
    };
  }
  switch (status) {
    case 'UPDATE_ROLLBACK_FAILED':
      return {
        kind: 'broken',
        message: `Stack ${stackName} is in UPDATE_ROLLBACK_FAILED: a rollback could not finish, so it cannot be updated.`,
        hint: `Fix the resource that failed to roll back, then run \`aws cloudformation continue-update-rollback --stack-name ${stackName}\`.`,
      };
    case 'ROLLBACK_FAILED':
    case 'DELETE_FAILED':
    case 'CREATE_FAILED':
    case 'IMPORT_ROLLBACK_FAILED':
      return {
        kind: 'broken',
        message: `Stack ${stackName} is in ${status} and cannot be updated.`,
        hint: 'Delete it with `eda destroy` (resources it cannot delete are reported), then deploy again.',
      };
    default:
      return { kind: 'broken', message: `Stack ${stackName} is in ${status}, which eda does not know how to update.`, hint: 'Check the stack in the CloudFormation console.' };
  }
}

/** Resource statuses that mean "this resource is done" for progress counts. */
export function resourceDone(status: string | undefined): boolean {
  return Boolean(status && (/_COMPLETE$/.test(status) || status === 'DELETE_SKIPPED'));
}

export function resourceFailed(status: string | undefined): boolean {
  return Boolean(status && /_FAILED$/.test(status));
}
