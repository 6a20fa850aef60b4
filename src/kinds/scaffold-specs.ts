// Parsing the compact flag values of `eda add`: --trigger queue:refunds, --uses table:orders:write,
// --target workflow:process-order, --pattern '{...}'.
import { UsageError } from '../core/errors.js';
import type { Spec, SpecRef } from './scaffold-types.js';
import { checkSchedule as scheduleProblem } from '../core/schedule.js';

export const ROUTE_PATTERN = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|ANY) (\/|(\/[^/\s]+)+)$/;
const KEY_PATTERN = /^[A-Za-z0-9_.-]{1,255}(:(string|number|binary))?$/;

export function normalizeRoute(route: string): string {
  const trimmed = route.trim().replace(/\s+/g, ' ');
  const space = trimmed.indexOf(' ');
  return space < 0 ? trimmed : `${trimmed.slice(0, space).toUpperCase()}${trimmed.slice(space)}`;
}

export function checkRoute(route: string, flag: string): string {
  const r = normalizeRoute(route);
  if (!ROUTE_PATTERN.test(r)) throw new UsageError(`${flag}: '${route}' is not a route`, 'write it as "METHOD /path", e.g. "GET /orders/{id}" (METHOD may be ANY)');
  return r;
}

/** A schedule expression EventBridge accepts (the check validate runs), trimmed; else a usage error saying why. */
export function checkSchedule(expr: string, flag: string): string {
  const e = expr.trim();
  const problem = scheduleProblem(e);
  if (problem) throw new UsageError(`${flag}: '${expr}': ${problem.message}`, problem.hint ?? 'use rate(5 minutes) or cron(0 2 * * ? *)');
  return e;
}

/** For a prompt: true, or why the answer is not a schedule expression. */
export const validSchedule = (v: string): true | string => scheduleProblem(v.trim())?.message ?? true;

export function checkKey(key: string, flag: string): string {
  if (!KEY_PATTERN.test(key)) throw new UsageError(`${flag}: '${key}' is not a key`, 'write name or name:string|number|binary');
  return key;
}

export function parseJsonObject(text: string, flag: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${flag}: not valid JSON (${(error as Error).message})`, `quote it for the shell, e.g. ${flag} '{"detail-type":["OrderPlaced"]}'`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new UsageError(`${flag}: expected a JSON object`);
  return value as Record<string, unknown>;
}

export function parseInteger(text: string | undefined, flag: string, min: number, max: number): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`${flag}: expected a whole number from ${min} to ${max}, got '${text}'`);
  return n;
}

function split(spec: string, flag: string): [string, string] {
  const colon = spec.indexOf(':');
  if (colon <= 0) throw new UsageError(`${flag}: '${spec}' should look like kind:name`);
  return [spec.slice(0, colon).trim(), spec.slice(colon + 1).trim()];
}

/** --trigger: http:"POST /orders" | queue:q | topic:t | schedule:rate(..) | stream:table | event:[bus:]{json} */
export function parseTrigger(spec: string): { trigger: Spec; refs: SpecRef[] } {
  const flag = '--trigger';
  const [type, rest] = split(spec, flag);
  switch (type) {
    case 'http':
      return { trigger: { http: checkRoute(rest, flag) }, refs: [] };
    case 'queue':
      return { trigger: { queue: rest }, refs: [{ kind: 'queue', name: rest }] };
    case 'topic':
      return { trigger: { topic: rest }, refs: [{ kind: 'topic', name: rest }] };
    case 'stream':
      return { trigger: { stream: rest }, refs: [{ kind: 'table', name: rest }] };
    case 'bucket':
      return { trigger: { bucket: rest }, refs: [{ kind: 'bucket', name: rest }] };
    case 'schedule':
      return { trigger: { schedule: checkSchedule(rest, flag) }, refs: [] };
    case 'event': {
      if (rest.startsWith('{')) return { trigger: { event: { pattern: parseJsonObject(rest, flag) } }, refs: [] };
      const [bus, pattern] = split(rest, flag);
      return { trigger: { event: { bus, pattern: parseJsonObject(pattern, flag) } }, refs: bus === 'default' ? [] : [{ kind: 'bus', name: bus }] };
    }
    default:
      throw new UsageError(`${flag}: unknown trigger '${type}'`, 'use http, queue, topic, schedule, stream, event or bucket');
  }
}

/** --uses: table:orders[:read|write|readWrite] | bucket:b[:access] | queue:q | topic:t | bus:b | workflow:w | function:f | secret:id | api:<websocket api> */
export function parseUse(spec: string): { use: Spec; refs: SpecRef[] } {
  const flag = '--uses';
  const [kind, rest] = split(spec, flag);
  switch (kind) {
    case 'table':
    case 'bucket': {
      const [name, access] = rest.split(':');
      if (access !== undefined && !['read', 'write', 'readWrite'].includes(access)) {
        throw new UsageError(`${flag}: ${kind} access '${access}' is not read, write or readWrite`);
      }
      return { use: access ? { [kind]: name, access } : { [kind]: name }, refs: [{ kind, name: name! }] };
    }
    case 'queue':
    case 'topic':
    case 'workflow':
    case 'function':
      return { use: { [kind]: rest }, refs: [{ kind, name: rest }] };
    case 'bus':
      return { use: { bus: rest }, refs: rest === 'default' ? [] : [{ kind: 'bus', name: rest }] };
    case 'secret':
      if (!rest) throw new UsageError(`${flag}: secret:<name or ARN>`);
      return { use: { secret: rest }, refs: [] };
    case 'api':
      return { use: { api: rest }, refs: [{ kind: 'api', name: rest }] };
    default:
      throw new UsageError(`${flag}: unknown kind '${kind}'`, 'use table, bucket, queue, topic, bus, workflow, function, secret or api (a websocket api)');
  }
}

/** --target: function:f | queue:q | topic:t | workflow:w | bus:b */
export function parseTarget(spec: string): { target: Spec; refs: SpecRef[] } {
  const flag = '--target';
  const [kind, name] = split(spec, flag);
  if (!['function', 'queue', 'topic', 'workflow', 'bus'].includes(kind)) {
    throw new UsageError(`${flag}: unknown target kind '${kind}'`, 'use function, queue, topic, workflow or bus');
  }
  return { target: { [kind]: name }, refs: [{ kind: kind as SpecRef['kind'], name }] };
}
