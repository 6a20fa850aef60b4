// A function's own checks: its handler file, its uses, the shape of its triggers (each trigger
// type's meaning is checked by the kind it names: http → route, queue → queue, ...), its
// failure destination and its environment.
import type { DestinationSpec, FunctionSpec, TriggerSpec, UseSpec } from '../../manifest/app.types.js';
import { checkFunctionEnvironment } from '../../manifest/environment.js';
import { insideProject } from '../../manifest/files.js';
import type { Path } from '../../manifest/source.js';
import type { Kind } from '../../model/types.js';
import type { CheckContext } from '../types.js';
import { checkFunctionUrls } from './url.js';
import { handlerLanguageProblem, handlerLocation } from './handler.js';
import { DEFAULTS } from '../../manifest/defaults.js';

const useKinds = ['table', 'queue', 'topic', 'bus', 'workflow', 'function', 'secret', 'api', 'bucket'] as const;
export const triggerKinds = ['http', 'queue', 'topic', 'event', 'schedule', 'stream', 'bucket'] as const;
export type TriggerType = (typeof triggerKinds)[number];
const triggerExtras: Record<TriggerType, string[]> = {
  http: ['api', 'auth', 'throttle'],
  queue: ['batchSize', 'batchWindow', 'maxConcurrency', 'filter'],
  topic: ['filter', 'filterScope'],
  event: ['input', 'inputPaths', 'inputTemplate'],
  schedule: ['input', 'inputPaths', 'inputTemplate'],
  stream: ['batchSize', 'batchWindow', 'startingPosition', 'maxRetries', 'filter'],
  bucket: ['events', 'prefix', 'suffix'],
};
const kindGrant: Record<string, string> = {
  queue: 'send',
  topic: 'publish',
  bus: 'put events',
  workflow: 'start executions',
  function: 'invoke',
  secret: 'read the secret value',
  api: 'manage its connections',
};

/** The type of a trigger naming exactly one of http, queue, ... (undefined otherwise). */
export function triggerType(t: TriggerSpec): TriggerType | undefined {
  if (!t || typeof t !== 'object') return undefined;
  const present = Object.keys(t).filter((k): k is TriggerType => (triggerKinds as readonly string[]).includes(k));
  return present.length === 1 ? present[0] : undefined;
}

export function checkFunctions(c: CheckContext): void {
  const handlerFiles = new Map<string, { file: string; fn: string }>();
  for (const [fnName, fn] of Object.entries(c.m.functions ?? {})) {
    if (!fn) continue;
    const base: Path = ['functions', fnName];
    checkHandler(c, fnName, fn, base, handlerFiles);
    checkUses(c, fn, base);
    (fn.triggers ?? []).forEach((t: TriggerSpec, i: number) => {
      const path = [...base, 'triggers', i];
      if (!t || typeof t !== 'object') return;
      const kind = c.oneKind(t as Record<string, unknown>, triggerKinds, path, 'a trigger');
      if (!kind) return;
      for (const key of Object.keys(t)) {
        if (key !== kind && !triggerExtras[kind].includes(key)) {
          c.add({ path: [...path, key], at: 'key', code: 'trigger-key', message: `'${key}' does not apply to a ${kind} trigger`, hint: triggerExtras[kind].length ? `${kind} triggers take: ${triggerExtras[kind].join(', ')}` : `${kind} triggers take no options` });
        }
      }
    });
    if (fn.onFailure && typeof fn.onFailure === 'object') checkDestination(c, fnName, fn, 'onFailure');
    if (fn.onSuccess && typeof fn.onSuccess === 'object') checkDestination(c, fnName, fn, 'onSuccess');
    checkFunctionEnvironment(fn, base, c.defaults.environment ?? {}, c.add);
  }
  checkFunctionUrls(c);
}

function checkHandler(c: CheckContext, fnName: string, fn: FunctionSpec, base: Path, handlerFiles: Map<string, { file: string; fn: string }>): void {
  const runtime = fn.runtime ?? c.defaults.runtime ?? c.m.runtime ?? DEFAULTS.runtime;
  const ext = runtime.startsWith('python') ? 'py' : 'ts';
  if (typeof fn.handler === 'string' && !insideProject(fn.handler)) {
    c.add({ path: [...base, 'handler'], code: 'path-outside', message: `handler '${fn.handler}' is outside the project folder`, hint: `use a path relative to app.yaml, such as src/handlers/${fnName}.${ext}` });
  } else if (typeof fn.handler === 'string' && /^(\.\/)?src\/generated\//.test(fn.handler)) {
    c.add({ path: [...base, 'handler'], code: 'path-generated', message: `handler '${fn.handler}' is in src/generated/, which eda synth rewrites`, hint: `keep handlers elsewhere, such as src/handlers/${fnName}.${ext}` });
  }
  const language = handlerLanguageProblem(fn, runtime);
  if (language) c.add({ path: [...base, 'handler'], code: 'handler-language', ...language });
  if (fn.requirements !== undefined && !runtime.startsWith('python')) {
    c.add({ path: [...base, 'requirements'], at: 'key', code: 'requirements-runtime', message: `requirements applies to Python functions only, and '${fnName}' runs ${runtime}`, hint: 'set runtime: python3.13 on the function (Node.js dependencies come from package.json), or remove requirements' });
  }
  const handlerFile = handlerLocation(fnName, fn.handler, runtime).file;
  const sameFile = handlerFiles.get(handlerFile.toLowerCase());
  if (sameFile && sameFile.file !== handlerFile) {
    c.add({ path: fn.handler ? [...base, 'handler'] : base, at: fn.handler ? 'value' : 'key', code: 'handler-case', message: `the handler of '${fnName}' (${handlerFile}) differs from that of '${sameFile.fn}' (${sameFile.file}) only in capitals`, hint: 'on macOS and Windows they are the same file; rename one function or set its handler:' });
  } else if (!sameFile) handlerFiles.set(handlerFile.toLowerCase(), { file: handlerFile, fn: fnName });
}

function checkUses(c: CheckContext, fn: FunctionSpec, base: Path): void {
  const usedEnv = new Map<string, Path>();
  (fn.uses ?? []).forEach((use: UseSpec, i: number) => {
    const path = [...base, 'uses', i];
    if (!use || typeof use !== 'object') return;
    const kind = c.oneKind(use as Record<string, unknown>, useKinds, path, 'a use');
    if (!kind) return;
    if (use.access !== undefined && kind !== 'table' && kind !== 'bucket') c.add({ path: [...path, 'access'], at: 'key', code: 'use-access', message: `access applies to tables and buckets only`, hint: `a ${kind} use grants ${kindGrant[kind]}` });
    if (kind !== 'secret') c.ref(kind as Kind, use[kind], [...path, kind]);
    const key = `${kind}:${use[kind]}`;
    if (usedEnv.has(key)) c.add({ path: [...path, kind], code: 'use-duplicate', message: `${kind} '${use[kind]}' is listed twice in uses`, hint: 'list each resource once (tables and buckets take access: read | write | readWrite)' });
    usedEnv.set(key, path);
    if (kind === 'secret' && typeof use.secret === 'string' && use.secret.startsWith('arn:') && !/^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:.+/.test(use.secret)) {
      c.add({ path: [...path, 'secret'], code: 'secret-arn', message: `'${use.secret}' is not a Secrets Manager secret ARN`, hint: 'write the secret name (stripe-key) or its ARN (arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME-abc123)' });
    }
  });
}

const destinationKinds = ['queue', 'topic', 'function', 'bus'] as const;

/** onSuccess / onFailure: one declared queue, topic, function or bus that Lambda can deliver records to. */
function checkDestination(c: CheckContext, fnName: string, fn: FunctionSpec, key: 'onSuccess' | 'onFailure'): void {
  const d = fn[key] as DestinationSpec;
  const path: Path = ['functions', fnName, key];
  const kind = c.oneKind(d as Record<string, unknown>, destinationKinds, path, 'a destination');
  if (!kind) return;
  const name = d[kind]!;
  const at = [...path, kind];
  c.ref(kind, name, at);
  const what = key === 'onFailure' ? 'failed invocations' : 'invocation records';
  if (kind === 'queue' && c.m.queues?.[name]?.fifo) c.add({ path: at, code: 'fifo-destination', message: `FIFO queue '${name}' cannot take ${what}`, hint: 'Lambda destinations and EventBridge dead-letter queues must be standard queues' });
  if (kind === 'topic' && c.m.topics?.[name]?.fifo) c.add({ path: at, code: 'fifo-destination', message: `FIFO topic '${name}' cannot take ${what}`, hint: 'Lambda destinations must be standard topics' });
  if (kind === 'function' && name === fnName) c.add({ path: at, code: 'destination-self', message: `function '${fnName}' cannot be its own destination`, hint: 'send the records to another function, or to a queue, topic or bus' });
  const stream = (fn.triggers ?? []).findIndex((t) => t && typeof t === 'object' && t.stream !== undefined);
  if (key === 'onFailure' && stream >= 0 && (kind === 'function' || kind === 'bus')) {
    c.add({ path: at, at: 'key', code: 'stream-destination', message: `a stream trigger (triggers[${stream}]) sends failed batches only to a queue or topic, not a ${kind}`, hint: 'use onFailure: { queue: name } or { topic: name }, which serve both async invocations and the stream' });
  }
}
