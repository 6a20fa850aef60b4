// A handler is typed for the event of one kind of invoker (its stub is chosen from its first
// trigger, or "task" when only workflows invoke it: see src/scaffold/handlers.ts). When another
// kind of invoker also calls it, the handler receives an event shaped differently from the one it
// reads — a queue consumer used as a workflow task fails at run time with "event.Records is not
// iterable". These are warnings, placed where the second invoker is written.
import type { AppManifest } from './app.types.js';
import { isFunctionResource, taskStates } from './asl.js';
import { parseExpressions } from './expressions.js';
import type { Problem } from './problems.js';
import type { Path } from './source.js';

/** Invokers whose events share a shape (schedules and rules both deliver EventBridge events). */
type Shape = 'http' | 'queue' | 'topic' | 'stream' | 'eventbridge' | 'task' | 'websocket';

const shapeOfTrigger: Record<string, Shape> = { http: 'http', queue: 'queue', topic: 'topic', stream: 'stream', event: 'eventbridge', schedule: 'eventbridge', bucket: 'eventbridge' };

const described: Record<Shape, string> = {
  http: 'HTTP requests',
  queue: 'queue messages (event.Records)',
  topic: 'topic notifications (event.Records)',
  stream: 'table stream records (event.Records)',
  eventbridge: 'EventBridge events (event.detail)',
  task: "workflow task input (the state's input)",
  websocket: 'WebSocket events (event.requestContext.connectionId)',
};

const role: Record<Shape, string> = {
  http: 'an HTTP handler',
  queue: 'a queue consumer',
  topic: 'a topic subscriber',
  stream: 'a table stream consumer',
  eventbridge: 'an EventBridge target',
  task: 'a workflow task',
  websocket: 'a websocket route handler',
};

interface Invoker {
  shape: Shape;
  /** What invokes it, in words: "workflow 'flow' (state Work)", "rule 'nightly'", "its queue trigger". */
  who: string;
  path: Path;
  file?: string;
}

export interface DefinitionSource {
  /** The definition (from app.yaml or a file) and where its paths start. */
  definition: unknown;
  base: Path;
  file?: string;
}

/** Warnings for functions invoked by kinds of invoker other than the one their handler is typed for. */
export function checkHandlerKinds(m: AppManifest, definitions: Map<string, DefinitionSource>): Problem[] {
  const invokers = new Map<string, Invoker[]>();
  const note = (fn: string, invoker: Invoker) => invokers.set(fn, [...(invokers.get(fn) ?? []), invoker]);
  for (const [fnName, fn] of Object.entries(m.functions ?? {})) {
    (fn?.triggers ?? []).forEach((t, i) => {
      const kind = t && Object.keys(shapeOfTrigger).find((k) => k in t);
      if (kind) note(fnName, { shape: shapeOfTrigger[kind]!, who: `its ${kind} trigger`, path: ['functions', fnName, 'triggers', i, kind] });
    });
  }
  for (const [wfName, source] of definitions) {
    for (const task of functionTasks(source.definition, source.base)) note(task.fn, { shape: 'task', who: `workflow '${wfName}' (state ${task.state})`, path: task.path, file: source.file });
  }
  for (const [apiName, api] of Object.entries(m.apis ?? {})) {
    if (api?.type !== 'websocket') continue;
    for (const [key, fn] of Object.entries(api.routes ?? {})) {
      if (typeof fn === 'string') note(fn, { shape: 'websocket', who: `websocket api '${apiName}' (route ${key})`, path: ['apis', apiName, 'routes', key] });
    }
  }
  for (const [ruleName, rule] of Object.entries(m.rules ?? {})) {
    (rule?.targets ?? []).forEach((t, i) => {
      if (typeof t?.function === 'string') note(t.function, { shape: 'eventbridge', who: `rule '${ruleName}'`, path: ['rules', ruleName, 'targets', i, 'function'] });
    });
  }
  const problems: Problem[] = [];
  for (const [fn, list] of invokers) {
    if (!m.functions?.[fn]) continue;
    // The stub's kind: the first trigger's, else a websocket route's, else a workflow task's (rule targets get a plain stub).
    const typed = list.find((i) => i.who.startsWith('its ')) ?? list.find((i) => i.shape === 'websocket') ?? list.find((i) => i.shape === 'task');
    if (!typed) continue;
    const seen = new Set<string>();
    for (const other of list) {
      if (other.shape === typed.shape || seen.has(other.shape)) continue;
      seen.add(other.shape);
      problems.push({
        path: other.path,
        file: other.file,
        severity: 'warning',
        code: 'handler-kind',
        message: `function '${fn}' is ${role[typed.shape]} (${typed.who}) but is also invoked as ${role[other.shape]} by ${other.who}; its handler is typed for ${described[typed.shape]}, not ${described[other.shape]}`,
        hint: hintFor(typed.shape, other.shape, fn),
      });
    }
  }
  return problems;
}

function hintFor(typed: Shape, other: Shape, fn: string): string {
  if (other === 'task' && typed === 'queue') return `give the workflow its own function, or let the task send to the queue (Resource: arn:aws:states:::sqs:sendMessage) so '${fn}' keeps reading messages`;
  if (other === 'task') return `give the workflow its own function, written for the state's input`;
  if (other === 'eventbridge' && typed === 'queue') return `target the queue from the rule instead (targets: [{ queue: ... }]) so '${fn}' receives the events as messages`;
  return `split it into one function per kind of invoker, each written for its own event`;
}

interface FunctionTask {
  fn: string;
  state: string;
  path: Path;
}

/** Task states that invoke a function of the app (by name, ${functions.x.arn|name} or lambda:invoke). */
export function functionTasks(definition: unknown, base: Path): FunctionTask[] {
  const out: FunctionTask[] = [];
  for (const { name, state, path: here } of taskStates(definition, base)) {
    if (typeof state.Resource !== 'string') continue;
    if (isFunctionResource(state.Resource)) out.push({ fn: state.Resource, state: name, path: [...here, 'Resource'] });
    else for (const ref of functionRefs(state.Resource)) out.push({ fn: ref, state: name, path: [...here, 'Resource'] });
    if (!/^arn:aws:states:::lambda:invoke/.test(state.Resource)) continue;
    for (const key of ['Parameters', 'Arguments']) {
      const args = state[key] as Record<string, unknown> | undefined;
      for (const field of ['FunctionName', 'FunctionName.$']) {
        const value = args?.[field];
        if (typeof value === 'string') for (const ref of functionRefs(value)) out.push({ fn: ref, state: name, path: [...here, key, field] });
      }
    }
  }
  return out;
}

function functionRefs(value: string): string[] {
  return parseExpressions(value).flatMap((p) => (p.type === 'ref' && p.kind === 'function' ? [p.name] : []));
}
