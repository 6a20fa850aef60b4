// The Step Functions API (JSON 1.0): StartExecution, StartSyncExecution, DescribeExecution,
// GetExecutionHistory, StopExecution, ListExecutions, ListStateMachines, DescribeStateMachine and the task
// token callbacks (SendTaskSuccess / SendTaskFailure / SendTaskHeartbeat).
import type { Addresses } from '../addresses.js';
import type { Execution, Workflows } from '../workflows.js';
import { WorkflowError } from '../workflows.js';
import { LIMITS } from '../limits.js';
import { ApiError, epochSeconds, jsonError, jsonResponse, type ApiRequest, type ApiResponse } from './protocol.js';

export interface SfnApiDeps {
  addresses: Addresses;
  workflows: () => Workflows;
}

type Json = Record<string, unknown>;

function describe(e: Execution): Json {
  return {
    executionArn: e.arn,
    stateMachineArn: e.stateMachineArn,
    name: e.name,
    status: e.status,
    startDate: epochSeconds(e.startDate),
    stopDate: epochSeconds(e.stopDate),
    input: JSON.stringify(e.input),
    inputDetails: { included: true },
    ...(e.status === 'SUCCEEDED' ? { output: JSON.stringify(e.output ?? null), outputDetails: { included: true } } : {}),
    ...(e.error !== undefined ? { error: e.error } : {}),
    ...(e.cause !== undefined ? { cause: e.cause } : {}),
  };
}

/** GetExecutionHistory: pages of events (oldest first unless reverseOrder), data left out when asked. */
function history(e: Execution, p: Json): Json {
  const max = typeof p.maxResults === 'number' && p.maxResults > 0 ? Math.min(p.maxResults, 1000) : 100;
  const start = typeof p.nextToken === 'string' ? Number(Buffer.from(p.nextToken, 'base64url').toString()) : 0;
  if (!Number.isInteger(start) || start < 0) throw new ApiError('InvalidToken', 'Invalid Token: the nextToken is not one this API gave');
  const all = p.reverseOrder === true ? [...e.history.events].reverse() : e.history.events;
  const page = all.slice(start, start + max).map((ev) => {
    const out: Json = { ...ev, timestamp: epochSeconds(ev.timestamp) };
    if (p.includeExecutionData === false) {
      for (const [k, v] of Object.entries(out)) if (k.endsWith('EventDetails') && v && typeof v === 'object') out[k] = withoutData(v as Json);
    }
    return out;
  });
  const next = start + max < all.length ? Buffer.from(String(start + max)).toString('base64url') : undefined;
  return { events: page, ...(next ? { nextToken: next } : {}) };
}

const withoutData = (d: Json): Json => Object.fromEntries(Object.entries(d).filter(([k]) => !['input', 'output', 'parameters'].includes(k)));

function workflowOf(deps: SfnApiDeps, arn: unknown): string {
  const name = typeof arn === 'string' ? deps.addresses.workflowByArn(arn) : undefined;
  if (!name) throw new ApiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${String(arn)}'`);
  return name;
}

function parseInput(input: unknown): unknown {
  if (input === undefined || input === null) return {};
  if (Buffer.byteLength(String(input)) > LIMITS.sfnInputBytes) {
    throw new ApiError('ValidationException', `1 validation error detected: Value at 'input' failed to satisfy constraint: Member must have length less than or equal to ${LIMITS.sfnInputBytes}`);
  }
  try {
    return JSON.parse(String(input));
  } catch {
    throw new ApiError('InvalidExecutionInput', 'Invalid State Machine Execution Input: the input is not JSON');
  }
}

export async function sfnCall(deps: SfnApiDeps, action: string, p: Json): Promise<Json> {
  const workflows = deps.workflows();
  switch (action) {
    case 'StartExecution': {
      const e = workflows.start(workflowOf(deps, p.stateMachineArn), parseInput(p.input), p.name as string | undefined);
      return { executionArn: e.arn, startDate: epochSeconds(e.startDate) };
    }
    case 'StartSyncExecution': {
      const wf = workflowOf(deps, p.stateMachineArn);
      if (workflows.model(wf)?.type !== 'express') throw new ApiError('StateMachineTypeNotSupported', 'This operation is not supported by this type of state machine');
      const e = workflows.start(wf, parseInput(p.input), p.name as string | undefined);
      await e.done;
      const d = describe(e);
      return { ...d, status: e.status === 'SUCCEEDED' ? 'SUCCEEDED' : e.status === 'TIMED_OUT' ? 'TIMED_OUT' : 'FAILED' };
    }
    case 'DescribeExecution':
      return describe(workflows.describe(String(p.executionArn)));
    case 'StopExecution': {
      const e = workflows.stop(String(p.executionArn), p.error as string | undefined, p.cause as string | undefined);
      return { stopDate: epochSeconds(e.stopDate ?? Date.now()) };
    }
    case 'ListExecutions': {
      const wf = workflowOf(deps, p.stateMachineArn);
      const list = workflows.list(wf).filter((e) => !p.statusFilter || e.status === p.statusFilter);
      return {
        executions: list.map((e) => ({ executionArn: e.arn, stateMachineArn: e.stateMachineArn, name: e.name, status: e.status, startDate: epochSeconds(e.startDate), stopDate: epochSeconds(e.stopDate) })),
      };
    }
    case 'ListStateMachines':
      return {
        stateMachines: deps.addresses.app.workflows.map((w) => ({
          stateMachineArn: deps.addresses.workflowArn(w.name),
          name: deps.addresses.workflowName(w.name),
          type: w.type.toUpperCase(),
          creationDate: 0,
        })),
      };
    case 'DescribeStateMachine': {
      const wf = workflowOf(deps, p.stateMachineArn);
      const m = workflows.model(wf)!;
      return {
        stateMachineArn: deps.addresses.workflowArn(wf),
        name: deps.addresses.workflowName(wf),
        status: 'ACTIVE',
        definition: JSON.stringify(deps.addresses.resolveDeep(m.definition)),
        roleArn: `arn:aws:iam::${deps.addresses.account}:role/${m.logicalId}Role`,
        type: m.type.toUpperCase(),
        creationDate: 0,
      };
    }
    case 'GetExecutionHistory':
      return history(workflows.describe(String(p.executionArn)), p);
    case 'SendTaskSuccess':
      workflows.sendTaskSuccess(String(p.taskToken), String(p.output ?? 'null'));
      return {};
    case 'SendTaskFailure':
      workflows.sendTaskFailure(String(p.taskToken), p.error as string | undefined, p.cause as string | undefined);
      return {};
    case 'SendTaskHeartbeat':
      workflows.sendTaskHeartbeat(String(p.taskToken));
      return {};
    default:
      throw new ApiError('UnknownOperationException', `${action} is not supported by the local Step Functions`);
  }
}

export async function handleSfn(deps: SfnApiDeps, req: ApiRequest): Promise<ApiResponse> {
  const target = String(req.headers['x-amz-target'] ?? '');
  const action = target.slice(target.indexOf('.') + 1);
  try {
    const p = req.body.length ? (JSON.parse(req.body.toString('utf8')) as Json) : {};
    return jsonResponse(await sfnCall(deps, action, p));
  } catch (error) {
    const e =
      error instanceof ApiError ? error : error instanceof WorkflowError ? new ApiError(error.code, error.message) : new ApiError('InternalError', (error as Error).message, 500);
    return jsonError(e, 'com.amazonaws.sfn');
  }
}
