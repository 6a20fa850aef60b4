// eda invoke --remote: which deployed function a name in app.yaml is, and what Lambda's log
// tail says about the invocation (its REPORT line).
import { EdaError } from '../core/errors.js';
import type { StackResourceSummary } from './api.js';

/** The deployed function's name (its physical ID in the stack). */
export function deployedFunctionName(logicalId: string, name: string, resources: StackResourceSummary[], stackName: string, stage: string): string {
  const found = resources.find((r) => r.LogicalResourceId === logicalId && r.ResourceStatus !== 'DELETE_COMPLETE' && r.PhysicalResourceId);
  if (!found) {
    throw new EdaError(`The deployed stack ${stackName} has no function ${name} (${logicalId}).`, `Deploy the app first (\`eda deploy --stage ${stage}\`): app.yaml has it, the stack does not yet.`);
  }
  return found.PhysicalResourceId!;
}

export interface InvocationReport {
  requestId?: string;
  durationMs?: number;
  billedMs?: number;
  memoryMb?: number;
  maxMemoryMb?: number;
  initMs?: number;
}

/** The REPORT line of a log tail: `REPORT RequestId: … Duration: 12.34 ms Billed Duration: 13 ms …`. */
export function parseReport(tail: string | undefined): InvocationReport | undefined {
  const line = (tail ?? '').split('\n').find((l) => l.startsWith('REPORT '));
  if (!line) return undefined;
  const num = (label: string) => {
    const m = new RegExp(`(?:^|\\t|\\s)${label}: ([\\d.]+)`).exec(line);
    return m ? Number(m[1]) : undefined;
  };
  return {
    requestId: /RequestId: ([0-9a-f-]+)/i.exec(line)?.[1],
    durationMs: num('Duration'),
    billedMs: num('Billed Duration'),
    memoryMb: num('Memory Size'),
    maxMemoryMb: num('Max Memory Used'),
    initMs: num('Init Duration'),
  };
}
