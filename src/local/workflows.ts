// Workflows: executions of the app's state machines, run by the ASL interpreter, with Task
// states reaching the app's functions and the local services (SQS, SNS, EventBridge,
// DynamoDB, Step Functions, Lambda integrations, .sync and .waitForTaskToken), every
// state traced, and executions kept for DescribeExecution.
import type { App, WorkflowModel } from '../model/types.js';
import type { Addresses } from './addresses.js';
import { ExecutionAborted, StatesError, toStatesError } from './asl/errors.js';
import { runStateMachine, type StateMachineDefinition, type TaskCall } from './asl/interpreter.js';
import type { EventBuses } from './bus.js';
import type { TimerClock } from './clock.js';
import type { Functions } from './functions.js';
import { dynamodb, lambdaInvoke, putEvents, s3GetObject, s3ListObjectsV2, s3PutObject, safeJson, snsPublish, sqsSend } from './integrations.js';
import type { LocalBuckets } from './buckets.js';
import { ExecutionHistory, payload, recordEnd, recordingHooks, recordTask } from './history.js';
import { uuid } from './ids.js';
import type { LocalQueue } from './queues.js';
import type { LocalTables } from './tables.js';
import type { LocalTopic } from './topics.js';
import type { Trace } from './trace.js';

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

export interface Execution {
  arn: string;
  name: string;
  workflow: string;
  stateMachineArn: string;
  status: ExecutionStatus;
  input: unknown;
  output?: unknown;
  error?: string;
  cause?: string;
  startDate: number;
  stopDate?: number;
  done: Promise<void>;
  controller: AbortController;
  /** Its events, as GetExecutionHistory returns them. */
  history: ExecutionHistory;
}

/** A task waiting for SendTaskSuccess/Failure; `beat` restarts its HeartbeatSeconds timer. */
interface TokenWaiter {
  resolve: (v: unknown) => void;
  reject: (e: StatesError) => void;
  beat: () => void;
}

export class WorkflowError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface WorkflowsDeps {
  app: App;
  addresses: Addresses;
  trace: Trace;
  clock: TimerClock;
  functions: Functions;
  queue: (name: string) => LocalQueue | undefined;
  topic: (name: string) => LocalTopic | undefined;
  buses: () => EventBuses;
  tables: () => LocalTables;
  /** The local S3 buckets (s3 integrations, and a distributed Map's ItemReader/ResultWriter). */
  buckets?: () => LocalBuckets;
}

type Json = Record<string, unknown>;

export class Workflows {
  private executions = new Map<string, Execution>();
  private tokens = new Map<string, TokenWaiter>();
  private definitions = new Map<string, StateMachineDefinition>();
  private closed = false;

  constructor(private readonly deps: WorkflowsDeps) {
    for (const w of deps.app.workflows) {
      // ${...} expressions resolve to local values; bare function names stay as written
      this.definitions.set(w.name, deps.addresses.resolveDeep(w.definition) as unknown as StateMachineDefinition);
    }
  }

  private roleArn(model: WorkflowModel): string {
    return `arn:aws:iam::${this.deps.addresses.account}:role/${this.deps.addresses.stackName}-${model.logicalId}Role`;
  }

  /** The ARN of the local function a Task's resource names, if it names one. */
  private functionArn(resource: string): string | undefined {
    const fn = resource.startsWith('arn:aws:states:::') ? undefined : this.deps.addresses.functionByNameOrArn(resource);
    return fn ? this.deps.addresses.functionArn(fn) : undefined;
  }

  model(name: string): WorkflowModel | undefined {
    return this.deps.app.workflows.find((w) => w.name === name);
  }

  /** Starts an execution (StartExecution): returns at once. */
  start(workflow: string, input: unknown, name?: string): Execution {
    const model = this.model(workflow);
    if (!model) throw new WorkflowError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${workflow}'`);
    if (this.closed) throw new WorkflowError('ServiceUnavailable', 'the local runtime is stopping');
    const execName = name ?? uuid();
    const arn = this.deps.addresses.executionArn(workflow, execName);
    const existing = this.executions.get(arn);
    if (existing) {
      if (model.type === 'standard' && JSON.stringify(existing.input) === JSON.stringify(input) && existing.status === 'RUNNING') return existing;
      throw new WorkflowError('ExecutionAlreadyExists', `Execution Already Exists: '${arn}'`);
    }
    const controller = new AbortController();
    const startDate = this.deps.clock.now();
    const stateMachineArn = this.deps.addresses.workflowArn(workflow);
    const history = new ExecutionHistory(() => this.deps.clock.now());
    const execution: Execution = { arn, name: execName, workflow, stateMachineArn, status: 'RUNNING', input, startDate, controller, done: Promise.resolve(), history };
    history.add('ExecutionStarted', { ...payload(input, 'input'), roleArn: this.roleArn(model) });
    this.executions.set(arn, execution);
    this.deps.trace.emit({ kind: 'workflow', workflow, execution: execName, action: 'start' });
    execution.done = this.run(execution, model);
    return execution;
  }

  private async run(execution: Execution, model: WorkflowModel): Promise<void> {
    const { trace, clock } = this.deps;
    const wf = model.name;
    const exec = execution.name;
    let failure: StatesError | undefined;
    try {
      const output = await runStateMachine(this.definitions.get(wf)!, execution.input, {
        clock,
        signal: execution.controller.signal,
        context: {
          Execution: {
            Id: execution.arn,
            Input: execution.input,
            Name: execution.name,
            RoleArn: this.roleArn(model),
            StartTime: new Date(execution.startDate).toISOString(),
            RedriveCount: 0,
          },
          StateMachine: { Id: execution.stateMachineArn, Name: this.deps.addresses.workflowName(wf) },
        },
        tasks: (call) => recordTask(execution.history, call, this.deps.addresses.region, this.functionArn(call.resource), () => this.task(wf, exec, call)),
        newTaskToken: () => Buffer.from(`${execution.arn}#${uuid()}`).toString('base64url'),
        hooks: recordingHooks(execution.history, {
          entered: (state, type) => trace.emit({ kind: 'state', workflow: wf, execution: exec, state, type, action: 'enter' }),
          exited: (state, type, ms, next) => trace.emit({ kind: 'state', workflow: wf, execution: exec, state, type, action: 'exit', ms, next }),
          retried: (state, e, attempt, delayMs) =>
            trace.emit({ kind: 'state', workflow: wf, execution: exec, state, type: 'retry', action: 'retry', attempt, delayMs, error: { type: e.error, message: e.cause } }),
          caught: (state, e, next) => trace.emit({ kind: 'state', workflow: wf, execution: exec, state, type: 'catch', action: 'catch', next, error: { type: e.error, message: e.cause } }),
          failed: (state, e) => trace.emit({ kind: 'state', workflow: wf, execution: exec, state, type: 'fail', action: 'fail', error: { type: e.error, message: e.cause } }),
        }),
      });
      execution.status = 'SUCCEEDED';
      execution.output = output;
    } catch (error) {
      if (error instanceof ExecutionAborted) {
        execution.status = 'ABORTED';
      } else {
        const e = toStatesError(error);
        execution.status = e.error === 'States.Timeout' && e.cause.startsWith('The execution timed out') ? 'TIMED_OUT' : 'FAILED';
        // AWS's DescribeExecution shows no error or cause for a timed-out execution, nor those a Fail state left unnamed
        const shown = execution.status === 'FAILED';
        execution.error = shown && !e.unnamed ? e.error : undefined;
        execution.cause = shown && !e.uncaused ? e.cause : undefined;
        failure = e;
      }
    }
    execution.stopDate = clock.now();
    recordEnd(execution);
    const ms = execution.stopDate - execution.startDate;
    if (execution.status === 'SUCCEEDED') trace.emit({ kind: 'workflow', workflow: wf, execution: exec, action: 'succeed', ms });
    else if (execution.status === 'ABORTED') trace.emit({ kind: 'workflow', workflow: wf, execution: exec, action: 'abort', ms });
    else trace.emit({ kind: 'workflow', workflow: wf, execution: exec, action: 'fail', ms, error: { type: failure?.error || 'States.Fail', message: failure?.cause ?? '' } });
  }

  describe(arn: string): Execution {
    const e = this.executions.get(arn);
    if (!e) throw new WorkflowError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
    return e;
  }

  list(workflow: string): Execution[] {
    return [...this.executions.values()].filter((e) => e.workflow === workflow).sort((a, b) => b.startDate - a.startDate);
  }

  stop(arn: string, error?: string, cause?: string): Execution {
    const e = this.describe(arn);
    if (e.status === 'RUNNING') {
      e.error = error;
      e.cause = cause;
      e.controller.abort(new ExecutionAborted());
    }
    return e;
  }

  sendTaskSuccess(token: string, output: string): void {
    const waiter = this.tokens.get(token);
    if (!waiter) throw new WorkflowError('TaskDoesNotExist', 'Task does not exist anymore');
    let value: unknown;
    try {
      value = JSON.parse(output);
    } catch {
      throw new WorkflowError('InvalidOutput', 'Invalid Output: the output is not JSON');
    }
    this.tokens.delete(token);
    waiter.resolve(value);
  }

  sendTaskFailure(token: string, error?: string, cause?: string): void {
    const waiter = this.tokens.get(token);
    if (!waiter) throw new WorkflowError('TaskDoesNotExist', 'Task does not exist anymore');
    this.tokens.delete(token);
    waiter.reject(new StatesError(error ?? 'States.TaskFailed', cause ?? ''));
  }

  sendTaskHeartbeat(token: string): void {
    const waiter = this.tokens.get(token);
    if (!waiter) throw new WorkflowError('TaskDoesNotExist', 'Task does not exist anymore');
    waiter.beat();
  }

  /** Runs one Task state's resource. */
  private async task(workflow: string, execution: string, call: TaskCall): Promise<unknown> {
    const resource = call.resource;
    const trigger = `workflow ${workflow} ${call.state}`;
    const local = this.deps.addresses.functionByNameOrArn(resource);
    if (local && !resource.startsWith('arn:aws:states:::')) return this.invokeFunction(local, call.input, trigger);
    const m = /^arn:aws:states:::(?:aws-sdk:)?([a-z0-9]+):([a-zA-Z0-9]+)(\.sync(?::2)?|\.waitForTaskToken)?$/.exec(resource);
    if (!m) throw new StatesError('States.TaskFailed', `Resource '${resource}' is not supported by the local runtime (functions and the sqs, sns, events, dynamodb, states and lambda integrations are)`);
    const [, sdkService, action, suffix] = m as unknown as [string, string, string, string | undefined];
    // AWS SDK integrations name some services as their SDK does
    const service = ({ sfn: 'states', eventbridge: 'events' } as Record<string, string>)[sdkService] ?? sdkService;
    const params = (call.input ?? {}) as Json;
    const waitForToken = suffix === '.waitForTaskToken';
    const waiting = waitForToken ? this.waitForToken(call) : undefined;
    waiting?.catch(() => undefined);
    let result: unknown;
    switch (`${service}:${action}`) {
      case 'lambda:invoke':
        result = await lambdaInvoke(this.deps, params, trigger);
        break;
      case 'sqs:sendMessage':
        result = sqsSend(this.deps, params);
        break;
      case 'sns:publish':
        result = snsPublish(this.deps, params);
        break;
      case 's3:getObject':
        result = s3GetObject(this.deps, params);
        break;
      case 's3:listObjectsV2':
        result = s3ListObjectsV2(this.deps, params);
        break;
      case 's3:putObject':
        result = s3PutObject(this.deps, params);
        break;
      case 'events:putEvents':
        result = putEvents(this.deps, params);
        break;
      case 'states:startExecution':
        result = await this.startChild(params, suffix);
        break;
      default:
        if (service === 'dynamodb') {
          result = await dynamodb(this.deps, action, params);
          break;
        }
        throw new StatesError('States.TaskFailed', `The ${service}:${action} integration is not supported by the local runtime`);
    }
    if (waiting) return waiting;
    return result;
  }

  /** A callback task: settled by SendTaskSuccess/Failure, failed with States.HeartbeatTimeout when HeartbeatSeconds pass without a heartbeat. */
  private waitForToken(call: TaskCall): Promise<unknown> {
    const token = call.taskToken!;
    const seconds = call.heartbeatSeconds;
    return new Promise((resolve, reject) => {
      let timer: { cancel(): void } | undefined;
      const done = () => {
        timer?.cancel();
        this.tokens.delete(token);
      };
      const beat = () => {
        timer?.cancel();
        if (seconds !== undefined) timer = this.deps.clock.after(seconds * 1000, () => (done(), reject(new StatesError('States.HeartbeatTimeout', ''))));
      };
      this.tokens.set(token, { resolve: (v) => (done(), resolve(v)), reject: (e) => (done(), reject(e)), beat });
      beat();
      call.signal.addEventListener('abort', () => (done(), reject(call.signal.reason)));
    });
  }

  private async invokeFunction(fn: string, input: unknown, trigger: string): Promise<unknown> {
    const result = await this.deps.functions.invoke(fn, input, { trigger });
    if (result.ok) return result.value;
    throw new StatesError(result.error.errorType, JSON.stringify({ errorMessage: result.error.errorMessage, errorType: result.error.errorType, stackTrace: result.error.trace ?? [] }));
  }

  private async startChild(params: Json, suffix: string | undefined): Promise<unknown> {
    const wf = this.deps.addresses.workflowByArn(String(params.StateMachineArn ?? ''));
    if (!wf) throw new StatesError('StepFunctions.StateMachineDoesNotExistException', `State Machine Does Not Exist: '${String(params.StateMachineArn)}'`);
    const input = typeof params.Input === 'string' ? safeJson(params.Input) : (params.Input ?? {});
    let child: Execution;
    try {
      child = this.start(wf, input, params.Name as string | undefined);
    } catch (error) {
      throw new StatesError(`StepFunctions.${(error as WorkflowError).code ?? 'SfnException'}`, (error as Error).message);
    }
    if (!suffix) return { ExecutionArn: child.arn, StartDate: new Date(child.startDate).toISOString() };
    await child.done;
    const json = suffix === '.sync:2';
    const description = {
      ExecutionArn: child.arn,
      Input: json ? child.input : JSON.stringify(child.input),
      InputDetails: { Included: true },
      Name: child.name,
      Output: json ? child.output : JSON.stringify(child.output ?? null),
      OutputDetails: { Included: true },
      StartDate: child.startDate,
      StateMachineArn: child.stateMachineArn,
      Status: child.status,
      StopDate: child.stopDate,
    };
    if (child.status !== 'SUCCEEDED') throw new StatesError('States.TaskFailed', JSON.stringify({ ...description, Error: child.error, Cause: child.cause }));
    return description;
  }

  /** Stops every running execution. */
  async close(): Promise<void> {
    this.closed = true;
    const running = [...this.executions.values()].filter((e) => e.status === 'RUNNING');
    for (const e of running) e.controller.abort(new ExecutionAborted());
    await Promise.allSettled(running.map((e) => e.done));
  }
}
