// eda logs: which log groups an app's functions, workflows and APIs write to in the
// deployed stack, reading them (FilterLogEvents, every page, interleaved by time), and
// following them (polling with backoff that also absorbs throttling).
import { EdaError } from '../core/errors.js';
import { suggest } from '../core/did-you-mean.js';
import type { App } from '../model/types.js';
import type { Clock, StackResourceSummary } from './api.js';
import type { LogEvent, LogsApi } from './cloud-api.js';

export interface LogSource {
  /** The name in app.yaml (function, workflow or API). */
  name: string;
  kind: 'function' | 'workflow' | 'api';
  logicalId: string;
  /** The log group's name in the deployed stack. */
  logGroupName?: string;
}

/** Every log group the app's template declares: functions', workflows' and APIs' access logs. */
export function logSources(app: App): LogSource[] {
  const sources: LogSource[] = [];
  for (const fn of app.functions) sources.push({ name: fn.name, kind: 'function', logicalId: fn.logGroupLogicalId });
  for (const wf of app.workflows) sources.push({ name: wf.name, kind: 'workflow', logicalId: `${wf.logicalId}LogGroup` });
  for (const api of app.apis) if (api.accessLogs) sources.push({ name: api.name, kind: 'api', logicalId: `${api.logicalId}AccessLogGroup` });
  return sources;
}

/** The sources named (in the order given, once each); an unknown name is an error naming the closest one. */
export function checkNames(all: LogSource[], names: string[]): LogSource[] {
  const chosen: LogSource[] = [];
  for (const name of names) {
    const source = all.find((s) => s.name === name);
    if (!source) {
      throw new EdaError(`'${name}' is not a function, workflow or API with logs in app.yaml.`, suggest(name, all.map((s) => s.name), 'names'));
    }
    if (!chosen.includes(source)) chosen.push(source);
  }
  return chosen;
}

/**
 * The sources asked for (all functions and workflows when none are named), with their log
 * groups' names from the stack. An unknown name is an error naming the closest one.
 */
export function chooseSources(all: LogSource[], names: string[], resources: StackResourceSummary[], stackName: string): LogSource[] {
  const physical = new Map(resources.filter((r) => r.ResourceStatus !== 'DELETE_COMPLETE').map((r) => [r.LogicalResourceId ?? '', r.PhysicalResourceId]));
  const chosen = checkNames(all, names);
  if (!names.length) chosen.push(...all.filter((s) => s.kind !== 'api'));
  const found = chosen.map((s) => ({ ...s, logGroupName: physical.get(s.logicalId) }));
  const missing = found.filter((s) => !s.logGroupName);
  if (missing.length === found.length && found.length) {
    throw new EdaError(
      `The deployed stack ${stackName} has no log group for ${missing.map((s) => s.name).join(', ')}.`,
      'Deploy the app first (`eda deploy`), with the same --stage.',
    );
  }
  return found.filter((s) => s.logGroupName);
}

const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** --since: "10m", "2h", "30s", "1d", or a date (ISO 8601). The start time in ms. */
export function parseSince(value: string, now: number): number {
  const m = /^(\d+)\s*([smhd])$/.exec(value.trim());
  if (m) return now - Number(m[1]) * UNITS[m[2]!]!;
  const date = Date.parse(value);
  if (!Number.isNaN(date) && /\d{4}-\d{2}-\d{2}/.test(value)) return date;
  throw new EdaError(`--since "${value}" is neither a duration nor a date.`, 'Use e.g. --since 10m, 2h, 1d, or --since 2026-03-02T14:00:00Z.');
}

export interface SourcedEvent extends LogEvent {
  source: LogSource;
}

/** Every event of one group since `startTime` (every page). */
async function readGroup(logs: LogsApi, source: LogSource, startTime: number, filterPattern: string | undefined, endTime?: number) {
  const events: SourcedEvent[] = [];
  let token: string | undefined;
  let throttled = false;
  do {
    const page = await logs.filterLogEvents({ logGroupName: source.logGroupName!, startTime, endTime, filterPattern, nextToken: token });
    if (page.throttled) throttled = true;
    events.push(...page.events.map((e) => ({ ...e, source })));
    token = page.nextToken;
  } while (token && !throttled);
  return { events, throttled };
}

/** Merges the groups' events in time order (ties keep the group order, then the event order). */
export function interleave(groups: SourcedEvent[][]): SourcedEvent[] {
  return groups.flat().map((e, i) => ({ e, i })).sort((a, b) => a.e.timestamp - b.e.timestamp || a.i - b.i).map(({ e }) => e);
}

export async function readLogs(logs: LogsApi, sources: LogSource[], startTime: number, filterPattern?: string): Promise<SourcedEvent[]> {
  const results = await Promise.all(sources.map((s) => readGroup(logs, s, startTime, filterPattern)));
  if (results.some((r) => r.throttled)) {
    throw new EdaError('CloudWatch Logs kept throttling the reads, even after retrying.', 'Wait a minute, or name fewer functions.');
  }
  return interleave(results.map((r) => r.events));
}

export interface FollowOptions {
  logs: LogsApi;
  clock: Clock;
  sources: LogSource[];
  startTime: number;
  filterPattern?: string;
  signal: AbortSignal;
  emit(events: SourcedEvent[]): void;
  /** Told when CloudWatch Logs throttles and the next poll waits longer. */
  onThrottled?(waitMs: number): void;
}

export const FOLLOW_MIN_MS = 1000;
export const FOLLOW_IDLE_MAX_MS = 5000;
export const FOLLOW_THROTTLED_MAX_MS = 30_000;

/**
 * Polls every group until the signal aborts. Each poll reads from the newest timestamp
 * seen (inclusive) and skips event IDs already shown. The wait grows while nothing
 * arrives (up to 5 s) and doubles while throttled (up to 30 s); new events reset it.
 */
export async function followLogs(o: FollowOptions): Promise<void> {
  const since = new Map(o.sources.map((s) => [s.logGroupName!, o.startTime]));
  const seen = new Set<string>();
  let wait = FOLLOW_MIN_MS;
  while (!o.signal.aborted) {
    const results = await Promise.all(o.sources.map((s) => readGroup(o.logs, s, since.get(s.logGroupName!)!, o.filterPattern)));
    const fresh = interleave(results.map((r) => r.events)).filter((e) => {
      const id = e.eventId ?? `${e.logGroupName}/${e.logStreamName}/${e.timestamp}/${e.message}`;
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    });
    for (const e of fresh) since.set(e.logGroupName, Math.max(since.get(e.logGroupName)!, e.timestamp));
    if (fresh.length) o.emit(fresh);
    if (results.some((r) => r.throttled)) {
      wait = Math.min(FOLLOW_THROTTLED_MAX_MS, Math.max(wait, FOLLOW_MIN_MS) * 2);
      o.onThrottled?.(wait);
    } else {
      wait = fresh.length ? FOLLOW_MIN_MS : Math.min(FOLLOW_IDLE_MAX_MS, Math.round(wait * 1.5));
    }
    if (o.signal.aborted) break;
    await o.clock.sleep(wait, o.signal);
  }
}
