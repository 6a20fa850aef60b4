// Change sets left on a stack that nobody executed (--no-execute, or a deploy cut off after
// creating one), and the command that discards each.
import type { CfnApi, Stack } from './api.js';

export interface PendingChangeSet {
  name: string;
  id?: string;
  status?: string;
  executionStatus?: string;
  created?: string;
  /** The command that discards it. */
  discard: string;
}

export interface PendingContext {
  stackName: string;
  stage: string;
  region: string;
  /** --cwd as given, for eda commands run from elsewhere. */
  cwd?: string;
}

/** Change sets of the stack that were not executed, oldest first. */
export async function pendingChangeSets(cfn: CfnApi, stack: Stack, ctx: PendingContext): Promise<PendingChangeSet[]> {
  const sets = await cfn.listChangeSets(stack.StackId ?? ctx.stackName);
  return sets
    .filter((c) => c.ExecutionStatus !== 'EXECUTE_COMPLETE' && c.ExecutionStatus !== 'EXECUTE_IN_PROGRESS')
    .sort((a, b) => (a.CreationTime?.valueOf() ?? 0) - (b.CreationTime?.valueOf() ?? 0))
    .map((c) => ({
      name: c.ChangeSetName ?? c.ChangeSetId ?? '?',
      id: c.ChangeSetId,
      status: c.Status,
      executionStatus: c.ExecutionStatus,
      created: c.CreationTime ? new Date(c.CreationTime).toISOString() : undefined,
      discard: discardCommand(stack, c.ChangeSetName ?? c.ChangeSetId ?? '', ctx),
    }));
}

/** The flags that point an eda command at this stage (and project folder, when not the current one). */
export function stageArgs(stage: string, cwd?: string): string {
  return `--stage ${stage}${cwd && cwd !== '.' ? ` --cwd ${cwd}` : ''}`;
}

/**
 * A stack that only a change set created (REVIEW_IN_PROGRESS) goes with `eda destroy`;
 * otherwise the change set alone is deleted.
 */
function discardCommand(stack: Stack, name: string, ctx: PendingContext): string {
  if (stack.StackStatus === 'REVIEW_IN_PROGRESS') {
    return `eda destroy ${stageArgs(ctx.stage, ctx.cwd)}`;
  }
  return `aws cloudformation delete-change-set --stack-name ${ctx.stackName} --change-set-name ${name} --region ${ctx.region}`;
}
