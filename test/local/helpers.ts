// Hand-built App models and stand-ins for the local runtime's collaborators.
import type { App, FunctionModel, QueueModel, RuleModel, TopicModel, WorkflowModel } from '../../src/model/types.js';
import { Addresses } from '../../src/local/addresses.js';
import { emptyEntries } from '../../src/model/entries.js';
import { parseDeep, parseValue } from '../../src/model/values.js';
import type { Functions, InvokeOptions, InvokeResult } from '../../src/local/functions.js';

export function makeApp(parts: Partial<App> = {}): App {
  return {
    name: 'shop',
    stage: 'dev',
    region: 'eu-west-1',
    retainData: false,
    functionDefaults: { runtime: 'nodejs22.x', memory: 256, timeout: 3, architecture: 'arm64', tracing: false, logRetentionDays: 7 },
    ...emptyEntries(),
    monitoring: { alarms: false },
    resources: {},
    overrides: {},
    outputs: [],
    parameters: [],
    ...parts,
  };
}

export function makeFunction(name: string, parts: Partial<FunctionModel> = {}): FunctionModel {
  return {
    name,
    logicalId: `${name[0]!.toUpperCase()}${name.slice(1)}Function`,
    path: ['functions', name],
    handlerFile: `src/handlers/${name}.ts`,
    handlerExport: 'handler',
    runtime: 'nodejs22.x',
    architecture: 'arm64',
    memory: 256,
    timeout: 3,
    tracing: false,
    logRetentionDays: 7,
    logGroupLogicalId: `${name}LogGroup`,
    uses: [],
    triggers: [],
    ...parts,
    // Hand-written values hold ${...} as text: the model holds them parsed.
    environment: (parts.environment ?? []).map((e) => ({ ...e, value: parseValue(e.value) })),
  };
}

export function makeQueue(name: string, parts: Partial<QueueModel> = {}): QueueModel {
  return { name, logicalId: `${name}Queue`, fifo: false, visibilityTimeout: 30, retentionSeconds: 4 * 86400, delaySeconds: 0, consumers: [], path: ['queues', name], ...parts };
}

export function makeTopic(name: string, parts: Partial<TopicModel> = {}): TopicModel {
  return { name, logicalId: `${name}Topic`, fifo: false, subscriptions: [], path: ['topics', name], ...parts };
}

export function makeRule(name: string, parts: Partial<RuleModel> = {}): RuleModel {
  const rule: RuleModel = { name, logicalId: `${name}Rule`, bus: 'default', enabled: true, targets: [], implicit: false, path: ['rules', name], ...parts };
  if (rule.pattern) rule.pattern = parseDeep(rule.pattern) as RuleModel['pattern'];
  rule.targets = rule.targets.map((t) => (t.input === undefined ? t : { ...t, input: parseDeep(t.input), inputJson: parseValue(JSON.stringify(t.input)) }));
  return rule;
}

export function makeWorkflow(name: string, definition: Record<string, unknown>, parts: Partial<WorkflowModel> = {}): WorkflowModel {
  return { name, logicalId: `${name}StateMachine`, type: 'standard', definition: parseDeep(definition) as WorkflowModel['definition'], invokes: [], integrations: [], path: ['workflows', name], ...parts };
}

export function addresses(app: App, services = 'http://127.0.0.1:4566'): Addresses {
  return new Addresses(app, { services, apis: {} });
}

type Handler = (event: any, name: string) => unknown | Promise<unknown>;

/** A Functions stand-in: handlers are plain functions; a thrown error becomes a Lambda error. */
export function fakeFunctions(handlers: Record<string, Handler>) {
  const calls: { name: string; event: any; options: InvokeOptions; async: boolean }[] = [];
  let seq = 0;
  const invoke = async (name: string, event: unknown, options: InvokeOptions): Promise<InvokeResult> => {
    const requestId = `req-${++seq}`;
    calls.push({ name, event, options, async: false });
    try {
      const value = await handlers[name]!(event, name);
      return { ok: true, value: value === undefined ? null : JSON.parse(JSON.stringify(value)), requestId, ms: 1 };
    } catch (error) {
      const e = error as Error;
      return { ok: false, error: { errorType: e.name, errorMessage: e.message }, requestId, ms: 1 };
    }
  };
  const functions = {
    invoke,
    invokeAsync: (name: string, event: unknown, options: InvokeOptions) => {
      calls.push({ name, event, options, async: true });
      void Promise.resolve(handlers[name]?.(event, name)).catch(() => undefined);
      return `req-${++seq}`;
    },
  } as unknown as Functions;
  return { functions, calls };
}

export class NamedError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}
